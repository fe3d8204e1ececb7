#pragma once
// The networks Berth knows: three built-in ones as Docker's ("bridge", the default bridge berth0
// on 10.88.0.0/16; "host"; "none") and user-defined bridge networks made by `network create`.
// User networks are kept in <root>/networks/networks.json, written atomically under the file lock
// "networks.json.lock"; each has its own IPAM state in <root>/networks/<id>.json. The default
// bridge keeps its historical IPAM file "bridge.json".
#include "network/bridge_network.h"
#include "support/error.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::network {

struct NetworkDef {
    std::string name;
    std::string id;               // 64 hex characters
    std::string driver = "bridge"; // "bridge", "host" or "null"
    std::string subnet;           // "10.89.0.0/24"; empty for host and none
    std::string gateway;          // "10.89.0.1"
    std::string bridge;           // Linux bridge: "berth0", "br-<id12>"
    std::string created;          // RFC 3339
    bool builtin = false;
    std::map<std::string, std::string> labels;

    bool isBridge() const { return driver == "bridge"; }
    // The user-defined networks have the embedded DNS server; the default bridge does not (Docker's rule).
    bool hasDns() const { return isBridge() && !builtin; }
};

// Docker's network name rule: [a-zA-Z0-9][a-zA-Z0-9_.-]* (at most 64 characters here).
Status validateNetworkName(std::string_view name);
// The first 10.89.N.0/24 not in `taken` (N = 0…255).
Result<std::string> pickSubnet(const std::vector<std::string>& taken);
// Do two subnets share an address?
bool subnetsOverlap(const Subnet& a, const Subnet& b);

struct NetworkCreateRequest {
    std::string name;
    std::string driver = "bridge";
    std::string subnet;  // empty: the next free 10.89.N.0/24
    std::string gateway; // empty: the subnet's first host
    std::map<std::string, std::string> labels;
};

class NetworkStore {
public:
    // dir: <root>/networks (created when missing).
    static Result<NetworkStore> open(std::filesystem::path dir);

    // bridge, host, none first, then the user networks by name.
    Result<std::vector<NetworkDef>> list() const;
    // By name, full id or a unique id prefix. NotFound: "network NAME not found".
    Result<NetworkDef> find(std::string_view nameOrId) const;
    // Fails with AlreadyExists when the name is taken, InvalidArgument when the subnet overlaps
    // another network's.
    Result<NetworkDef> create(const NetworkCreateRequest& request);
    // Forgets a user network and its IPAM state (the caller removed its kernel objects).
    Status remove(const std::string& id);

    // How a container attaches to a bridge network.
    BridgeConfig bridgeConfig(const NetworkDef& def) const;
    // The network's address leases (empty for host and none).
    Result<std::vector<Lease>> leases(const NetworkDef& def) const;
    const std::filesystem::path& dir() const { return m_dir; }

private:
    explicit NetworkStore(std::filesystem::path dir) : m_dir(std::move(dir)) {}
    Result<std::vector<NetworkDef>> loadUser() const;
    Status saveUser(const std::vector<NetworkDef>& defs) const;
    std::filesystem::path m_dir;
};

} // namespace berth::network
