#include "runtime/rootless/subordinate_ids.h"

#include "support/file_util.h"
#include "support/text.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace berth::runtime {

namespace {

bool parseU32(std::string_view s, std::uint32_t& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc{} && p == s.data() + s.size();
}

std::string_view trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

} // namespace

std::vector<IdRange> parseSubordinateIds(std::string_view text, std::string_view userName,
                                         std::uint32_t uid) {
    const std::string uidText = std::to_string(uid);
    std::vector<IdRange> out;
    forEachLine(text, [&](std::string_view line) {
        line = trim(line);
        if (line.empty() || line.front() == '#') return;
        auto c1 = line.find(':');
        auto c2 = c1 == std::string_view::npos ? c1 : line.find(':', c1 + 1);
        if (c2 == std::string_view::npos) return;
        auto owner = line.substr(0, c1);
        if (owner != userName && owner != uidText) return;
        IdRange r;
        if (!parseU32(line.substr(c1 + 1, c2 - c1 - 1), r.start) || !parseU32(line.substr(c2 + 1), r.count))
            return;
        // A range that would wrap past the last id is as malformed as one that does not parse.
        if (r.count == 0 || r.start > UINT32_MAX - r.count) return;
        out.push_back(r);
    });
    return out;
}

Result<std::vector<IdRange>> readSubordinateIds(const std::filesystem::path& file, std::string_view userName,
                                                std::uint32_t uid) {
    auto text = readFile(file, 16u << 20);
    if (!text && text.error().code == ErrorCode::NotFound) return std::vector<IdRange>{};
    if (!text) return std::unexpected(text.error().context("reading " + file.string()));
    return parseSubordinateIds(*text, userName, uid);
}

std::uint32_t freeSubordinateStart(const std::vector<std::string_view>& texts, std::uint32_t count) {
    std::uint64_t end = 100000;
    for (auto text : texts)
        forEachLine(text, [&](std::string_view line) {
            line = trim(line);
            auto c1 = line.find(':');
            auto c2 = c1 == std::string_view::npos ? c1 : line.find(':', c1 + 1);
            IdRange r;
            if (line.empty() || line.front() == '#' || c2 == std::string_view::npos) return;
            if (!parseU32(line.substr(c1 + 1, c2 - c1 - 1), r.start) ||
                !parseU32(line.substr(c2 + 1), r.count))
                return;
            end = std::max(end, std::uint64_t(r.start) + r.count);
        });
    if (count == 0) count = 1;
    // Round up to a multiple of count above 100000, the way useradd lays out its automatic ranges.
    std::uint64_t start = end == 100000 ? end : 100000 + (end - 100000 + count - 1) / count * count;
    return start > UINT32_MAX - count ? 100000 : static_cast<std::uint32_t>(start);
}

std::uint32_t totalIds(const std::vector<IdRange>& ranges) {
    std::uint64_t sum = 0;
    for (auto& r : ranges)
        sum += r.count;
    return sum > UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(sum);
}

} // namespace berth::runtime
