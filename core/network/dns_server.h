#pragma once
// The embedded DNS responder of user-defined networks, as Docker's 127.0.0.11: containers on a
// user network find each other by name and alias. One server per container, run by its shim in a
// background thread: it listens on 127.0.0.11:53 (UDP and TCP) *inside* the container's network
// namespace, answers A queries for names the lookup knows, and forwards everything else to the
// upstream resolvers from the shim's own (the host's) network namespace, so loopback resolvers of
// the host work too. The lookup is asked on every query, so containers that join or leave the
// network later are seen at once.
#include "network/subnet.h"
#include "support/error.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace berth::network {

struct DnsUpstream {
    Ipv4 address = 0;
    std::uint16_t port = 53;
};

// Returns the IPv4 addresses of a name (no trailing dot, compared case-insensitively by the
// caller's data); empty when the name is not ours and the query should be forwarded.
// The server passes the name lowercased and calls the lookup from its own thread, so the lookup
// must be safe to call concurrently with whatever else the caller does with its data.
using DnsLookup = std::function<std::vector<Ipv4>(std::string_view name)>;

// The name of an address (a container's on the same network), or "" to forward the PTR query.
using DnsReverseLookup = std::function<std::string(Ipv4 address)>;

constexpr Ipv4 kEmbeddedDnsAddress = 0x7f00000b; // 127.0.0.11

// The IPv4 nameservers of a resolv.conf text, in order (at most 3, as the resolver uses), skipping
// IPv6 ones and the embedded server's own 127.0.0.11.
std::vector<DnsUpstream> upstreamsFromResolvConf(std::string_view text);

class DnsServer {
public:
    // Opens the listeners inside the network namespace netnsFd (the calling thread's namespace is
    // left unchanged; -1 means the calling thread's own namespace). The upstream socket is opened in
    // the calling thread's namespace. Fails with a one-line error naming the address when it cannot bind.
    static Result<std::unique_ptr<DnsServer>> open(int netnsFd, DnsLookup lookup, std::vector<DnsUpstream> upstreams,
                                                   Ipv4 listen = kEmbeddedDnsAddress, std::uint16_t port = 53);
    ~DnsServer(); // stops and joins the thread

    // Answers PTR queries for the addresses it knows (before start(); called from the server's thread).
    void setReverseLookup(DnsReverseLookup reverse);
    // Serves in a background thread until stop() or destruction.
    Status start();
    void stop();

    DnsServer(const DnsServer&) = delete;
    DnsServer& operator=(const DnsServer&) = delete;

private:
    DnsServer() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace berth::network
