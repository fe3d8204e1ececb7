#include "network/bridge_network.h"

#include "network/netlink.h"
#include "support/file_util.h"

namespace berth::network {

namespace {

constexpr unsigned kMtu = 1500;

Result<Ipam> openIpam(const BridgeConfig& c) {
    BERTH_CHECK(makeDirs(c.stateDir));
    IpamConfig ic;
    ic.network = c.network;
    ic.subnet = BERTH_TRY(Subnet::parse(c.subnet));
    return Ipam::open(c.stateDir / (c.network + ".json"), ic);
}

Status ensureBridge(const BridgeConfig& c, const Ipam& ipam) {
    if (!linkExists(c.bridge)) {
        BERTH_CHECK(createBridge(c.bridge, kMtu, ownerAlias(c.network)));
        BERTH_CHECK(addAddress(c.bridge, ipam.gateway(), ipam.subnet().prefix));
    }
    BERTH_CHECK(setUp(c.bridge, true));
    // Forwarding between the bridge and the rest, as Docker turns it on.
    (void)writeSysctl("net.ipv4.ip_forward", "1");
    NatRules nat;
    BERTH_CHECK(nat.ensureTable());
    auto rules = BERTH_TRY(nat.rules());
    bool masqueraded = false;
    for (auto& r : rules)
        if (r.comment == "berth-net:" + c.network) masqueraded = true;
    if (!masqueraded) BERTH_CHECK(nat.addMasquerade(c.network, ipam.subnet(), c.bridge));
    return {};
}

// Host end "vb<id>", container end "vc<id>" until it is renamed eth0 inside the container.
std::string hostLinkName(const std::string& id) { return "vb" + id.substr(0, 12); }
std::string peerLinkName(const std::string& id) { return "vc" + id.substr(0, 12); }

Status connect(const BridgeConfig& c, const std::string& id, int netnsFd, Ipv4 address, const Ipam& ipam) {
    const std::string host = hostLinkName(id), peer = peerLinkName(id);
    BERTH_CHECK(createVethPair(host, peer, kMtu, ownerAlias(c.network)));
    BERTH_CHECK(setMaster(host, c.bridge));
    BERTH_CHECK(setUp(host, true));
    BERTH_CHECK(moveToNetns(peer, netnsFd));
    int prefix = ipam.subnet().prefix;
    Ipv4 gateway = ipam.gateway();
    return inNetns(netnsFd, [&]() -> Status {
        BERTH_CHECK(renameLink(peer, "eth0"));
        BERTH_CHECK(addAddress("eth0", address, prefix));
        BERTH_CHECK(setUp("eth0", true));
        BERTH_CHECK(setUp("lo", true));
        return addDefaultRoute(gateway);
    });
}

} // namespace

Result<Attachment> attachContainer(const BridgeConfig& c, const std::string& id, int netnsFd,
                                   std::vector<PortMapping> ports) {
    auto ipam = BERTH_TRY(openIpam(c));
    BERTH_CHECK(withContext(ensureBridge(c, ipam), "network " + c.network));
    Ipv4 address = BERTH_TRY(ipam.allocate(id));
    auto st = connect(c, id, netnsFd, address, ipam);
    NatRules nat;
    for (auto& p : ports) {
        if (!st) break;
        p.containerIp = address;
        p.containerId = id;
        st = nat.addPortMapping(p);
    }
    if (!st) {
        (void)detachContainer(c, id);
        return std::unexpected(st.error().context("connecting container " + id.substr(0, 12) + " to network " + c.network));
    }
    return Attachment{address, ipam.gateway(), ipam.subnet().prefix, hostLinkName(id)};
}

Status detachContainer(const BridgeConfig& c, const std::string& id) {
    NatRules nat;
    Status st = nat.removeFor(id);
    if (linkExists(hostLinkName(id))) {
        auto del = deleteLink(hostLinkName(id));
        if (st && !del) st = del;
    }
    if (auto ipam = openIpam(c)) {
        auto rel = ipam->release(id);
        if (st && !rel) st = rel;
    }
    return st;
}

} // namespace berth::network
