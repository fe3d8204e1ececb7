#pragma once
// The shim's side of a container's stdio while it runs: copies output (two pipes, or one pty
// master) into the json log and to every client of the attach socket, and copies clients' input
// to the container's stdin (a pipe, or the pty). Output that arrives before the first client
// connects is kept (up to 1 MiB) and delivered to it, so `run -it` never misses a prompt.
// Runs on the shim's only thread, driven by poll.
#include "runtime/attach_protocol.h"
#include "runtime/json_log.h"
#include "support/unique_fd.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace berth::runtime {

struct RelayFds {
    int out = -1;        // stdout pipe or pty master (read)
    int err = -1;        // stderr pipe (read); -1 with a pty
    int in = -1;         // stdin pipe (write) or pty master; -1 when stdin is not kept open
    int listen = -1;     // attach socket, non-blocking; -1 when none
    int signals = -1;    // signalfd for SIGCHLD
    bool tty = false;
    bool bufferForFirstClient = false;
};

class StdioRelay {
public:
    StdioRelay(RelayFds fds, JsonLogWriter log) : m_fds(fds), m_log(std::move(log)) {}
    // Runs until pid has been reaped and its output drained; returns its wait status.
    Result<int> run(pid_t pid);
    // Tells every client how the container ended and hands their connections over: closing one
    // tells that client we are done (the shim of a --rm container holds them until it is removed).
    std::vector<UniqueFd> finish(int exitCode);
    bool closedStdin() const { return m_closedStdin; }

private:
    struct Client {
        UniqueFd fd;
        FrameReader reader;
    };
    void output(bool isStderr, const char* data, std::size_t size);
    void acceptClients();
    void serveClient(Client& c);
    void closeStdin();

    RelayFds m_fds;
    JsonLogWriter m_log;
    std::vector<Client> m_clients;
    std::string m_pending; // output before the first client
    bool m_hadClient = false;
    bool m_closedStdin = false;
};

} // namespace berth::runtime
