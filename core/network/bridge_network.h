#pragma once
// The default bridge network, as Docker's docker0: a Linux bridge "berth0" holding 10.88.0.1/16,
// one veth pair per container (host end on the bridge, the other end the container's eth0),
// addresses from the network's IPAM, masquerade for outbound traffic and DNAT for published
// ports. Everything is created in the caller's network namespace (the host's, normally) and
// tagged with the owner, so detach removes exactly what attach made.
#include "network/ipam.h"
#include "network/nat_rules.h"

#include <filesystem>
#include <string>
#include <vector>

namespace berth::network {

struct BridgeConfig {
    std::string network = "bridge"; // names the owner in link aliases and nft comments
    std::string bridge = "berth0";
    std::string subnet = "10.88.0.0/16";
    std::string gateway;            // empty: the subnet's first host
    std::filesystem::path stateDir; // <root>/networks: IPAM state lives here
    std::filesystem::path ipamFile; // empty: <stateDir>/<network>.json
    // <root>/containers when known: a lease whose container has no directory there is a leftover
    // of a crash (the engine removes the directory last), whatever its owner.
    std::filesystem::path containersDir;
};

// One container's interface on a network.
struct EndpointOptions {
    std::string interfaceName = "eth0"; // eth0 for the first network, eth1… for `network connect`
    bool defaultRoute = true;           // only the first network routes the container's traffic
    std::vector<std::string> dnsNames;  // recorded in the lease for the embedded DNS server
    int ownerPid = 0;                   // the process that holds the endpoint (its shim); 0: the caller
};

struct Attachment {
    Ipv4 address = 0;
    Ipv4 gateway = 0;
    int prefix = 0;
    std::string hostLink; // the host end of the veth pair
    std::string mac;      // the container's interface
};

// Creates what is missing (bridge, its address, NAT table and masquerade), then connects the
// container whose network namespace is netnsFd, and publishes its ports. On error, nothing of
// this container is left behind.
Result<Attachment> attachContainer(const BridgeConfig& config, const std::string& containerId, int netnsFd,
                                   std::vector<PortMapping> ports, const EndpointOptions& endpoint = {});
// Removes the container's host link on this network, its address lease and (removePorts) its
// published ports. Idempotent. With deleteLinks false the veth pair is left to the kernel, which
// deletes it with the container's network namespace once nothing holds that any more: for a
// container that has stopped, whose namespace nobody shares, that saves the ~10–30 ms of RCU grace
// periods an explicit delete waits for on its exit path.
Status detachContainer(const BridgeConfig& config, const std::string& containerId, bool removePorts = true,
                       bool deleteLinks = true);
// Releases what containers that no longer run still hold on the network (a shim killed with
// SIGKILL, a container directory removed half-way): their leases (so their DNS records), host
// links and published-port rules. A lease is dead when its owner process is gone or its container
// has no directory in config.containersDir. Cheap when nothing is dead (one state file read, one
// /proc read per lease); returns the container ids released.
Result<std::vector<std::string>> sweepNetwork(const BridgeConfig& config);
// Removes the network's bridge, whatever veths are still on it and its nft rules (masquerade,
// isolation). Idempotent.
Status removeBridge(const BridgeConfig& config);

} // namespace berth::network
