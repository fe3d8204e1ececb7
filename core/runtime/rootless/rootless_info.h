#pragma once
// What rootless mode gives on this machine, for `berth info` and the app: the id maps in use, where
// runtime state lives, and simple probes of what works (cgroup delegation, a user-mode network
// stack). The probes only look; the features themselves live in cgroups/, network/ and layer/.
#include "runtime/rootless/rootless_checks.h"
#include "support/user_namespace.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace berth::runtime {

struct RootlessInfo {
    std::vector<IdMapping> uidMap, gidMap; // this process's (after the join)
    std::filesystem::path runtimeDir;
    pid_t pausePid = 0; // 0 when none runs
    std::string
        cgroups; // "v2 delegated: cpu memory pids", or "none — limits refused, stats from processes (…)"
    std::string
        network; // the user-mode network stacks found and whether user networks work, or what to install
    std::vector<RootlessCheck> checks;
    bool singleId() const { return uidMap.size() <= 1; }
};

// cgroupRoot is /sys/fs/cgroup; procSelfCgroup the text of /proc/self/cgroup. Delegated means a
// unified (v2) hierarchy whose cgroup of ours we may write (systemd's user@.service delegation).
std::string describeCgroupSupport(const std::filesystem::path& cgroupRoot, std::string_view procSelfCgroup);
// slirp4netns and pasta, looked up in PATH, and whether user networks work (they need slirp4netns).
std::string describeNetworkSupport();

RootlessInfo probeRootless();

} // namespace berth::runtime
