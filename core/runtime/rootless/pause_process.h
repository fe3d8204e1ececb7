#pragma once
// The pause process holds the rootless user namespace open between berth invocations, like rootless
// Podman's: one small process per user that does nothing but exist. Every berth, berth-shim and
// berth-desktop of the user joins its user namespace, so all of them see the same ids and files
// extracted by one keep their owners for the next. It is made on first use and made again, with
// the same mapping, when it has died; running containers hold their own reference to the namespace.
//
// Lifecycle: createPauseProcess forks a child that unshares CLONE_NEWUSER and waits; the parent
// writes the child's uid_map/gid_map (newuidmap/newgidmap, or the single-id line itself); the child
// then forks the pause process proper (setsid, no open fds, cwd /, named "berth-pause") and exits,
// so the pause process is nobody's child and never a zombie of a long-running app.
#include "runtime/rootless/id_mapping_plan.h"
#include "support/error.h"

#include <filesystem>
#include <sys/types.h>

namespace berth::runtime {

// The setuid helpers from Debian's uidmap package.
struct IdMapTools {
    std::filesystem::path newuidmap, newgidmap; // empty: not installed
};
// Looks them up in PATH, then /usr/bin and /usr/sbin.
IdMapTools findIdMapTools();

// <runtimeDir>/pause.pid.
std::filesystem::path pausePidFile(const std::filesystem::path& runtimeDir);
// The pause process recorded in runtimeDir when it still runs as ours ("berth-pause", same owner,
// in a user namespace other than ours); 0 otherwise.
pid_t findPauseProcess(const std::filesystem::path& runtimeDir);

// Makes a pause process in a new user namespace mapped as plan says and records its pid in
// runtimeDir. Multi-id plans need both tools; a single-id plan is written directly (setgroups
// "deny" first, as the kernel requires of an unprivileged writer). The caller holds the lock.
Result<pid_t> createPauseProcess(const std::filesystem::path& runtimeDir, const IdMappingPlan& plan,
                                 const IdMapTools& tools);

// A berth-shim of this user running in a user namespace; 0 when none. When the pause process died
// while containers ran, their namespace lives on in their shims: joining it (and adopting a new
// pause process there) keeps those containers reachable — signals from a sibling namespace could
// not reach their processes that run under subordinate ids.
pid_t findNamespaceHolder();
// Starts a pause process in the user namespace this process is in now and records it.
Result<pid_t> adoptPauseProcess(const std::filesystem::path& runtimeDir);

} // namespace berth::runtime
