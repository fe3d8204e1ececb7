#include "runtime/container_dns.h"

#include "network/network_store.h"
#include "support/file_util.h"

#include <algorithm>
#include <cctype>

namespace berth::runtime {

namespace {

bool equalsLowercase(std::string_view name, std::string_view lowered) {
    return name.size() == lowered.size() &&
           std::equal(name.begin(), name.end(), lowered.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

} // namespace

network::DnsLookup containerDnsLookup(std::filesystem::path networksDir, std::filesystem::path connectedFile,
                                      std::string mode) {
    return [networksDir = std::move(networksDir), connectedFile = std::move(connectedFile),
            mode = std::move(mode)](std::string_view name) {
        std::vector<network::Ipv4> out;
        auto store = network::NetworkStore::open(networksDir);
        if (!store) return out;
        std::vector<std::string> networks{mode};
        for (auto& n : readConnectedNetworks(connectedFile).value_or(std::vector<ConnectedNetwork>{}))
            networks.push_back(n.network);
        for (auto& net : networks) {
            auto def = store->find(net);
            if (!def || !def->hasDns()) continue;
            for (auto& lease : store->leases(*def).value_or(std::vector<network::Lease>{}))
                for (auto& n : lease.names) // the server hands over the name lowercased
                    if (equalsLowercase(n, name) &&
                        std::find(out.begin(), out.end(), lease.address) == out.end() &&
                        network::leaseOwnerAlive(lease)) // a killed container's lease waits for the sweep
                        out.push_back(lease.address);
        }
        return out;
    };
}

network::DnsReverseLookup containerDnsReverseLookup(std::filesystem::path networksDir,
                                                    std::filesystem::path connectedFile, std::string mode) {
    return [networksDir = std::move(networksDir), connectedFile = std::move(connectedFile),
            mode = std::move(mode)](network::Ipv4 address) -> std::string {
        auto store = network::NetworkStore::open(networksDir);
        if (!store) return {};
        std::vector<std::string> networks{mode};
        for (auto& n : readConnectedNetworks(connectedFile).value_or(std::vector<ConnectedNetwork>{}))
            networks.push_back(n.network);
        for (auto& net : networks) {
            auto def = store->find(net);
            if (!def || !def->hasDns()) continue;
            for (auto& lease : store->leases(*def).value_or(std::vector<network::Lease>{}))
                if (lease.address == address && !lease.names.empty() && network::leaseOwnerAlive(lease))
                    return lease.names.front() + "." + def->name;
        }
        return {};
    };
}

std::vector<network::DnsUpstream> containerDnsUpstreams(const ContainerConfig& c) {
    std::vector<network::DnsUpstream> out;
    for (auto& d : c.dns)
        if (auto ip = network::parseIpv4(d)) out.push_back({*ip, 53});
    if (!out.empty()) return out;
    if (auto text = readFile("/etc/resolv.conf", 1u << 20)) out = network::upstreamsFromResolvConf(*text);
    return out;
}

} // namespace berth::runtime
