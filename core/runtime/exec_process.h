#pragma once
// `berth exec`: a new process joins a running container, the way nsenter or `runc exec` do, with
// no shim: the caller waits for it. Everything is prepared before fork (the engine also runs in
// the multi-threaded GUI), then:
//   child:      non-dumpable (CVE-2019-5736) → the container's cgroups (cgroup.procs) → setns into
//               ipc, uts, net, cgroup, pid and, last, mnt (root and cwd become the container's) →
//               fork, because setns(pid) only affects children → wait and relay the exit status
//   grandchild: stdio → session → user lookup in the container's /etc → chdir + getcwd check
//               (CVE-2024-21626) → no_new_privs → seccomp → keep-caps, groups, gid, uid →
//               capabilities → every fd above 2 close-on-exec → execve via PATH
// Failures before execve reach the caller through a close-on-exec pipe as "<exit code> <message>".
//
// Terminals (-t): like `docker exec -t`, the process gets a pty of its own, allocated by the
// grandchild from the container's devpts (/dev/ptmx after setns(mnt)), so `tty` names a
// /dev/pts/N the container lists; it is the controlling terminal of the process's own session.
// The master comes back over a socket and runExec relays the caller's stdin (with -i; in raw mode
// when it is a terminal) and stdout to it until the process exits (exec_process_tty.h). The
// caller's terminal is never given to the container. With -d -t nobody reads it: a small process
// of ours holds the master and discards the output until the process is gone (keepPtyOpen), as
// Docker's shim does. Without -t the process gets a session of its own and no controlling terminal.
#include "support/error.h"

#include <string>
#include <vector>

namespace berth::runtime {

struct ExecPlan {
    std::vector<int> namespaceFds;           // opened by the caller, close-on-exec; mnt last
    std::vector<int> namespaceTypes;         // CLONE_NEW… for each fd
    std::vector<std::string> cgroupProcs;    // the container's files to write "0" into (v1 tasks, v2 cgroup.procs)
    std::vector<std::string> args;           // non-empty
    std::vector<std::string> env;            // the container's env with the overrides applied
    std::string user;                        // resolved in the container's /etc
    std::vector<std::string> groupAdd;
    std::string cwd = "/";
    std::vector<std::string> capabilities;   // the container's (resolveCapabilities)
    bool noNewPrivileges = false;
    bool seccompUnconfined = false;
    bool interactive = false;                // keep stdin, else /dev/null
    bool tty = false;
    bool detach = false;                     // do not wait: the process is re-parented
};

// The outcome: exitCode is the command's (128+signal when killed) or, when it could not be
// started, 126/127 with message saying why.
struct ExecOutcome {
    int exitCode = 0;
    bool started = true;
    std::string message;
};

// Runs plan and, unless plan.detach, waits for the command. Closes plan.namespaceFds.
Result<ExecOutcome> runExec(const ExecPlan& plan);

// Docker's "OCI runtime exec failed" wording for a start failure of the exec'd process.
std::string execFailureMessage(const std::string& reason);

// The exit code Docker gives a start failure reported as e (127 not found, 126 otherwise), or 0
// when e is some other error (no such container, not running: the CLI's 1).
int execFailureExitCode(const Error& e);

} // namespace berth::runtime
