// The shim's port forwarder for containers without a bridge: host-side listeners, and one poll
// loop in one thread (living in the container's network namespace) that relays TCP connections and
// UDP flows. See port_forwarder.h for the lifecycle.
#include "network/port_forwarder.h"

#include "support/unique_fd.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <future>
#include <thread>

namespace berth::network {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kBufferSize = 64 * 1024;
constexpr std::size_t kMaxConnections = 1024;
constexpr std::size_t kMaxUdpFlows = 256;
constexpr auto kUdpIdleTimeout = std::chrono::seconds(60);
constexpr int kBatch = 64; // accepts or datagrams per wake-up, so one busy port cannot starve the rest

sockaddr_in socketAddress(Ipv4 address, std::uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(address);
    sa.sin_port = htons(port);
    return sa;
}

// The container's port: on its loopback (the thread is in its namespace), or at containerIp when
// set (the thread is in the namespace of the container's bridge: rootless user networks).
sockaddr_in upstreamAddress(const PortMapping& m) {
    return socketAddress(m.containerIp != 0 ? m.containerIp : INADDR_LOOPBACK, m.containerPort);
}

bool wouldBlock() {
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

// One direction of a TCP connection: bytes read from one socket wait here until written to the other.
struct Direction {
    std::unique_ptr<char[]> data = std::make_unique<char[]>(kBufferSize);
    std::size_t begin = 0, end = 0;
    bool eof = false;      // the reading side said EOF
    bool shutDown = false; // the writing side was told (SHUT_WR), after everything before the EOF
    bool empty() const { return begin == end; }
    bool full() const { return end == kBufferSize; }

    // Reads what fits, writes what it can; false on a connection error.
    bool pump(int from, int to) {
        if (!eof && !full()) {
            ssize_t n = ::read(from, data.get() + end, kBufferSize - end);
            if (n > 0)
                end += static_cast<std::size_t>(n);
            else if (n == 0)
                eof = true;
            else if (!wouldBlock())
                return false;
        }
        if (!empty()) {
            ssize_t n = ::send(to, data.get() + begin, end - begin, MSG_NOSIGNAL);
            if (n > 0)
                begin += static_cast<std::size_t>(n);
            else if (n < 0 && !wouldBlock())
                return false;
            if (begin == end) begin = end = 0; // drained: room to read again before the next poll
        }
        if (eof && empty() && !shutDown) {
            ::shutdown(to, SHUT_WR);
            shutDown = true;
        }
        return true;
    }
};

struct Connection {
    UniqueFd client, upstream; // host side, container side
    bool connecting = true;
    Direction up, down; // client → container, container → client
    bool finished() const { return up.shutDown && down.shutDown; }
    short clientEvents() const {
        return static_cast<short>((!up.eof && !up.full() ? POLLIN : 0) | (!down.empty() ? POLLOUT : 0));
    }
    short upstreamEvents() const {
        if (connecting) return POLLOUT;
        return static_cast<short>((!down.eof && !down.full() ? POLLIN : 0) | (!up.empty() ? POLLOUT : 0));
    }
};

struct UdpFlow {
    std::size_t listener = 0;
    sockaddr_in peer{};
    UniqueFd fd; // connected to 127.0.0.1:<container port> inside the container
    Clock::time_point lastUsed;
};

struct Listener {
    UniqueFd fd;
    PortMapping mapping;
};

Result<UniqueFd> bindListener(PortMapping& m) {
    const std::string where = m.hostIp + ":" + std::to_string(m.hostPort);
    auto ip = parseIpv4(m.hostIp);
    if (!ip)
        return fail(ErrorCode::InvalidArgument, "invalid host address for a published port: " + m.hostIp);
    const bool tcp = m.proto == Protocol::Tcp;
    UniqueFd fd(::socket(AF_INET, (tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.isValid()) return sysFail("creating a socket for " + where);
    int one = 1;
    // Lets a restarted container publish again while old connections sit in TIME_WAIT; a live
    // listener on the port still makes bind fail.
    if (tcp) ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in sa = socketAddress(*ip, m.hostPort);
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
        if (errno == EADDRINUSE)
            return fail(ErrorCode::AlreadyExists, "bind for " + where + " failed: port is already allocated");
        return sysFail("binding " + where);
    }
    if (tcp && ::listen(fd.get(), 128) != 0) return sysFail("listening on " + where);
    socklen_t len = sizeof sa;
    if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&sa), &len) == 0) m.hostPort = ntohs(sa.sin_port);
    return fd;
}

} // namespace

