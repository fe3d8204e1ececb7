#include "runtime/mount_json.h"

#include "support/file_util.h"

#include <nlohmann/json.hpp>

namespace berth::runtime {

using nlohmann::json;

Status writeMounts(const std::filesystem::path& file, const std::vector<layer::Mount>& mounts) {
    json j = json::array();
    for (auto& m : mounts)
        j.push_back({{"type", m.type}, {"source", m.source}, {"options", m.options},
                     {"workingDirectory", m.workingDirectory.string()}});
    return writeFileAtomic(file, j.dump(2));
}

Result<std::vector<layer::Mount>> readMounts(const std::filesystem::path& file) {
    auto text = BERTH_TRY(readFile(file, 1u << 20));
    json j = json::parse(text, nullptr, false);
    if (!j.is_array()) return fail(ErrorCode::Corrupt, file.string() + " is not a list of mounts");
    std::vector<layer::Mount> out;
    for (auto& m : j) {
        layer::Mount mt;
        mt.type = m.value("type", "");
        mt.source = m.value("source", "");
        mt.options = m.value("options", std::vector<std::string>{});
        mt.workingDirectory = m.value("workingDirectory", "");
        out.push_back(std::move(mt));
    }
    return out;
}

} // namespace berth::runtime
