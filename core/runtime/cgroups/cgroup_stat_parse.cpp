#include "runtime/cgroups/cgroup_stat_parse.h"

#include "support/text.h"

#include <charconv>

namespace berth::runtime {

namespace {

// Values at or above this are the kernel's "no limit" (PAGE_COUNTER_MAX × page size on v1).
constexpr std::uint64_t kUnlimitedThreshold = std::uint64_t(1) << 62;

} // namespace

std::optional<std::uint64_t> parseUnsigned(std::string_view word) {
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
    if (ec != std::errc() || ptr != word.data() + word.size() || word.empty()) return std::nullopt;
    return v;
}

std::map<std::string, std::uint64_t> parseFlatKeyed(std::string_view text) {
    std::map<std::string, std::uint64_t> out;
    forEachLine(text, [&](std::string_view line) {
        auto words = splitWords(line);
        if (words.size() != 2) return;
        if (auto v = parseUnsigned(words[1])) out[std::string(words[0])] = *v;
    });
    return out;
}

std::optional<std::uint64_t> parseLimitValue(std::string_view text) {
    auto words = splitWords(text);
    if (words.size() != 1) return std::nullopt;
    if (words[0] == "max" || words[0] == "-1") return 0;
    auto v = parseUnsigned(words[0]);
    if (v && *v >= kUnlimitedThreshold) return 0;
    return v;
}

IoBytes parseIoStat(std::string_view text) {
    IoBytes out;
    forEachLine(text, [&](std::string_view line) {
        auto words = splitWords(line);
        for (std::size_t i = 1; i < words.size(); ++i) {
            auto eq = words[i].find('=');
            if (eq == std::string_view::npos) continue;
            auto value = parseUnsigned(words[i].substr(eq + 1));
            if (!value) continue;
            auto key = words[i].substr(0, eq);
            if (key == "rbytes") out.read += *value;
            else if (key == "wbytes") out.write += *value;
        }
    });
    return out;
}

IoBytes parseBlkioServiceBytes(std::string_view text) {
    IoBytes out;
    forEachLine(text, [&](std::string_view line) {
        auto words = splitWords(line);
        if (words.size() != 3 || words[0].find(':') == std::string_view::npos) return;
        auto value = parseUnsigned(words[2]);
        if (!value) return;
        if (words[1] == "Read") out.read += *value;
        else if (words[1] == "Write") out.write += *value;
    });
    return out;
}

std::uint64_t usageWithoutInactiveFile(std::uint64_t raw, std::uint64_t inactiveFile) {
    return inactiveFile < raw ? raw - inactiveFile : raw;
}

} // namespace berth::runtime