struct PortForwarder::Impl {
    UniqueFd netns, wake;
    std::vector<Listener> listeners;
    std::vector<PortMapping> ports;
    std::vector<std::unique_ptr<Connection>> connections;
    std::vector<UdpFlow> flows;
    std::thread thread;

    void loop();
    void accept(const Listener& l);
    void receiveFromClients(std::size_t listener);
    void receiveFromContainer(UdpFlow& flow);
    void serve(Connection& c, short clientEvents, short upstreamEvents);
};

void PortForwarder::Impl::accept(const Listener& l) {
    for (int i = 0; i < kBatch; ++i) {
        UniqueFd client(::accept4(l.fd.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (!client.isValid()) return; // EAGAIN, or a connection that died before we took it
        if (connections.size() >= kMaxConnections) continue;
        // This thread lives in the container's namespace: the socket is created there.
        auto c = std::make_unique<Connection>();
        c->upstream.reset(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        if (!c->upstream.isValid()) continue;
        sockaddr_in sa = upstreamAddress(l.mapping);
        int r = ::connect(c->upstream.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa);
        if (r != 0 && errno != EINPROGRESS) continue; // closing the client tells it
        c->connecting = r != 0;
        c->client = std::move(client);
        connections.push_back(std::move(c));
    }
}

void PortForwarder::Impl::serve(Connection& c, short clientEvents, short upstreamEvents) {
    if (c.connecting) {
        if (!upstreamEvents) return;
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(c.upstream.get(), SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) { // nothing listens in the container: the client sees the connection close
            c.up.shutDown = c.down.shutDown = true;
            return;
        }
        c.connecting = false;
    }
    if (!clientEvents && !upstreamEvents) return;
    if (!c.up.pump(c.client.get(), c.upstream.get()) || !c.down.pump(c.upstream.get(), c.client.get()))
        c.up.shutDown = c.down.shutDown = true; // a reset or error on either side ends both
}

void PortForwarder::Impl::receiveFromClients(std::size_t listener) {
    const Listener& l = listeners[listener];
    char buf[65536];
    for (int i = 0; i < kBatch; ++i) {
        sockaddr_in peer{};
        socklen_t len = sizeof peer;
        ssize_t n = ::recvfrom(l.fd.get(), buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&peer), &len);
        if (n < 0) return;
        auto it = std::find_if(flows.begin(), flows.end(), [&](const UdpFlow& f) {
            return f.listener == listener && f.peer.sin_addr.s_addr == peer.sin_addr.s_addr &&
                   f.peer.sin_port == peer.sin_port;
        });
        if (it == flows.end()) {
            if (flows.size() >= kMaxUdpFlows) // the flow silent the longest makes room
                flows.erase(std::min_element(flows.begin(), flows.end(),
                                             [](auto& a, auto& b) { return a.lastUsed < b.lastUsed; }));
            UdpFlow f;
            f.listener = listener;
            f.peer = peer;
            f.fd.reset(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
            sockaddr_in sa = upstreamAddress(l.mapping);
            if (!f.fd.isValid() || ::connect(f.fd.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0)
                continue;
            flows.push_back(std::move(f));
            it = flows.end() - 1;
        }
        it->lastUsed = Clock::now();
        (void)::send(it->fd.get(), buf, static_cast<std::size_t>(n), 0); // UDP: a lost datagram is allowed
    }
}

void PortForwarder::Impl::receiveFromContainer(UdpFlow& flow) {
    char buf[65536];
    for (int i = 0; i < kBatch; ++i) {
        ssize_t n = ::recv(flow.fd.get(), buf, sizeof buf, 0);
        if (n < 0) return; // EAGAIN, or ECONNREFUSED: nothing listened for the last datagram
        flow.lastUsed = Clock::now();
        (void)::sendto(listeners[flow.listener].fd.get(), buf, static_cast<std::size_t>(n), 0,
                       reinterpret_cast<const sockaddr*>(&flow.peer), sizeof flow.peer);
    }
}

void PortForwarder::Impl::loop() {
    std::vector<pollfd> fds;
    while (true) {
        fds.clear();
        fds.push_back({wake.get(), POLLIN, 0});
        for (auto& l : listeners)
            fds.push_back({l.fd.get(), POLLIN, 0});
        // An fd with nothing to wait for is left out (-1), so a hung-up peer cannot spin the loop.
        for (auto& c : connections) {
            short ce = c->connecting ? 0 : c->clientEvents(), ue = c->upstreamEvents();
            fds.push_back({ce ? c->client.get() : -1, ce, 0});
            fds.push_back({ue ? c->upstream.get() : -1, ue, 0});
        }
        for (auto& f : flows)
            fds.push_back({f.fd.get(), POLLIN, 0});
        int timeout = flows.empty() ? -1 : 1000; // idle UDP flows expire
        if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) return;
        if (fds[0].revents) return;
        std::size_t at = 1 + listeners.size();
        for (auto& c : connections) {
            serve(*c, fds[at].revents, fds[at + 1].revents);
            at += 2;
        }
        for (auto& f : flows)
            if (fds[at++].revents) receiveFromContainer(f);
        std::erase_if(connections, [](auto& c) { return c->finished(); });
        auto now = Clock::now();
        std::erase_if(flows, [&](const UdpFlow& f) { return now - f.lastUsed > kUdpIdleTimeout; });
        for (std::size_t i = 0; i < listeners.size(); ++i) {
            if (!fds[1 + i].revents) continue;
            if (listeners[i].mapping.proto == Protocol::Tcp)
                accept(listeners[i]);
            else
                receiveFromClients(i);
        }
    }
}

Result<std::unique_ptr<PortForwarder>> PortForwarder::open(int netnsFd,
                                                           const std::vector<PortMapping>& ports) {
    std::unique_ptr<PortForwarder> f(new PortForwarder);
    f->m_impl = std::make_unique<Impl>();
    Impl& impl = *f->m_impl;
    impl.netns.reset(::fcntl(netnsFd, F_DUPFD_CLOEXEC, 3));
    if (!impl.netns.isValid()) return sysFail("duplicating the container's network namespace fd");
    impl.wake.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!impl.wake.isValid()) return sysFail("creating the port forwarder's eventfd");
    for (PortMapping m : ports) {
        auto fd = BERTH_TRY(bindListener(m));
        impl.ports.push_back(m);
        impl.listeners.push_back({std::move(fd), m});
    }
    return f;
}

Status PortForwarder::start() {
    if (m_impl->thread.joinable()) return {};
    std::promise<int> entered;
    auto result = entered.get_future();
    m_impl->thread = std::thread([impl = m_impl.get(), &entered] {
        if (::setns(impl->netns.get(), CLONE_NEWNET) != 0) {
            entered.set_value(errno);
            return;
        }
        entered.set_value(0);
        impl->loop();
    });
    if (int err = result.get(); err != 0) {
        m_impl->thread.join();
        return sysFail("port forwarder: joining the container's network namespace", err);
    }
    return {};
}

void PortForwarder::stop() {
    if (!m_impl || !m_impl->thread.joinable()) return;
    std::uint64_t one = 1;
    (void)!::write(m_impl->wake.get(), &one, sizeof one);
    m_impl->thread.join();
    m_impl->connections.clear();
    m_impl->flows.clear();
}

PortForwarder::~PortForwarder() {
    stop();
}

const std::vector<PortMapping>& PortForwarder::ports() const {
    return m_impl->ports;
}

} // namespace berth::network
