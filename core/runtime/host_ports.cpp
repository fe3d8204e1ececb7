#include "runtime/host_ports.h"

#include "network/ipam.h"
#include "network/network_store.h"
#include "support/unique_fd.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>

namespace berth::runtime {

namespace {

constexpr int kSettleAttempts = 150; // × 20 ms

Error allocated(const PublishedPort& p) {
    return Error{ErrorCode::AlreadyExists, "bind for " + p.hostIp + ":" + std::to_string(p.hostPort) +
                                               " failed: port is already allocated"};
}

enum class Holder { No, Running, Settling };

// Whether the container holds a live lease on its first network: Running when it runs, Settling
// while it starts (its state says running a moment later) or stops (its lease goes a moment later).
Holder holdsPorts(const network::NetworkStore& networks, const Container& c) {
    if (!isBridgeMode(c.config.networkMode)) // slirp4netns: its forwarder's sockets, which bind() finds too
        return c.state.isRunning() ? Holder::Running : Holder::No;
    auto def = networks.find(c.config.networkMode);
    if (!def) return Holder::No;
    auto leases = networks.leases(*def).value_or(std::vector<network::Lease>{});
    bool held = std::any_of(leases.begin(), leases.end(), [&](auto& l) {
        return l.containerId == c.config.id && network::leaseOwnerAlive(l);
    });
    if (!held) return Holder::No;
    return c.state.isRunning() ? Holder::Running : Holder::Settling;
}

// A host process listening on the port (what Docker's userland proxy would fail to bind).
Status bindable(const PublishedPort& p) {
    UniqueFd fd(::socket(AF_INET, (p.protocol == "udp" ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(p.hostPort));
    if (!fd.isValid() || ::inet_pton(AF_INET, p.hostIp.c_str(), &addr.sin_addr) != 1) return {};
    // As the forwarder binds: connections of an earlier run in TIME_WAIT do not hold the port.
    int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno == EADDRINUSE)
        return std::unexpected(allocated(p));
    return {};
}

} // namespace

Result<std::optional<FileLock>> allocateHostPorts(const ContainerStore& store,
                                                  const ContainerConfig& config) {
    if (config.ports.empty()) return std::optional<FileLock>{};
    auto networks = BERTH_TRY(network::NetworkStore::open(store.root() / "networks"));
    // `stop a; start b` on one port: a's shim releases its lease just after its state says exited,
    // so a holder that is neither running nor gone is waited for (briefly, without the lock).
    for (int attempt = 0;; ++attempt) {
        auto lock =
            BERTH_TRY(FileLock::acquire(store.root() / "networks" / "ports.lock", FileLock::Mode::Exclusive));
        bool settling = false;
        for (auto& other : BERTH_TRY(store.list())) {
            if (other.config.id == config.id) continue;
            for (auto& want : config.ports) {
                if (std::none_of(other.config.ports.begin(), other.config.ports.end(),
                                 [&](auto& taken) { return samePublishedHostPort(want, taken); }))
                    continue;
                Holder h = holdsPorts(networks, other);
                if (h == Holder::Running || (h == Holder::Settling && attempt >= kSettleAttempts))
                    return std::unexpected(allocated(want));
                settling = settling || h == Holder::Settling;
            }
        }
        if (!settling) {
            for (auto& want : config.ports)
                BERTH_CHECK(bindable(want));
            return std::optional<FileLock>(std::move(lock));
        }
        lock.release();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::vector<network::PortMapping> portMappings(const ContainerConfig& c) {
    std::vector<network::PortMapping> out;
    for (auto& p : c.ports) {
        network::PortMapping m;
        m.hostIp = p.hostIp;
        m.hostPort = static_cast<std::uint16_t>(p.hostPort);
        m.containerPort = static_cast<std::uint16_t>(p.containerPort);
        m.proto = p.protocol == "udp" ? network::Protocol::Udp : network::Protocol::Tcp;
        out.push_back(m);
    }
    return out;
}

} // namespace berth::runtime
