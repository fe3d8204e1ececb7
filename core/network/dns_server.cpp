// The embedded DNS server: one poll loop in one thread serves UDP queries, TCP connections and the
// answers of upstream resolvers. Forwarded queries wait in a table keyed by the fresh id we gave
// them, each with a deadline, so a slow upstream never holds up anybody else's query.
//
// Lifecycle: open() binds (inside the container's netns, from a short-lived thread that setns()es;
// sockets stay in the namespace they were created in) → start() spawns the loop → stop() or the
// destructor wakes it through an eventfd and joins it.
//
// TCP: a query arriving over TCP is answered from the lookup or forwarded upstream over UDP and
// the UDP answer is relayed as is (a truncated upstream answer stays truncated); when every
// upstream times out the client gets SERVFAIL.
#include "network/dns_server.h"

#include "network/dns_message.h"
#include "support/unique_fd.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <map>
#include <random>
#include <thread>

namespace berth::network {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kUpstreamTimeout = std::chrono::seconds(2);
constexpr auto kTcpIdleTimeout = std::chrono::seconds(10);
constexpr std::size_t kMaxPending = 512;
constexpr std::size_t kMaxTcpConnections = 32;
constexpr std::size_t kMaxMessage = 65535;
constexpr std::size_t kMaxTcpBacklog = 4 * kMaxMessage; // unsent answer bytes per connection

sockaddr_in socketAddress(Ipv4 address, std::uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(address);
    sa.sin_port = htons(port);
    return sa;
}

std::string endpoint(Ipv4 address, std::uint16_t port) { return formatIpv4(address) + ":" + std::to_string(port); }

Result<UniqueFd> boundSocket(int type, Ipv4 address, std::uint16_t port) {
    const char* proto = type == SOCK_STREAM ? "tcp" : "udp";
    UniqueFd fd(::socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.isValid()) return sysFail(std::string("creating dns ") + proto + " socket");
    int one = 1;
    if (type == SOCK_STREAM) ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in sa = socketAddress(address, port);
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0)
        return sysFail("binding dns server to " + endpoint(address, port) + " (" + proto + ")");
    if (type == SOCK_STREAM && ::listen(fd.get(), 16) != 0)
        return sysFail("listening on " + endpoint(address, port) + " (tcp)");
    return fd;
}

} // namespace

std::vector<DnsUpstream> upstreamsFromResolvConf(std::string_view text) {
    std::vector<DnsUpstream> out;
    while (!text.empty() && out.size() < 3) {
        std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        auto next = [&line]() {
            std::size_t b = line.find_first_not_of(" \t\r");
            if (b == std::string_view::npos) return std::string_view{};
            std::size_t e = line.find_first_of(" \t\r", b);
            std::string_view word = line.substr(b, e == std::string_view::npos ? line.size() - b : e - b);
            line = e == std::string_view::npos ? std::string_view{} : line.substr(e);
            return word;
        };
        if (next() != "nameserver") continue;
        auto address = parseIpv4(next());
        if (address && *address != kEmbeddedDnsAddress) out.push_back(DnsUpstream{*address, 53});
    }
    return out;
}

struct DnsServer::Impl {
    DnsLookup lookup;
    DnsReverseLookup reverse;
    std::vector<DnsUpstream> upstreams;
    UniqueFd udp, tcp, upstream, wake;
    std::thread thread;
    std::atomic<bool> stopping{false};

    // Where an answer goes back to: a UDP peer or a TCP connection (by serial, it may be gone).
    struct Client {
        sockaddr_in peer{};
        std::uint64_t connection = 0; // 0: UDP
    };
    struct Pending {
        std::uint16_t clientId = 0;
        std::vector<std::uint8_t> query; // carrying our id
        std::size_t upstream = 0;        // index of the upstream asked last
        Clock::time_point deadline;
        Client client;
    };
    struct Connection {
        UniqueFd fd;
        std::vector<std::uint8_t> in, out;
        Clock::time_point deadline;
    };
    std::map<std::uint16_t, Pending> pending;
    std::map<std::uint64_t, Connection> connections;
    std::uint64_t nextConnection = 1;
    std::mt19937 rng{std::random_device{}()};
    std::vector<std::uint8_t> buffer = std::vector<std::uint8_t>(kMaxMessage);

