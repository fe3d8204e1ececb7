#pragma once
// The container's first process, from clone() to execve(): it runs in the new namespaces as the
// shim's child, single-threaded, and either becomes the container's program or reports why it
// could not (through errorFd, as "<exit code> <message>") and exits. The steps, in order:
//   enter the cgroup (v1: through the tasks files) → wait for the shim's go → new cgroup namespace → private mounts →
//   mount the rootfs (snapshotter's mounts) and volumes → /proc, /dev, /sys, … → hostname,
//   hosts, resolv.conf → pivot_root → masked and read-only paths → hostname → user lookup in the
//   container's own /etc → working directory (created, then verified: CVE-2024-21626) →
//   seccomp → capabilities → groups, gid, uid → every fd above 2 close-on-exec → execve.
#include "layer/mount.h"
#include "runtime/container_config.h"

#include <filesystem>
#include <vector>

namespace berth::runtime {

struct InitPlan {
    ContainerConfig config;
    std::vector<layer::Mount> rootfsMounts; // from the snapshotter
    std::filesystem::path rootfsDir;        // mount point, <container dir>/rootfs
    std::filesystem::path hostnameFile, hostsFile, resolvConfFile;
    int consoleSocket = -1;     // -t: the init allocates the pty in the container's devpts and sends
                                // the master to the shim over this socket (SCM_RIGHTS)
    std::string seccompProgram; // compiled BPF (see compileSeccompBpf); empty: compile here
    int stdinFd = -1, stdoutFd = -1, stderrFd = -1;
    std::vector<int> cgroupTasksFds; // v1: the cgroup's tasks files; the init writes "0" to each first
    int syncFd = -1;  // read end: "g" from the shim means set up; "n", read just before execve, that
                      // the network is wired (the shim attaches it while we mount the rootfs)
    int errorFd = -1; // write end, close-on-exec: silence means execve succeeded
};

// Never returns.
[[noreturn]] void runContainerInit(const InitPlan& plan);

// Exit codes a failed start reports (Docker's): 126 cannot execute, 127 not found, 125 other.
inline constexpr int ExitCannotExecute = 126;
inline constexpr int ExitNotFound = 127;
inline constexpr int ExitSetupFailed = 125;

} // namespace berth::runtime
