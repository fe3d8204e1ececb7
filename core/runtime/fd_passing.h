#pragma once
// Handing a file descriptor to another process over a unix socket (SCM_RIGHTS): how a
// container's init gives its terminal's master side to the shim.
#include "support/error.h"
#include "support/unique_fd.h"

namespace berth::runtime {

// Async-signal-safe: used in the container's init between clone and exec.
bool sendFd(int socket, int fd);
Result<UniqueFd> receiveFd(int socket);

} // namespace berth::runtime
