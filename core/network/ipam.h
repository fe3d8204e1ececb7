#pragma once
// IP address management for one network: which container holds which address. The state lives in
// a JSON file so leases survive restarts of Berth. Every verb takes an exclusive FileLock on
// "<stateFile>.lock", re-reads the file, acts and writes it back atomically, so two processes (or
// two Ipam objects) on one file never hand out the same address.
//
// Lifecycle: open() once per network → allocate() when a container joins → release() when it
// leaves. The network address, the broadcast address and the gateway are never handed out.
#include "network/subnet.h"
#include "support/error.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace berth::network {

struct Lease {
    std::string containerId;
    Ipv4 address = 0;
    // The names the container answers to on this network (name, short id, aliases), for the
    // embedded DNS server of user networks; empty on the default bridge.
    std::vector<std::string> names;
    // The process that attached the container (its shim), with its start time in clock ticks
    // after boot (/proc/<pid>/stat field 22, so a reused pid is not taken for it): while it
    // lives the lease is in use; once it is gone the lease is a crash's leftover that
    // sweepNetwork() releases. 0: unknown (older state files), never swept for that reason.
    int ownerPid = 0;
    std::uint64_t ownerStart = 0;
    std::string mac; // the container's interface on this network, "02:42:0a:58:00:02"
};

// Who holds a lease: a process and its start time.
struct LeaseOwner {
    int pid = 0;
    std::uint64_t start = 0;
};
// The calling process, or pid (0: the caller) as it runs now; pid 0 in the result when it does not run.
LeaseOwner processOwner(int pid = 0);
// Whether a lease's owner still runs (true when the lease names none).
bool leaseOwnerAlive(const Lease& lease);
// Docker's MAC for a container address: 02:42 followed by the four address bytes.
std::string macForAddress(Ipv4 address);

struct IpamConfig {
    std::string network; // "berth0"; names the network in errors
    Subnet subnet;
    std::optional<Ipv4> gateway; // default: subnet.firstHost()
};

class Ipam {
public:
    // Creates the state file if missing; an existing one must hold the same network and subnet.
    // Subnets smaller than /30 are refused: /31 and /32 leave no host besides the gateway.
    static Result<Ipam> open(const std::filesystem::path& stateFile, IpamConfig config);
    // The leases of a state file without opening it for writing (a missing file has none): the
    // embedded DNS server reads them on every query.
    static Result<std::vector<Lease>> readLeases(const std::filesystem::path& stateFile, const IpamConfig& config);

    // The lowest free address; the same container id gets its existing lease back (with `names`
    // updated).
    Result<Ipv4> allocate(const std::string& containerId, const std::vector<std::string>& names = {},
                          LeaseOwner owner = {});
    // Releasing an id that holds no lease is not an error (teardown is idempotent).
    Status release(const std::string& containerId);
    Result<std::vector<Lease>> leases() const;

    const Subnet& subnet() const { return m_config.subnet; }
    Ipv4 gateway() const { return *m_config.gateway; }
    const std::string& network() const { return m_config.network; }

private:
    Ipam(std::filesystem::path stateFile, IpamConfig config)
        : m_stateFile(std::move(stateFile)), m_config(std::move(config)) {}

    std::filesystem::path m_stateFile;
    IpamConfig m_config;
};

} // namespace berth::network
