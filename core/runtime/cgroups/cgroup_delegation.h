#pragma once
// Finding a cgroup v2 subtree delegated to the user, where rootless Berth may make its containers'
// cgroups. systemd delegates user@<uid>.service to the user by chowning the directory and its
// cgroup.procs, cgroup.subtree_control and cgroup.threads (docs.kernel.org/admin-guide/cgroup-v2.html,
// "Delegation Containment"): the user may then create children there and move processes between
// cgroups below it. Paths are injected so tests use fixture trees.
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace berth::runtime {

struct DelegatedCgroup {
    std::filesystem::path dir;         // under the unified mount
    std::set<std::string> controllers; // what its cgroup.subtree_control enables for its children
};

// The nearest directory from ownCgroup (the "0::" path of /proc/self/cgroup, e.g.
// "/user.slice/user-1000.slice/user@1000.service/app.slice/x.scope") up to the root that is
// delegated to uid: the directory and its cgroup.procs are owned by uid. Moving a process needs
// write access to cgroup.procs of the common ancestor of where it is and where it goes, so the
// containers' cgroups must live under that directory. nullopt when no ancestor qualifies.
// uid is as the current user namespace sees owners (the user's host uid reads as the id it maps to).
std::optional<DelegatedCgroup> findDelegatedCgroup(const std::filesystem::path& unifiedRoot,
                                                   std::string_view ownCgroup, uid_t uid);

} // namespace berth::runtime
