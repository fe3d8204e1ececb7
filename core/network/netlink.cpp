// Link, address and route verbs over rtnetlink. Each verb opens its own socket, so it talks to the
// namespace of the calling thread at that moment (which inNetns relies on).
#include "network/netlink.h"

#include "network/netlink_socket.h"

#include <arpa/inet.h>
#include <net/if.h> // before the linux/ headers: glibc and the kernel both define IFF_*
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include <cctype>
#include <cstdio>
#include <cstring>

namespace berth::network {
namespace {

Status request(NetlinkMessage& msg, const std::string& what) {
    auto sock = BERTH_TRY(NetlinkSocket::open());
    return sock.request(msg, what);
}

// An RTM_NEWLINK that changes an existing link, addressed by index.
Result<NetlinkMessage> changeLink(const std::string& link, const std::string& what) {
    int index = BERTH_TRY(withContext(linkIndex(link), what));
    NetlinkMessage msg(RTM_NEWLINK, 0);
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    ifi.ifi_index = index;
    msg.putStruct(ifi);
    return msg;
}

NetlinkMessage newLink(const std::string& name, unsigned mtu) {
    NetlinkMessage msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    msg.putStruct(ifi);
    msg.putString(IFLA_IFNAME, name);
    if (mtu > 0) msg.putU32(IFLA_MTU, mtu);
    return msg;
}

} // namespace

std::string ownerAlias(const std::string& network) { return "berth:" + network; }

Status validateLinkName(const std::string& name) {
    bool ok = !name.empty() && name.size() < IFNAMSIZ;
    for (char c : name) ok = ok && (isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-');
    if (!ok) return fail(ErrorCode::InvalidArgument, "link \"" + name + "\": not a valid interface name");
    return {};
}

Status createBridge(const std::string& name, unsigned mtu, const std::string& alias) {
    BERTH_CHECK(validateLinkName(name));
    NetlinkMessage msg = newLink(name, mtu);
    auto info = msg.beginNested(IFLA_LINKINFO);
    msg.putString(IFLA_INFO_KIND, "bridge");
    msg.endNested(info);
    BERTH_CHECK(request(msg, "creating bridge " + name));
    // The alias is set separately: the create path of older kernels ignores IFLA_IFALIAS.
    return setAlias(name, alias);
}

Status createVethPair(const std::string& name, const std::string& peer, unsigned mtu, const std::string& alias) {
    BERTH_CHECK(validateLinkName(name));
    BERTH_CHECK(validateLinkName(peer));
    NetlinkMessage msg = newLink(name, mtu);
    auto info = msg.beginNested(IFLA_LINKINFO);
    msg.putString(IFLA_INFO_KIND, "veth");
    auto data = msg.beginNested(IFLA_INFO_DATA);
    auto peerInfo = msg.beginNested(VETH_INFO_PEER);
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    msg.putStruct(ifi);
    msg.putString(IFLA_IFNAME, peer);
    if (mtu > 0) msg.putU32(IFLA_MTU, mtu);
    msg.endNested(peerInfo);
    msg.endNested(data);
    msg.endNested(info);
    BERTH_CHECK(request(msg, "creating veth pair " + name + "/" + peer));
    BERTH_CHECK(setAlias(name, alias));
    return setAlias(peer, alias);
}

Status createVeth(const VethSpec& v) {
    BERTH_CHECK(validateLinkName(v.name));
    BERTH_CHECK(validateLinkName(v.peer));
    const std::string what = "creating veth pair " + v.name + "/" + v.peer;
    std::uint8_t mac[6]{};
    if (!v.peerMac.empty() && std::sscanf(v.peerMac.c_str(), "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0],
                                          &mac[1], &mac[2], &mac[3], &mac[4], &mac[5]) != 6)
        return fail(ErrorCode::InvalidArgument, what + ": bad MAC address " + v.peerMac);
    NetlinkMessage msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    ifi.ifi_flags = IFF_UP;
    ifi.ifi_change = IFF_UP;
    msg.putStruct(ifi);
    msg.putString(IFLA_IFNAME, v.name);
    if (v.mtu > 0) msg.putU32(IFLA_MTU, v.mtu);
    if (!v.master.empty())
        msg.putU32(IFLA_MASTER,
                   static_cast<std::uint32_t>(BERTH_TRY(withContext(linkIndex(v.master), what))));
    auto info = msg.beginNested(IFLA_LINKINFO);
    msg.putString(IFLA_INFO_KIND, "veth");
    auto data = msg.beginNested(IFLA_INFO_DATA);
    auto peerInfo = msg.beginNested(VETH_INFO_PEER);
    // Down: the kernel configures the peer before linking the pair, and opening a veth without
    // its peer fails (ENOTCONN).
    ifinfomsg peer{};
    peer.ifi_family = AF_UNSPEC;
    msg.putStruct(peer);
    msg.putString(IFLA_IFNAME, v.peer);
    if (v.mtu > 0) msg.putU32(IFLA_MTU, v.mtu);
    if (v.peerNetnsFd >= 0) msg.putU32(IFLA_NET_NS_FD, static_cast<std::uint32_t>(v.peerNetnsFd));
    if (!v.peerMac.empty()) msg.putAttr(IFLA_ADDRESS, mac, sizeof mac);
    msg.endNested(peerInfo);
    msg.endNested(data);
    msg.endNested(info);
    BERTH_CHECK(request(msg, what));
    if (v.alias.empty()) return {};
    return setAlias(v.name, v.alias);
}

Status setAlias(const std::string& link, const std::string& alias) {
    const std::string what = "setting alias of " + link;
    auto msg = BERTH_TRY(changeLink(link, what));
    msg.putString(IFLA_IFALIAS, alias);
    return request(msg, what);
}

Status addAddress(const std::string& link, Ipv4 address, int prefix) {
    const std::string what = "adding address " + formatIpv4(address) + "/" + std::to_string(prefix) + " to " + link;
    int index = BERTH_TRY(withContext(linkIndex(link), what));
    NetlinkMessage msg(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
    ifaddrmsg ifa{};
    ifa.ifa_family = AF_INET;
    ifa.ifa_prefixlen = static_cast<unsigned char>(prefix);
    ifa.ifa_index = static_cast<unsigned>(index);
    msg.putStruct(ifa);
    std::uint32_t net = htonl(address);
    msg.putAttr(IFA_LOCAL, &net, sizeof net);
    msg.putAttr(IFA_ADDRESS, &net, sizeof net);
    if (prefix < 31) {
        std::uint32_t broadcast = htonl(address | (prefix == 0 ? ~0u : ~(~0u << (32 - prefix))));
        msg.putAttr(IFA_BROADCAST, &broadcast, sizeof broadcast);
    }
    return request(msg, what);
}

Status setUp(const std::string& link, bool up) {
    const std::string what = std::string(up ? "bringing up " : "bringing down ") + link;
    auto msg = BERTH_TRY(changeLink(link, what));
    auto* ifi = reinterpret_cast<ifinfomsg*>(NLMSG_DATA(msg.header()));
    ifi->ifi_change = IFF_UP;
    ifi->ifi_flags = up ? IFF_UP : 0;
    return request(msg, what);
}

Status moveToNetns(const std::string& link, int netnsFd) {
    const std::string what = "moving " + link + " to another network namespace";
    auto msg = BERTH_TRY(changeLink(link, what));
    msg.putU32(IFLA_NET_NS_FD, static_cast<std::uint32_t>(netnsFd));
    return request(msg, what);
}

Status renameLink(const std::string& link, const std::string& newName) {
    BERTH_CHECK(validateLinkName(newName));
    const std::string what = "renaming " + link + " to " + newName;
    auto msg = BERTH_TRY(changeLink(link, what));
    msg.putString(IFLA_IFNAME, newName);
    return request(msg, what);
}

Status setMaster(const std::string& link, const std::string& bridge) {
    const std::string what = "attaching " + link + " to bridge " + bridge;
    int master = BERTH_TRY(withContext(linkIndex(bridge), what));
    auto msg = BERTH_TRY(changeLink(link, what));
    msg.putU32(IFLA_MASTER, static_cast<std::uint32_t>(master));
    return request(msg, what);
}

Status addDefaultRoute(Ipv4 gateway) {
    const std::string what = "adding default route via " + formatIpv4(gateway);
    NetlinkMessage msg(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
    rtmsg rt{};
    rt.rtm_family = AF_INET;
    rt.rtm_table = RT_TABLE_MAIN;
    rt.rtm_protocol = RTPROT_BOOT;
    rt.rtm_scope = RT_SCOPE_UNIVERSE;
    rt.rtm_type = RTN_UNICAST;
    msg.putStruct(rt);
    std::uint32_t gw = htonl(gateway);
    msg.putAttr(RTA_GATEWAY, &gw, sizeof gw);
    return request(msg, what);
}

Status deleteLink(const std::string& link) {
    const std::string what = "deleting link " + link;
    int index = BERTH_TRY(withContext(linkIndex(link), what));
    NetlinkMessage msg(RTM_DELLINK, 0);
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    ifi.ifi_index = index;
    msg.putStruct(ifi);
    return request(msg, what);
}

Result<int> linkIndex(const std::string& link) {
    BERTH_CHECK(validateLinkName(link));
    unsigned index = if_nametoindex(link.c_str());
    if (index == 0) {
        auto e = sysFail("link " + link);
        e.error().code = ErrorCode::NotFound;
        return e;
    }
    return static_cast<int>(index);
}

bool linkExists(const std::string& link) { return linkIndex(link).has_value(); }

Result<std::vector<LinkInfo>> listLinks() {
    auto sock = BERTH_TRY(NetlinkSocket::open());
    NetlinkMessage msg(RTM_GETLINK, 0);
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    msg.putStruct(ifi);
    std::vector<LinkInfo> links;
    BERTH_CHECK(sock.dump(msg, "listing links", [&](const nlmsghdr* h) {
        if (h->nlmsg_type != RTM_NEWLINK) return;
        const auto* info = static_cast<const ifinfomsg*>(NLMSG_DATA(h));
        LinkInfo link{{}, info->ifi_index, {}};
        int len = static_cast<int>(IFLA_PAYLOAD(h));
        for (auto* a = IFLA_RTA(info); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
            const char* text = static_cast<const char*>(RTA_DATA(a));
            std::size_t size = RTA_PAYLOAD(a);
            if (a->rta_type == IFLA_IFNAME) link.name.assign(text, strnlen(text, size));
            if (a->rta_type == IFLA_IFALIAS) link.alias.assign(text, strnlen(text, size));
        }
        links.push_back(std::move(link));
    }));
    return links;
}

Result<int> deleteLinksWithAlias(const std::string& alias) {
    auto links = BERTH_TRY(listLinks());
    int deleted = 0;
    for (const auto& link : links) {
        if (link.alias != alias) continue;
        // The peer of a veth we already deleted is gone too; that is not an error.
        auto s = deleteLink(link.name);
        if (!s && s.error().code != ErrorCode::NotFound) return std::unexpected(s.error());
        if (s) ++deleted;
    }
    return deleted;
}

} // namespace berth::network
