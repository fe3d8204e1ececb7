#pragma once
// The client side of a container's attach socket (runtime/attach_protocol.h): relays this
// terminal (or pipe) to the container and its output back, until the container exits or the user
// types the detach keys.
#include "support/error.h"

#include <filesystem>
#include <optional>
#include <string>

namespace berth::cli {

struct AttachOptions {
    bool sendStdin = false;   // forward our stdin (-i)
    bool rawTerminal = false; // put our terminal in raw mode and forward its size (-t with a terminal)
    // Typed on stdin, these bytes detach us and leave the container running (Docker applies them
    // to containers with a tty only); empty: no detaching. See parseDetachKeys.
    std::string detachKeys;
    // After the exit code, wait (at most 10 s) until the supervisor closes the stream: for a --rm
    // container it does so once the container is removed.
    bool waitForClose = false;
};

// Returns the container's exit code, or nullopt when the user detached.
Result<std::optional<int>> attachToContainer(const std::filesystem::path& socketPath, const AttachOptions& options);

// Docker's --detach-keys: comma-separated keys, each one character or "ctrl-<c>" with c in a-z,
// @, [, \, ], ^ or _ ("ctrl-p,ctrl-q" is the default). Returns the bytes, or an error naming spec.
Result<std::string> parseDetachKeys(const std::string& spec);
inline constexpr const char* kDefaultDetachKeys = "ctrl-p,ctrl-q";

} // namespace berth::cli
