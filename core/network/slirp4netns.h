#pragma once
// slirp4netns(1): a user-mode TCP/IP stack that gives a network namespace outbound access without
// any privilege on the host, which is what rootless containers have instead of a bridge (Podman's
// rootless default). It creates a tap device in the container's namespace and carries its packets
// out through ordinary sockets of the namespace it runs in:
//   container eth0 10.0.2.100/24, gateway 10.0.2.2, DNS 10.0.2.3 (slirp's resolver, which asks
//   the host's nameservers, loopback ones included).
// The gateway also reaches the host's 127.0.0.1 unless --disable-host-loopback, which Berth passes
// by default (as Podman): a container must not reach services bound to the host's loopback.
//
// Lifecycle: start() runs it for a container's pid and waits until the tap is configured (its
// ready-fd) → the container may run → the destructor closes its exit-fd (slirp4netns exits when
// that pipe hangs up, also when the shim dies) and reaps it.
#include "network/subnet.h"
#include "support/error.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace berth::network {

constexpr Ipv4 kSlirpAddress = 0x0a000264; // 10.0.2.100
constexpr Ipv4 kSlirpGateway = 0x0a000202; // 10.0.2.2
constexpr Ipv4 kSlirpDns = 0x0a000203;     // 10.0.2.3

struct Slirp4netnsOptions {
    std::filesystem::path binary;       // empty: "slirp4netns" from PATH
    std::string interfaceName = "eth0"; // the tap device inside the container
    int mtu = 65520;                    // slirp's maximum minus one, as Podman: fewer, larger packets
    bool allowHostLoopback = false;     // false: --disable-host-loopback
    bool sandbox = true;                // --enable-sandbox --enable-seccomp (see sandboxUsable)
    std::filesystem::path logFile;      // its stdout and stderr; empty: /dev/null
    int readyTimeoutMs = 10000;
};

// The command line for the container whose pid is `pid`, with the ready and exit fds as numbered
// in the child. Pure, for tests.
std::vector<std::string> slirp4netnsArguments(const std::filesystem::path& binary, pid_t pid, int readyFd,
                                              int exitFd, const Slirp4netnsOptions& options);
// What slirp4netns said before it gave up: the last three lines of its log but warnings, joined
// with "; ", for the error message. Empty for an empty path or log.
std::string slirp4netnsLastWords(const std::filesystem::path& log);
// Waits for slirp4netns's "1" on its ready fd; false when it closed the fd (it exited) or the
// time ran out.
bool waitForSlirp4netnsReady(int fd, int timeoutMs);
// slirp4netns's sandbox keeps only /etc and /run of the host: it cannot start when resolv.conf is a
// symlink to somewhere else. resolvConfTarget: where /etc/resolv.conf resolves to.
bool sandboxUsable(const std::filesystem::path& resolvConfTarget);
// The container's resolv.conf from the host's: nameservers become slirp's 10.0.2.3, or --dns
// servers when given; search and options lines are kept.
std::string slirpResolvConf(std::string_view hostResolvConf, const std::vector<std::string>& dns);

class Slirp4netns {
public:
    // Starts slirp4netns for the network namespace of process `pid` and waits until eth0 is up.
    // Fails with its own last words (from the log) when it exits first, or after the timeout.
    static Result<std::unique_ptr<Slirp4netns>> start(pid_t pid, const Slirp4netnsOptions& options);
    ~Slirp4netns(); // closes the exit fd, waits up to a second, then SIGKILLs; always reaps

    pid_t pid() const { return m_pid; }

    Slirp4netns(const Slirp4netns&) = delete;
    Slirp4netns& operator=(const Slirp4netns&) = delete;

private:
    Slirp4netns() = default;
    pid_t m_pid = -1;
    int m_exitFd = -1; // write end; its hang-up tells slirp4netns to exit
};

} // namespace berth::network
