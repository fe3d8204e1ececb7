#include "network/bridge_network.h"

#include "network/netlink.h"
#include "support/file_util.h"

#include "support/unique_fd.h"

#include <cstdlib>
#include <cstring>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace berth::network {

namespace {

constexpr unsigned kMtu = 1500;

std::filesystem::path ipamFileOf(const BridgeConfig& c) {
    return c.ipamFile.empty() ? c.stateDir / (c.network + ".json") : c.ipamFile;
}

Result<Ipam> openIpam(const BridgeConfig& c) {
    BERTH_CHECK(makeDirs(c.stateDir));
    IpamConfig ic;
    ic.network = c.network;
    ic.subnet = BERTH_TRY(Subnet::parse(c.subnet));
    if (!c.gateway.empty()) ic.gateway = BERTH_TRY(parseIpv4(c.gateway));
    return Ipam::open(ipamFileOf(c), ic);
}

// Whether a link of the caller's network namespace is administratively up. SIOCGIFFLAGS on a
// socket of this namespace, not /sys/class/net, which shows the namespace sysfs was mounted in.
bool linkIsUp(const std::string& name) {
    UniqueFd sock(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!sock.isValid() || name.size() >= IFNAMSIZ) return false;
    ifreq req{};
    std::memcpy(req.ifr_name, name.c_str(), name.size());
    return ::ioctl(sock.get(), SIOCGIFFLAGS, &req) == 0 && (req.ifr_flags & IFF_UP);
}

// The bridge is set up last, so an up bridge means its address, the NAT table, the masquerade and
// the isolation rule are in place: the common case costs one ioctl instead of two nft runs (each
// one a process start and a ruleset read, ~20 ms). A crash half-way leaves the bridge down, and
// the next attach completes it.
Status ensureBridge(const BridgeConfig& c, const Ipam& ipam) {
    if (linkIsUp(c.bridge)) return {};
    if (!linkExists(c.bridge)) {
        BERTH_CHECK(createBridge(c.bridge, kMtu, ownerAlias(c.network)));
        BERTH_CHECK(addAddress(c.bridge, ipam.gateway(), ipam.subnet().prefix));
    }
    // Forwarding between the bridge and the rest, as Docker turns it on.
    (void)writeSysctl("net/ipv4/ip_forward", "1");
    NatRules nat;
    BERTH_CHECK(nat.ensureTable());
    auto rules = BERTH_TRY(nat.rules());
    bool masqueraded = false, isolated = false;
    for (auto& r : rules) {
        if (r.comment != "berth-net:" + c.network) continue;
        if (r.chain == "postrouting") masqueraded = true;
        if (r.chain == "forward") isolated = true;
    }
    if (!masqueraded) BERTH_CHECK(nat.addMasquerade(c.network, ipam.subnet(), c.bridge));
    if (!isolated) BERTH_CHECK(nat.addIsolation(c.network, c.bridge));
    return setUp(c.bridge, true);
}

// Host end "vb<id12>", container end "vc<id12>" until it is renamed eth0 inside the container.
// The interfaces of further networks (eth1, eth2…) end in a letter that is not a hex digit
// (g, h…) after 11 characters of the id, so they never collide with an eth0 name.
std::string linkSuffix(const std::string& id, const std::string& interfaceName) {
    int n = interfaceName.starts_with("eth") ? std::atoi(interfaceName.c_str() + 3) : 0;
    if (n <= 0 || n > 20) return id.substr(0, 12);
    return id.substr(0, 11) + static_cast<char>('g' + n - 1);
}
std::string hostLinkName(const std::string& id, const std::string& ifname) {
    return "vb" + linkSuffix(id, ifname);
}
std::string peerLinkName(const std::string& id, const std::string& ifname) {
    return "vc" + linkSuffix(id, ifname);
}

Status connect(const BridgeConfig& c, const std::string& id, int netnsFd, Ipv4 address, const Ipam& ipam,
               const EndpointOptions& e) {
    const std::string host = hostLinkName(id, e.interfaceName), peer = peerLinkName(id, e.interfaceName);
    BERTH_CHECK(createVethPair(host, peer, kMtu, ownerAlias(c.network)));
    BERTH_CHECK(setMaster(host, c.bridge));
    BERTH_CHECK(setUp(host, true));
    BERTH_CHECK(moveToNetns(peer, netnsFd));
    int prefix = ipam.subnet().prefix;
    Ipv4 gateway = ipam.gateway();
    return inNetns(netnsFd, [&]() -> Status {
        BERTH_CHECK(renameLink(peer, e.interfaceName));
        BERTH_CHECK(addAddress(e.interfaceName, address, prefix));
        BERTH_CHECK(setUp(e.interfaceName, true));
        BERTH_CHECK(setUp("lo", true));
        if (!e.defaultRoute) return {};
        return addDefaultRoute(gateway);
    });
}

} // namespace

Result<Attachment> attachContainer(const BridgeConfig& c, const std::string& id, int netnsFd,
                                   std::vector<PortMapping> ports, const EndpointOptions& endpoint) {
    auto ipam = BERTH_TRY(openIpam(c));
    BERTH_CHECK(withContext(ensureBridge(c, ipam), "network " + c.network));
    Ipv4 address = BERTH_TRY(ipam.allocate(id, endpoint.dnsNames));
    auto st = connect(c, id, netnsFd, address, ipam, endpoint);
    NatRules nat;
    for (auto& p : ports) {
        if (!st) break;
        p.containerIp = address;
        p.containerId = id;
        st = nat.addPortMapping(p);
    }
    if (!st) {
        (void)detachContainer(c, id, !ports.empty());
        return std::unexpected(
            st.error().context("connecting container " + id.substr(0, 12) + " to network " + c.network));
    }
    return Attachment{address, ipam.gateway(), ipam.subnet().prefix,
                      hostLinkName(id, endpoint.interfaceName)};
}

Status detachContainer(const BridgeConfig& c, const std::string& id, bool removePorts) {
    NatRules nat;
    Status st = removePorts ? nat.removeFor(id) : Status{};
    // The container's host links on this network: ours by alias, its by name.
    if (auto links = listLinks()) {
        const std::string prefix = "vb" + id.substr(0, 11);
        for (auto& l : *links) {
            if (l.alias != ownerAlias(c.network) || !l.name.starts_with(prefix)) continue;
            auto del = deleteLink(l.name);
            if (st && !del && del.error().code != ErrorCode::NotFound) st = del;
        }
    }
    if (auto ipam = openIpam(c)) {
        auto rel = ipam->release(id);
        if (st && !rel) st = rel;
    }
    return st;
}

Status removeBridge(const BridgeConfig& c) {
    Status st;
    if (auto deleted = deleteLinksWithAlias(ownerAlias(c.network)); !deleted)
        st = std::unexpected(deleted.error().context("network " + c.network));
    NatRules nat;
    if (auto exists = nat.tableExists(); exists && *exists) {
        auto rm = nat.removeNetwork(c.network, c.bridge);
        if (st && !rm) st = rm;
    }
    return st;
}

} // namespace berth::network
