#include "network/bridge_network.h"

#include "network/netlink.h"
#include "support/file_util.h"

#include "support/unique_fd.h"

#include <algorithm>
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

// Host end "vb<id12>"; the container end is made as eth0 inside the container.
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

bool ownedLink(const std::string& name, const std::string& alias) {
    auto links = listLinks();
    return links && std::any_of(links->begin(), links->end(),
                                [&](auto& l) { return l.name == name && l.alias == alias; });
}

// One request makes the pair, with the host end up on the bridge and the peer already named inside
// the container; one short thread in the container's namespace brings it up with its address and route.
Status connect(const BridgeConfig& c, const std::string& id, int netnsFd, Ipv4 address, const Ipam& ipam,
               const EndpointOptions& e) {
    VethSpec v;
    v.name = hostLinkName(id, e.interfaceName);
    v.peer = e.interfaceName;
    v.mtu = kMtu;
    v.master = c.bridge;
    v.peerNetnsFd = netnsFd;
    v.peerMac = macForAddress(address);
    v.alias = ownerAlias(c.network);
    auto created = createVeth(v);
    // The pair of this container's previous run (a restart) may still wait for the kernel to
    // delete it with that run's namespace: delete it now, it is ours by name and alias.
    if (!created && created.error().code == ErrorCode::AlreadyExists && ownedLink(v.name, v.alias)) {
        (void)deleteLink(v.name);
        created = createVeth(v);
    }
    BERTH_CHECK(std::move(created));
    int prefix = ipam.subnet().prefix;
    Ipv4 gateway = ipam.gateway();
    return inNetns(netnsFd, [&]() -> Status {
        BERTH_CHECK(addAddress(e.interfaceName, address, prefix));
        BERTH_CHECK(setUp(e.interfaceName, true));
        BERTH_CHECK(setUp("lo", true));
        if (!e.defaultRoute) return {};
        return addDefaultRoute(gateway);
    });
}

bool leaseDead(const BridgeConfig& c, const Lease& lease) {
    if (!leaseOwnerAlive(lease)) return true;
    std::error_code ec;
    return !c.containersDir.empty() && std::filesystem::is_directory(c.containersDir, ec) &&
           !std::filesystem::exists(c.containersDir / lease.containerId, ec);
}

} // namespace

Result<Attachment> attachContainer(const BridgeConfig& c, const std::string& id, int netnsFd,
                                   std::vector<PortMapping> ports, const EndpointOptions& endpoint) {
    auto ipam = BERTH_TRY(openIpam(c));
    BERTH_CHECK(withContext(ensureBridge(c, ipam), "network " + c.network));
    (void)sweepNetwork(c); // a crash's leftovers first: their addresses become free again
    Ipv4 address = BERTH_TRY(ipam.allocate(id, endpoint.dnsNames, processOwner(endpoint.ownerPid)));
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
    return Attachment{address, ipam.gateway(), ipam.subnet().prefix, hostLinkName(id, endpoint.interfaceName),
                      macForAddress(address)};
}

Status detachContainer(const BridgeConfig& c, const std::string& id, bool removePorts, bool deleteLinks) {
    NatRules nat;
    Status st = removePorts ? nat.removeFor(id) : Status{};
    // The container's host links on this network: ours by alias, its by name.
    auto links = deleteLinks ? listLinks() : std::vector<LinkInfo>{};
    if (links) {
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

Result<std::vector<std::string>> sweepNetwork(const BridgeConfig& c) {
    std::vector<std::string> released;
    IpamConfig ic;
    ic.network = c.network;
    ic.subnet = BERTH_TRY(Subnet::parse(c.subnet));
    if (!c.gateway.empty()) ic.gateway = BERTH_TRY(parseIpv4(c.gateway));
    for (auto& lease : BERTH_TRY(Ipam::readLeases(ipamFileOf(c), ic))) {
        if (!leaseDead(c, lease)) continue;
        BERTH_CHECK(withContext(detachContainer(c, lease.containerId, true),
                                "network " + c.network + ": releasing dead container " +
                                    lease.containerId.substr(0, 12)));
        released.push_back(lease.containerId);
    }
    return released;
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