    void loop();
    int pollTimeoutMs(Clock::time_point now) const;
    void readUdp();
    void acceptTcp();
    void serviceConnection(std::uint64_t serial, short revents);
    void readUpstream();
    void expire(Clock::time_point now);
    void handle(std::span<const std::uint8_t> message, const Client& client);
    void forward(const DnsQuery& query, std::span<const std::uint8_t> message, const Client& client);
    void sendToUpstream(std::uint16_t id, std::size_t from);
    void reply(const Client& client, std::span<const std::uint8_t> message);
};

void DnsServer::Impl::loop() {
    std::vector<pollfd> fds;
    std::vector<std::uint64_t> serials;
    while (!stopping.load()) {
        fds.assign({{wake.get(), POLLIN, 0}, {udp.get(), POLLIN, 0}, {tcp.get(), POLLIN, 0}, {upstream.get(), POLLIN, 0}});
        serials.clear();
        for (auto& [serial, c] : connections) {
            fds.push_back({c.fd.get(), static_cast<short>(POLLIN | (c.out.empty() ? 0 : POLLOUT)), 0});
            serials.push_back(serial);
        }
        int n = ::poll(fds.data(), fds.size(), pollTimeoutMs(Clock::now()));
        if (n < 0 && errno != EINTR) break;
        if (n > 0) {
            if (fds[0].revents) break;
            if (fds[1].revents) readUdp();
            if (fds[2].revents) acceptTcp();
            if (fds[3].revents) readUpstream();
            for (std::size_t i = 0; i < serials.size(); ++i)
                if (fds[4 + i].revents) serviceConnection(serials[i], fds[4 + i].revents);
        }
        expire(Clock::now());
    }
}

int DnsServer::Impl::pollTimeoutMs(Clock::time_point now) const {
    auto next = now + std::chrono::seconds(60);
    for (auto& [id, p] : pending) next = std::min(next, p.deadline);
    for (auto& [serial, c] : connections) next = std::min(next, c.deadline);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count();
    return static_cast<int>(std::max<long long>(ms + 1, 0));
}

void DnsServer::Impl::readUdp() {
    for (int i = 0; i < 64; ++i) { // bounded, so TCP and upstream answers get their turn
        Client client;
        socklen_t len = sizeof client.peer;
        ssize_t n = ::recvfrom(udp.get(), buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&client.peer), &len);
        if (n < 0) return;
        handle(std::span(buffer.data(), static_cast<std::size_t>(n)), client);
    }
}

void DnsServer::Impl::acceptTcp() {
    UniqueFd fd(::accept4(tcp.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd.isValid() || connections.size() >= kMaxTcpConnections) return;
    connections.emplace(nextConnection++, Connection{std::move(fd), {}, {}, Clock::now() + kTcpIdleTimeout});
}

void DnsServer::Impl::serviceConnection(std::uint64_t serial, short revents) {
    auto it = connections.find(serial);
    if (it == connections.end()) return;
    Connection& c = it->second;
    if (revents & POLLOUT && !c.out.empty()) {
        ssize_t n = ::send(c.fd.get(), c.out.data(), c.out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno != EAGAIN) return (void)connections.erase(it);
        if (n > 0) c.out.erase(c.out.begin(), c.out.begin() + n);
    }
    if (!(revents & (POLLIN | POLLHUP | POLLERR))) return;
    std::uint8_t chunk[4096];
    ssize_t n = ::recv(c.fd.get(), chunk, sizeof chunk, MSG_DONTWAIT);
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0 || c.in.size() + static_cast<std::size_t>(n) > kMaxMessage + 2) return (void)connections.erase(it);
    c.in.insert(c.in.end(), chunk, chunk + n);
    c.deadline = Clock::now() + kTcpIdleTimeout;
    while (c.in.size() >= 2) {
        std::size_t len = static_cast<std::size_t>(c.in[0] << 8 | c.in[1]);
        if (c.in.size() < 2 + len) break;
        std::vector<std::uint8_t> message(c.in.begin() + 2, c.in.begin() + 2 + static_cast<std::ptrdiff_t>(len));
        c.in.erase(c.in.begin(), c.in.begin() + 2 + static_cast<std::ptrdiff_t>(len));
        Client client;
        client.connection = serial;
        handle(message, client); // may append to c.out; never erases connections
    }
}

