#pragma once
// IPv4 addresses and subnets as plain values. Addresses are host-order uint32_t so arithmetic
// (next host, broadcast) is plain integer math; text is dotted-quad.
#include "support/error.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace berth::network {

using Ipv4 = std::uint32_t;

Result<Ipv4> parseIpv4(std::string_view text);
std::string formatIpv4(Ipv4 address);

struct Subnet {
    Ipv4 network = 0;
    int prefix = 0;

    // "10.88.0.0/16". Host bits must be zero, so "10.88.0.1/16" is refused as ambiguous.
    static Result<Subnet> parse(std::string_view text);
    std::string toString() const;
    Ipv4 mask() const { return prefix == 0 ? 0 : ~Ipv4{0} << (32 - prefix); }
    Ipv4 broadcast() const { return network | ~mask(); }
    // The first usable host: Docker and Podman give it to the bridge as the gateway.
    Ipv4 firstHost() const { return network + 1; }
    bool contains(Ipv4 address) const { return (address & mask()) == network; }
    bool operator==(const Subnet&) const = default;
};

} // namespace berth::network
