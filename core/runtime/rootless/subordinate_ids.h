#pragma once
// Subordinate ids (subuid(5), subgid(5)): the ranges of host uids and gids an ordinary user may
// map into a user namespace through the setuid helpers newuidmap and newgidmap. Each line of
// /etc/subuid and /etc/subgid is "name-or-uid:start:count"; a user may have several lines.
#include "support/error.h"

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace berth::runtime {

// Host ids [start, start + count) the user may map.
struct IdRange {
    std::uint32_t start = 0, count = 0;
    friend bool operator==(const IdRange&, const IdRange&) = default;
};

// The ranges of the user (matched by name or by numeric uid, as shadow does) in the order the file
// lists them. Comments (#), blank lines, malformed lines and empty ranges are skipped: another
// user's typo must not take this user's ranges away, and newuidmap skips them too.
std::vector<IdRange> parseSubordinateIds(std::string_view text, std::string_view userName, std::uint32_t uid);

// Reads and parses the file; a missing file means no ranges, an unreadable one is an error.
Result<std::vector<IdRange>> readSubordinateIds(const std::filesystem::path& file, std::string_view userName,
                                                std::uint32_t uid);

// A start for a new range of count ids that lies after every range of the texts (/etc/subuid and
// /etc/subgid together): 100000 + a multiple of count, as useradd lays out its automatic ranges.
// What to suggest to `usermod --add-subuids`.
std::uint32_t freeSubordinateStart(const std::vector<std::string_view>& texts, std::uint32_t count = 65536);

// The sum of the counts, saturating at UINT32_MAX.
std::uint32_t totalIds(const std::vector<IdRange>& ranges);

} // namespace berth::runtime