void DnsServer::Impl::handle(std::span<const std::uint8_t> message, const Client& client) {
    auto query = parseDnsQuery(message);
    if (!query) {
        auto rcode = query.error().code == ErrorCode::Unsupported ? DnsRcode::NotImp : DnsRcode::FormErr;
        if (auto answer = buildDnsHeaderError(message, rcode)) reply(client, *answer);
        return;
    }
    if (reverse && query->klass == kDnsClassIn && query->type == kDnsTypePtr)
        if (auto address = reverseNameAddress(query->name)) {
            std::string name;
            try {
                name = reverse(*address);
            } catch (...) {
                return reply(client, buildDnsError(*query, DnsRcode::ServFail));
            }
            if (!name.empty())
                if (auto answer = buildDnsPtrAnswer(*query, name)) return reply(client, *answer);
        }
    std::vector<Ipv4> addresses;
    if (query->klass == kDnsClassIn && !query->name.empty()) {
        try {
            addresses = lookup(query->name);
        } catch (...) {
            return reply(client, buildDnsError(*query, DnsRcode::ServFail));
        }
    }
    if (!addresses.empty()) {
        // A name of ours: A gets the addresses; AAAA and the rest get "no such record", so clients
        // fall back to A instead of asking an upstream that cannot know the name.
        if (query->type != kDnsTypeA) addresses.clear();
        return reply(client, buildDnsAnswer(*query, addresses));
    }
    forward(*query, message, client);
}

void DnsServer::Impl::forward(const DnsQuery& query, std::span<const std::uint8_t> message, const Client& client) {
    if (upstreams.empty() || pending.size() >= kMaxPending) return reply(client, buildDnsError(query, DnsRcode::ServFail));
    std::uint16_t id;
    do id = static_cast<std::uint16_t>(rng()); while (pending.contains(id));
    Pending p;
    p.clientId = query.id;
    p.query.assign(message.begin(), message.end());
    rewriteDnsMessageId(p.query, id);
    p.client = client;
    pending.emplace(id, std::move(p));
    sendToUpstream(id, 0);
}

// Sends the pending query to the first upstream from `from` that takes it; SERVFAIL when none does.
void DnsServer::Impl::sendToUpstream(std::uint16_t id, std::size_t from) {
    auto it = pending.find(id);
    for (std::size_t i = from; i < upstreams.size(); ++i) {
        sockaddr_in sa = socketAddress(upstreams[i].address, upstreams[i].port);
        if (::sendto(upstream.get(), it->second.query.data(), it->second.query.size(), 0,
                     reinterpret_cast<sockaddr*>(&sa), sizeof sa) >= 0) {
            it->second.upstream = i;
            it->second.deadline = Clock::now() + kUpstreamTimeout;
            return;
        }
    }
    auto answer = buildDnsHeaderError(it->second.query, DnsRcode::ServFail);
    Pending p = std::move(it->second);
    pending.erase(it);
    if (!answer) return;
    rewriteDnsMessageId(*answer, p.clientId);
    // Echo the question when it parses, so stub resolvers accept the answer.
    if (auto q = parseDnsQuery(p.query)) {
        q->id = p.clientId;
        answer = buildDnsError(*q, DnsRcode::ServFail);
    }
    reply(p.client, *answer);
}

