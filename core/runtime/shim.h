#pragma once
// The per-container supervisor (like conmon): a small process, detached from whoever started it,
// that is the parent of the container's pid 1. It starts the container (clone into new
// namespaces, then container_init), tells the starter "ok" or why not through readyFd, writes the
// container's output to its json log, reaps it, records the exit code (128+signal when killed),
// applies the restart policy with Docker's backoff, and removes the container when --rm asked.
// The CLI and the app may exit at any time: the container lives on with its shim.
#include "support/error.h"

#include <filesystem>
#include <string>

namespace berth::runtime {

class CgroupManager;
// Kills what is left in a dead container's cgroup, waits for it (up to 2 s) and removes it.
void releaseCgroup(CgroupManager* cgroup);

// Runs until the container is finally down; returns the shim's exit code.
// attachExpected: a client will attach right after the start (attached `run`, `start -a`): the
// output is kept for it until it connects.
int runShim(const std::filesystem::path& root, const std::string& id, int readyFd, bool attachExpected = false);

// What the starter hears on readyFd: "ok" or "<exit code> <message>".
struct StartReport {
    bool ok = false;
    int exitCode = 0;
    std::string message;
};

// Spawns a detached shim (double fork, new session, stdio on /dev/null) and waits until it
// reports the start. shimPath empty: berth-shim next to /proc/self/exe, or $BERTH_SHIM.
Result<StartReport> launchShim(const std::filesystem::path& root, const std::string& id,
                               const std::filesystem::path& shimPath = {}, bool attachExpected = false);

} // namespace berth::runtime
