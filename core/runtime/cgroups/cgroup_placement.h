#pragma once
// Where containers' cgroups go, decided once for the whole process: as root, the host's
// hierarchies (today's v1/v2 layout); in a user namespace (rootless), a cgroup v2 subtree delegated
// to the user when there is one, else no cgroup at all — the container still runs, its processes
// found from /proc (ProcessTreeManager), and limits are refused. makeContainerCgroupManager()
// (cgroup_manager.h) builds the manager for one container from this.
#include "runtime/cgroups/cgroup_delegation.h"
#include "runtime/cgroups/cgroup_layout.h"
#include "support/error.h"

#include <filesystem>
#include <optional>
#include <string>

namespace berth::runtime {

enum class CgroupMode {
    Host,        // root: berth/<id> under the host's hierarchies
    Delegated,   // rootless: <delegated>/berth/<id> with the v2 backend
    ProcessTree, // no cgroup: the container's processes read from /proc
};

struct CgroupPlacement {
    CgroupMode mode = CgroupMode::Host;
    // Host: the host's layout. Delegated: a v2 layout whose root is the delegated directory,
    // offering the controllers its cgroup.subtree_control enables.
    CgroupLayout layout;
    std::filesystem::path procRoot = "/proc"; // ProcessTree reads processes here
    // ProcessTree: completes "container <id>: --memory " when a limit is asked for.
    std::string refusal;
};

// The decision, from what detectCgroupPlacement() read. A root without any cgroup hierarchy gets
// ProcessTree too, so stats and pause still work there.
CgroupPlacement choosePlacement(const CgroupLayout& host, bool inUserNamespace,
                                const std::optional<DelegatedCgroup>& delegated);
// Reads the real files: /proc/self/uid_map, /proc/self/mountinfo, /proc/self/cgroup and the owners
// of the unified tree.
Result<CgroupPlacement> detectCgroupPlacement();

// "host", "delegated", "none", for `berth info`.
const char* cgroupModeName(CgroupMode mode);

} // namespace berth::runtime
