#pragma once
// How containers are shown: Docker's STATUS text and the attached output of `run`.
#include "command.h"

#include "support/file_lock.h"

#include <optional>
#include <string>

namespace berth::cli {

// "Up 5 minutes", "Exited (137) 2 minutes ago", "Created", "Up 3 seconds (Paused)".
std::string statusText(const runtime::ContainerState& state);
// Prints the container's output (stdout to stdout, stderr to stderr) as it comes, until it has
// exited; returns its exit code (Docker's `run` passes it through).
// Holds the attach lock (if given) until everything is read, so a --rm container is removed
// only afterwards.
int followUntilExit(Context& ctx, const std::string& idOrName, std::optional<FileLock> attachLock = std::nullopt);
int parseSignalArg(const std::string& text);
// -i/-t: relays through the container's attach socket until it exits; returns its exit code.
int attachAndWait(Context& ctx, const std::string& id, bool sendStdin, bool rawTerminal);

} // namespace berth::cli
