#pragma once
// Which user namespace this process runs in, read from /proc/<pid>/uid_map (user_namespaces(7)).
// Rootless Berth runs the engine inside a user namespace where the invoking user is uid 0; code
// that would otherwise need real root (trusted.* xattrs, mknod of devices, mounting sysfs or
// cgroupfs with a shared netns) asks inUserNamespace() instead of geteuid().
#include "support/error.h"

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace berth {

// One line of a uid_map or gid_map: ids [inside, inside + count) of this namespace are
// [outside, outside + count) of its parent.
struct IdMapping {
    std::uint32_t inside = 0, outside = 0, count = 0;
    friend bool operator==(const IdMapping&, const IdMapping&) = default;
};

// Parses the kernel's "inside outside count" lines; Corrupt on anything else.
Result<std::vector<IdMapping>> parseIdMappings(std::string_view text);
// The initial namespace maps every id to itself: "0 0 4294967295".
bool isInitialIdMapping(const std::vector<IdMapping>& mappings);
// Whether this process runs in a user namespace other than the initial one. An unreadable or
// malformed map counts as the initial namespace.
bool inUserNamespace(const std::filesystem::path& uidMapPath = "/proc/self/uid_map");
// The id of the parent namespace that `inside` maps to; UINT32_MAX when it is not mapped.
std::uint32_t outsideId(const std::vector<IdMapping>& mappings, std::uint32_t inside);
// Whether setgroups(2) is denied here ("deny" in /proc/self/setgroups: a user namespace whose gid
// map was written without newgidmap, i.e. rootless single-id mode). There a process keeps the
// supplementary groups it came with. Safe between fork and exec (open/read/close only).
bool setgroupsDenied(const char* setgroupsPath = "/proc/self/setgroups");

} // namespace berth
