#pragma once
// Published ports of a container that has no bridge (slirp4netns, the rootless mode): nothing in
// the host's network namespace routes to the container, so its shim carries the traffic itself,
// as rootlesskit's port driver does. The shim listens on the host side (its own namespace); for
// each TCP connection it connects from INSIDE the container's namespace to 127.0.0.1:<container
// port> and copies bytes both ways, half-closes included. Each UDP client address gets its own
// socket in the container's namespace, dropped after a minute of silence. The container sees every
// forwarded peer as 127.0.0.1.
//
// Lifecycle: open() binds every host-side socket in the calling thread's namespace (a port in use
// fails here, before the container runs) → start() spawns the one background thread, which
// setns()es into the container's namespace (network namespaces are per thread, and a socket stays
// in the namespace it was created in) and serves everything from one poll loop → stop() or the
// destructor wakes it through an eventfd, joins it and closes every socket.
#include "network/nat_rules.h"
#include "support/error.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace berth::network {

class PortForwarder {
public:
    // netnsFd: the container's network namespace (duplicated; the caller keeps its own fd).
    // Uses hostIp, hostPort, proto and containerPort of each mapping; hostPort 0 picks a free port.
    // A mapping with containerIp connects there instead of to 127.0.0.1: netnsFd is then the
    // namespace holding the container's bridge (rootless user networks, user_networks_namespace.h).
    // AlreadyExists "bind for IP:PORT failed: port is already allocated" when a port is taken.
    static Result<std::unique_ptr<PortForwarder>> open(int netnsFd, const std::vector<PortMapping>& ports);
    ~PortForwarder(); // stops and joins the thread, closes every socket

    // Joins the container's namespace in a new thread and serves until stop(); fails when that
    // thread cannot enter the namespace.
    Status start();
    void stop();
    // The mappings as bound (hostPort filled in when it was 0).
    const std::vector<PortMapping>& ports() const;

    PortForwarder(const PortForwarder&) = delete;
    PortForwarder& operator=(const PortForwarder&) = delete;

private:
    PortForwarder() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace berth::network
