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

// Runs fn in a forked child that joined the namespace netnsFd, and returns fn's Status.
// A child, not a thread: setns(CLONE_NEWNET) on a thread of a multi-threaded process would leave
// that thread in the wrong namespace if anything went wrong; the child just exits.
Status inNetns(int netnsFd, const std::function<Status()>& fn);
// Writes a sysctl under /proc/sys (e.g. "net/ipv4/conf/berth0/route_localnet") in the caller's netns.
Status writeSysctl(const std::string& key, const std::string& value);

} // namespace berth::network
