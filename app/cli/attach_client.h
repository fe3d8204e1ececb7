#pragma once
// The client side of a container's attach socket (runtime/attach_protocol.h): relays this
// terminal (or pipe) to the container and its output back, until the container exits.
#include "support/error.h"

#include <filesystem>

namespace berth::cli {

// Returns the container's exit code. sendStdin: forward our stdin (-i); rawTerminal: put our
// terminal in raw mode and forward its size (-t with a terminal on stdin).
Result<int> attachToContainer(const std::filesystem::path& socketPath, bool sendStdin, bool rawTerminal);

} // namespace berth::cli
