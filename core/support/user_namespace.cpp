#include "support/user_namespace.h"

#include "support/file_util.h"
#include "support/text.h"

#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace berth {

namespace {

bool parseU32(std::string_view s, std::uint32_t& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
}

} // namespace

Result<std::vector<IdMapping>> parseIdMappings(std::string_view text) {
    std::vector<IdMapping> out;
    bool bad = false;
    forEachLine(text, [&](std::string_view line) {
        auto w = splitWords(line);
        if (w.empty()) return;
        IdMapping m;
        if (w.size() != 3 || !parseU32(w[0], m.inside) || !parseU32(w[1], m.outside) ||
            !parseU32(w[2], m.count)) {
            bad = true;
            return;
        }
        out.push_back(m);
    });
    if (bad) return fail(ErrorCode::Corrupt, "id map: expected lines of \"inside outside count\"");
    return out;
}

bool isInitialIdMapping(const std::vector<IdMapping>& mappings) {
    return mappings.size() == 1 && mappings[0] == IdMapping{0, 0, 4294967295u};
}

bool inUserNamespace(const std::filesystem::path& uidMapPath) {
    auto text = readFile(uidMapPath, 1u << 16);
    if (!text) return false;
    auto maps = parseIdMappings(*text);
    return maps && !maps->empty() && !isInitialIdMapping(*maps);
}

std::uint32_t outsideId(const std::vector<IdMapping>& mappings, std::uint32_t inside) {
    for (auto& m : mappings)
        if (inside >= m.inside && inside - m.inside < m.count) return m.outside + (inside - m.inside);
    return UINT32_MAX;
}

bool setgroupsDenied(const char* setgroupsPath) {
    int fd = ::open(setgroupsPath, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    char buf[8] = {};
    ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    return n >= 4 && std::strncmp(buf, "deny", 4) == 0;
}

} // namespace berth
