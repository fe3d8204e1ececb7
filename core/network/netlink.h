#pragma once
// Links, addresses and routes over plain rtnetlink (no libnl). Every call acts in the network
// namespace of the calling thread; to act inside a container's namespace wrap calls in inNetns().
//
// Ownership: each link Berth creates carries the alias (IFLA_IFALIAS) "berth:<network>", so
// teardown lists links and removes exactly ours, never an interface someone else made.
// Errors read "<verb> <link>: <kernel's errno text>".
#include "network/subnet.h"
#include "support/error.h"

#include <functional>
#include <string>
#include <vector>

namespace berth::network {

// "berth:<network>", the alias that marks a link as ours.
std::string ownerAlias(const std::string& network);

struct LinkInfo {
    std::string name;
    int index = 0;
    std::string alias;
};

// Interface names: 1–15 characters of [A-Za-z0-9_.-] (what the kernel and our nft scripts accept).
Status validateLinkName(const std::string& name);

Status createBridge(const std::string& name, unsigned mtu, const std::string& alias);
// Both ends get the alias; `peer` is the end that will move into the container.
Status createVethPair(const std::string& name, const std::string& peer, unsigned mtu, const std::string& alias);
// A veth pair in one request: `name` in the caller's namespace, on `master` when given; `peer`
// created directly in the namespace peerNetnsFd (moving a link between namespaces afterwards costs
// ~25 ms of RCU grace periods) with the MAC `peerMac` ("02:42:…", empty: random); both ends up.
// The alias goes on `name` only: the peer dies with its namespace.
struct VethSpec {
    std::string name, peer;
    unsigned mtu = 0;
    std::string master;
    int peerNetnsFd = -1;
    std::string peerMac;
    std::string alias;
};
Status createVeth(const VethSpec& spec);
Status setAlias(const std::string& link, const std::string& alias);
Status addAddress(const std::string& link, Ipv4 address, int prefix);
Status setUp(const std::string& link, bool up);
Status moveToNetns(const std::string& link, int netnsFd);
Status renameLink(const std::string& link, const std::string& newName);
Status setMaster(const std::string& link, const std::string& bridge);
Status addDefaultRoute(Ipv4 gateway);
// Deleting one end of a veth pair deletes both.
Status deleteLink(const std::string& link);
Result<int> linkIndex(const std::string& link);
bool linkExists(const std::string& link);
Result<std::vector<LinkInfo>> listLinks();
// Deletes every link whose alias is `alias`; returns how many went.
Result<int> deleteLinksWithAlias(const std::string& alias);

// Runs fn on a short-lived thread that joined the namespace netnsFd, and returns fn's Status.
// setns(CLONE_NEWNET) changes only the calling thread's namespace, and the thread ends with fn,
// so no other thread ever runs in the wrong namespace; it saves a fork (~5 ms) per call.
Status inNetns(int netnsFd, const std::function<Status()>& fn);
// Writes a sysctl under /proc/sys (e.g. "net/ipv4/conf/berth0/route_localnet") in the caller's netns.
Status writeSysctl(const std::string& key, const std::string& value);

} // namespace berth::network
