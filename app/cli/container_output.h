#pragma once
// How containers are shown: Docker's STATUS text and the attached output of `run`.
#include "command.h"

#include <optional>
#include <string>

namespace berth::cli {

// "Up 5 minutes", "Exited (137) 2 minutes ago", "Created", "Up 3 seconds (Paused)".
std::string statusText(const runtime::ContainerState& state);
int parseSignalArg(const std::string& text);
// Attached run and start -a: relays through the container's attach socket (stdin too with
// sendStdin, a raw terminal with rawTerminal) until it exits; returns its exit code. Typing
// detachKeys (bytes, see parseDetachKeys) leaves it running and returns 0.
int attachAndWait(Context& ctx, const std::string& id, bool sendStdin, bool rawTerminal, const std::string& detachKeys = {});

} // namespace berth::cli