void DnsServer::Impl::readUpstream() {
    for (int i = 0; i < 64; ++i) {
        sockaddr_in from{};
        socklen_t len = sizeof from;
        ssize_t n = ::recvfrom(upstream.get(), buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
        if (n < 0) return;
        std::span<std::uint8_t> answer(buffer.data(), static_cast<std::size_t>(n));
        auto id = dnsMessageId(answer);
        auto it = id ? pending.find(*id) : pending.end();
        if (it == pending.end() || !(answer[2] & 0x80)) continue; // not a response we wait for
        const DnsUpstream& asked = upstreams[it->second.upstream];
        if (ntohl(from.sin_addr.s_addr) != asked.address || ntohs(from.sin_port) != asked.port) continue;
        rewriteDnsMessageId(answer, it->second.clientId);
        Client client = it->second.client;
        pending.erase(it);
        reply(client, answer);
    }
}

void DnsServer::Impl::expire(Clock::time_point now) {
    std::vector<std::uint16_t> late;
    for (auto& [id, p] : pending)
        if (p.deadline <= now) late.push_back(id);
    for (std::uint16_t id : late) sendToUpstream(id, pending.at(id).upstream + 1);
    std::erase_if(connections, [now](const auto& kv) { return kv.second.deadline <= now; });
}

void DnsServer::Impl::reply(const Client& client, std::span<const std::uint8_t> message) {
    if (client.connection == 0) {
        ::sendto(udp.get(), message.data(), message.size(), MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&client.peer),
                 sizeof client.peer);
        return;
    }
    auto it = connections.find(client.connection);
    auto* out = it == connections.end() ? nullptr : &it->second.out;
    // A client that sends without reading loses answers rather than growing our memory.
    if (!out || message.size() > kMaxMessage || out->size() > kMaxTcpBacklog) return;
    out->push_back(static_cast<std::uint8_t>(message.size() >> 8));
    out->push_back(static_cast<std::uint8_t>(message.size()));
    out->insert(out->end(), message.begin(), message.end());
}

void DnsServer::setReverseLookup(DnsReverseLookup reverse) {
    m_impl->reverse = std::move(reverse);
}

Result<std::unique_ptr<DnsServer>> DnsServer::open(int netnsFd, DnsLookup lookup, std::vector<DnsUpstream> upstreams,
                                                   Ipv4 listen, std::uint16_t port) {
    auto impl = std::make_unique<Impl>();
    impl->lookup = std::move(lookup);
    impl->upstreams = std::move(upstreams);
    Status bound;
    std::thread binder([&] {
        bound = [&]() -> Status {
            if (netnsFd >= 0 && ::setns(netnsFd, CLONE_NEWNET) != 0)
                return sysFail("joining network namespace for dns server " + endpoint(listen, port));
            impl->udp = BERTH_TRY(boundSocket(SOCK_DGRAM, listen, port));
            impl->tcp = BERTH_TRY(boundSocket(SOCK_STREAM, listen, port));
            return {};
        }();
    });
    binder.join();
    BERTH_CHECK(bound);
    impl->upstream.reset(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!impl->upstream.isValid()) return sysFail("creating dns upstream socket");
    impl->wake.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!impl->wake.isValid()) return sysFail("creating dns server eventfd");
    std::unique_ptr<DnsServer> server(new DnsServer);
    server->m_impl = std::move(impl);
    return server;
}

DnsServer::~DnsServer() { stop(); }

Status DnsServer::start() {
    if (m_impl->thread.joinable()) return fail(ErrorCode::AlreadyExists, "dns server is already running");
    if (m_impl->stopping.load()) return fail(ErrorCode::InvalidArgument, "dns server was stopped");
    m_impl->thread = std::thread([impl = m_impl.get()] { impl->loop(); });
    return {};
}

void DnsServer::stop() {
    if (!m_impl) return;
    m_impl->stopping.store(true);
    std::uint64_t one = 1;
    (void)!::write(m_impl->wake.get(), &one, sizeof one);
    if (m_impl->thread.joinable()) m_impl->thread.join();
}

} // namespace berth::network
