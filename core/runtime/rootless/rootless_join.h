#pragma once
// Entering rootless mode: an ordinary user's berth, berth-shim and berth-desktop call
// joinRootlessUserNamespace() first thing in main(), before any thread exists (setns(2) refuses a
// multithreaded caller for CLONE_NEWUSER) — so before Qt, before the engine. Afterwards the process
// is uid 0 and gid 0 in the user's namespace, with every capability there and none on the host;
// geteuid() is 0, so code asks inUserNamespace() to know it runs rootless.
#include "runtime/rootless/id_mapping_plan.h"
#include "runtime/rootless/rootless_paths.h"
#include "support/error.h"

#include <string>
#include <sys/types.h>

namespace berth::runtime {

struct RootlessJoin {
    bool joined = false;       // false: real root, or already inside (a shim started by berth)
    bool createdPause = false; // the pause process was made now (first use, or the old one died)
    pid_t pausePid = 0;
    bool singleId = false;
    // One line for the user when the namespace was made with less than full subordinate ids.
    std::string notice;
};

// The mapping this user gets: its subordinate ids from subuidFile/subgidFile when it has both and
// the tools are installed, else single-id; notice says why it is single-id and how to change it.
struct PlannedMapping {
    IdMappingPlan plan;
    std::string notice;
};
PlannedMapping planForUser(std::uint32_t uid, std::uint32_t gid, const std::string& userName,
                           const std::filesystem::path& subuidFile, const std::filesystem::path& subgidFile,
                           bool haveTools);

// Joins (making it when needed) the user namespace of the caller's pause process. A no-op for
// real root and for a process already in a user namespace as uid 0. Fails in one line saying what
// to do when user namespaces are disabled or the maps are refused. Never waits long: when another
// process keeps the runtime directory's pause.lock for 3 s (a berth stopped mid-join), it fails in
// one line naming the lock and its holder.
Result<RootlessJoin> joinRootlessUserNamespace();

// Whether this process runs as rootless Berth: not real root on the host.
bool isRootless();

// What to add to an error that single-id mode caused (a chown to an id the namespace does not map:
// EINVAL), given this process's uid map; empty for any other error. Single-id mode refuses such
// images rather than squash their owners, so that what runs is what the image says.
std::string singleIdHint(const Error& error, const std::vector<IdMapping>& uidMap);

} // namespace berth::runtime
