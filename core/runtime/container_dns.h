#pragma once
// What the embedded DNS server of a container on user networks answers: the addresses of a name
// on the networks the container is on at the moment of the query (its network mode's and those
// joined with `network connect`), and where every other query goes.
#include "network/dns_server.h"
#include "runtime/container_config.h"

#include <filesystem>
#include <string>
#include <vector>

namespace berth::runtime {

// Reads the networks and their leases again on each call, so later joins and leaves count.
// networksDir: <root>/networks; connectedFile: ContainerStore::connectedNetworksPath.
network::DnsLookup containerDnsLookup(std::filesystem::path networksDir, std::filesystem::path connectedFile,
                                      std::string networkMode);
// The name of an address on those networks, as Docker's "<container name>.<network>"; "" when none
// of them holds it.
network::DnsReverseLookup containerDnsReverseLookup(std::filesystem::path networksDir,
                                                    std::filesystem::path connectedFile,
                                                    std::string networkMode);
// --dns servers, else the host's nameservers (loopback ones too: queries leave from the host's namespace).
std::vector<network::DnsUpstream> containerDnsUpstreams(const ContainerConfig& config);

} // namespace berth::runtime
