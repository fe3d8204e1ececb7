#pragma once
// The uid_map and gid_map of the rootless user namespace, as rootless Podman lays them out: the
// user's own id is 0 inside, its subordinate ids follow from 1 on. With no subordinate ids the
// map is the single line "0 <uid> 1" an unprivileged process may write itself (user_namespaces(7)).
#include "runtime/rootless/subordinate_ids.h"
#include "support/user_namespace.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace berth::runtime {

// Lines the kernel accepts in one uid_map or gid_map (340 since Linux 4.15).
constexpr std::size_t MaxIdMapLines = 340;

struct IdMappingPlan {
    std::vector<IdMapping> uids, gids;
    // Only id 0 exists inside: files of other owners cannot be created and setgroups is denied.
    bool singleId() const { return uids.size() <= 1 && gids.size() <= 1; }
    friend bool operator==(const IdMappingPlan&, const IdMappingPlan&) = default;
};

// 0 → own, then the ranges from inside id 1 on: sorted, overlaps merged (the kernel refuses
// overlapping lines), the own id cut out of them, at most MaxIdMapLines lines in all and no
// inside id beyond 4294967294 (4294967295 is the "no id" value).
std::vector<IdMapping> planIds(std::uint32_t own, std::vector<IdRange> ranges);
// Both maps; when the user lacks subordinate uids or gids, both are single-id.
IdMappingPlan planIdMappings(std::uint32_t uid, std::uint32_t gid, const std::vector<IdRange>& subuids,
                             const std::vector<IdRange>& subgids);

// "inside outside count" lines, as written to /proc/<pid>/uid_map.
std::string idMapText(const std::vector<IdMapping>& mappings);
// The arguments of newuidmap / newgidmap after the program name: pid, then the triples.
std::vector<std::string> newIdMapArgs(pid_t pid, const std::vector<IdMapping>& mappings);

} // namespace berth::runtime
