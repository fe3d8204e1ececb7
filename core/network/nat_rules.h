#pragma once
// NAT for Berth networks, in one nftables table of our own ("table ip berth"), driven through the
// `nft` binary (`nft -f -`, one atomic transaction per call). We never touch other tables, and every
// rule carries a comment naming its owner, so removal deletes exactly ours:
//   "berth-net:<network>"  masquerade for a network's subnet (and its hairpin source NAT)
//   "berth:<containerId>"  DNAT rules of a container's published ports
//
// Isolation between networks, as Docker's DOCKER-ISOLATION chains: the set "bridges" holds every
// Berth bridge, and a filter rule in the forward hook per network drops what comes in on its
// bridge and would leave on another Berth bridge ("berth-net:<network>" too). Containers of one
// network still reach each other (bridged traffic never passes the forward hook) and the outside.
//
// Published ports and the host itself: a connection from the host to 127.0.0.1:<port> never passes
// prerouting, so each mapping is also a DNAT rule in the nat *output* hook. The rewritten packet
// leaves on the bridge with source 127.0.0.1, which the kernel drops as martian unless the bridge has
// net.ipv4.conf.<bridge>.route_localnet=1, and which the container could not answer (127.0.0.1 is its
// own loopback), so addMasquerade also masquerades 127.0.0.0/8 out of the bridge. This is what Docker
// does with its userland proxy disabled; we chose it over a userspace proxy because it needs no
// process per port and keeps the client's connection in the kernel.
// Outbound masquerade also needs net.ipv4.ip_forward=1, which the engine sets for the host.
#include "network/subnet.h"
#include "support/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace berth::network {

enum class Protocol { Tcp, Udp };

struct PortMapping {
    std::string hostIp = "127.0.0.1"; // "0.0.0.0" publishes on every local address
    std::uint16_t hostPort = 0;
    Protocol proto = Protocol::Tcp;
    Ipv4 containerIp = 0;
    std::uint16_t containerPort = 0;
    std::string containerId;
};

struct NatRule {
    std::string chain;
    std::string comment;
    long handle = 0;
};

// Pure script builders, exposed for tests.
std::string tableScript();
Result<std::string> masqueradeScript(const std::string& network, const Subnet& subnet, const std::string& bridge);
Result<std::string> portMappingScript(const PortMapping& mapping);
Result<std::string> isolationScript(const std::string& network, const std::string& bridge);
// Removes the bridge from the set (idempotent: adds it first, nft 1.0.6 has no "destroy").
Result<std::string> removeIsolationElementScript(const std::string& bridge);

// "nft" when PATH finds it, else /usr/sbin/nft or /sbin/nft: an ordinary user's PATH (rootless
// Berth) often has no sbin directory.
std::string defaultNftBinary();

class NatRules {
public:
    explicit NatRules(std::string nftBinary = defaultNftBinary()) : m_nft(std::move(nftBinary)) {}

    // Creates the table and its nat chains; idempotent.
    Status ensureTable();
    // Masquerades the subnet's traffic out of anything but its bridge, plus the hairpin rule above,
    // and sets route_localnet on the bridge (in the caller's namespace).
    Status addMasquerade(const std::string& network, const Subnet& subnet, const std::string& bridge);
    Status addPortMapping(const PortMapping& mapping);
    // Adds the bridge to the set of Berth bridges and drops forwarding from it to the others.
    Status addIsolation(const std::string& network, const std::string& bridge);
    // Missing rules or a missing table are not errors: teardown is idempotent.
    Status removeFor(const std::string& containerId);
    // The network's masquerade and isolation rules; with a bridge, also its element in the set.
    Status removeNetwork(const std::string& network, const std::string& bridge = {});
    // Deletes the whole berth table.
    Status dropAll();
    // Our rules as nftables reports them (empty when the table is absent).
    Result<std::vector<NatRule>> rules();
    Result<bool> tableExists();

private:
    Status apply(const std::string& script, const std::string& what);
    Status removeByComment(const std::string& comment, const std::string& what);
    std::string m_nft;
};

} // namespace berth::network
