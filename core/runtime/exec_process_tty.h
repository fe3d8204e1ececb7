#pragma once
// `berth exec -t`: the exec'd process gets a pty of its own from the container's devpts, as
// `docker exec -t` does. The grandchild (already in the container's mount namespace) allocates it
// and sends the master here; the caller relays its own stdin/stdout to it until the process ends.
#include "support/unique_fd.h"

#include <sys/types.h>

namespace berth::runtime {

// In the grandchild, after setns(mnt): opens the container's /dev/ptmx, sends the master over
// socket, makes the slave the controlling terminal of a new session and stdin/stdout/stderr, with
// the caller's window size. Async-signal-safe; false with errno set when something failed.
bool takeContainerPty(int socket);

// The caller's side: relays stdin (when interactive) to master and master to stdout until the
// process `child` has exited, then drains what is left. With a terminal on stdin it is put in raw
// mode meanwhile (and restored), and window size changes are passed on. Does not reap child.
void relayExecPty(int master, pid_t child, bool interactive);

// `exec -d -t`: closing the master would hang the process up, so a double-forked process of ours
// (re-parented, nothing else of the caller open) keeps it and discards the output until every
// slave descriptor is closed. Returns once that process is on its own.
void keepPtyOpen(int master);

} // namespace berth::runtime
