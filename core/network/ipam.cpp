#include "network/ipam.h"

#include "support/file_lock.h"
#include "support/file_util.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <unistd.h>

#include <map>
#include <set>
#include <system_error>

namespace berth::network {
namespace {

struct Entry {
    Ipv4 address = 0;
    std::vector<std::string> names;
    LeaseOwner owner;
};
using LeaseMap = std::map<std::string, Entry>; // container id → address and DNS names

std::filesystem::path lockPath(const std::filesystem::path& stateFile) {
    return stateFile.string() + ".lock";
}

std::string describe(const IpamConfig& config) { return "network " + config.network; }

// Reads the leases; a missing file is an empty network. The file must describe this network.
Result<LeaseMap> load(const std::filesystem::path& stateFile, const IpamConfig& config) {
    std::error_code ec;
    if (!std::filesystem::exists(stateFile, ec)) return LeaseMap{};
    auto text = readFile(stateFile);
    if (!text) return std::unexpected(text.error().context(describe(config)));
    auto corrupt = [&](const std::string& why) {
        return fail(ErrorCode::Corrupt, describe(config) + ": state " + stateFile.string() + ": " + why);
    };
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return corrupt("not a json object");
    if (doc.value("subnet", "") != config.subnet.toString())
        return fail(ErrorCode::InvalidArgument, describe(config) + ": state holds subnet " +
                                                    doc.value("subnet", "?") + ", not " + config.subnet.toString());
    LeaseMap leases;
    const nlohmann::json stored = doc.value("leases", nlohmann::json::object());
    if (!stored.is_object()) return corrupt("leases is not an object");
    // A lease is "10.88.0.2" (older files), or {"address": "10.89.0.2", "names": [...], "pid": N,
    // "pidStart": T}.
    for (auto& [id, value] : stored.items()) {
        Entry entry;
        std::string address;
        if (value.is_string()) {
            address = value.get<std::string>();
        } else if (value.is_object() && value.contains("address") && value["address"].is_string()) {
            address = value["address"].get<std::string>();
            for (auto& n : value.value("names", nlohmann::json::array()))
                if (n.is_string()) entry.names.push_back(n.get<std::string>());
            auto pid = value.value("pid", nlohmann::json());
            auto start = value.value("pidStart", nlohmann::json());
            if (pid.is_number_integer() && start.is_number_unsigned()) {
                entry.owner.pid = pid.get<int>();
                entry.owner.start = start.get<std::uint64_t>();
            }
        } else {
            return corrupt("lease of " + id + " is not an address");
        }
        auto parsed = parseIpv4(address);
        if (!parsed || !config.subnet.contains(*parsed)) return corrupt("bad lease of " + id);
        entry.address = *parsed;
        leases[id] = std::move(entry);
    }
    return leases;
}

Status save(const std::filesystem::path& stateFile, const IpamConfig& config, const LeaseMap& leases) {
    nlohmann::json doc{{"network", config.network},
                       {"subnet", config.subnet.toString()},
                       {"gateway", formatIpv4(*config.gateway)},
                       {"leases", nlohmann::json::object()}};
    for (auto& [id, e] : leases) {
        nlohmann::json lease{{"address", formatIpv4(e.address)}, {"mac", macForAddress(e.address)}};
        if (!e.names.empty()) lease["names"] = e.names;
        if (e.owner.pid > 0) {
            lease["pid"] = e.owner.pid;
            lease["pidStart"] = e.owner.start;
        }
        doc["leases"][id] = std::move(lease);
    }
    return withContext(writeFileReplacing(stateFile, doc.dump(2) + "\n", 0600), describe(config));
}

Result<Ipv4> lowestFree(const IpamConfig& config, const LeaseMap& leases) {
    std::set<Ipv4> used{*config.gateway};
    for (auto& [id, e] : leases) used.insert(e.address);
    const Subnet& s = config.subnet;
    for (Ipv4 a = s.firstHost(); a < s.broadcast(); ++a)
        if (!used.contains(a)) return a;
    return fail(ErrorCode::LimitExceeded, describe(config) + ": subnet " + s.toString() + " has no free address");
}

} // namespace

Result<Ipam> Ipam::open(const std::filesystem::path& stateFile, IpamConfig config) {
    const Subnet& s = config.subnet;
    if (s.prefix > 30)
        return fail(ErrorCode::InvalidArgument,
                    describe(config) + ": subnet " + s.toString() + " is too small (at most /30)");
    if (!config.gateway) config.gateway = s.firstHost();
    Ipv4 gw = *config.gateway;
    if (!s.contains(gw) || gw == s.network || gw == s.broadcast())
        return fail(ErrorCode::InvalidArgument, describe(config) + ": gateway " + formatIpv4(gw) +
                                                    " is not a host of " + s.toString());
    BERTH_CHECK(withContext(makeDirs(stateFile.parent_path()), describe(config)));
    auto lock = BERTH_TRY(FileLock::acquire(lockPath(stateFile), FileLock::Mode::Exclusive));
    std::error_code ec;
    const bool existed = std::filesystem::exists(stateFile, ec);
    auto leases = BERTH_TRY(load(stateFile, config)); // also checks an existing file's network and subnet
    if (!existed) BERTH_CHECK(save(stateFile, config, leases)); // records the network on first open
    return Ipam(stateFile, std::move(config));
}

LeaseOwner processOwner(int pid) {
    if (pid <= 0) pid = ::getpid();
    auto stat = readFile("/proc/" + std::to_string(pid) + "/stat", 4096);
    if (!stat) return {};
    // The command name in parentheses may hold spaces and parentheses: fields count from the last ')'.
    auto paren = stat->rfind(')');
    if (paren == std::string::npos) return {};
    std::string_view rest = std::string_view(*stat).substr(paren + 1);
    // A zombie has done its work: its parent just has not reaped it yet.
    if (rest.size() < 3 || rest[1] == 'Z' || rest[1] == 'X') return {};
    int field = 2; // the ')' ends field 2
    std::size_t i = 0;
    while (i < rest.size() && field < 22) {
        while (i < rest.size() && rest[i] == ' ')
            ++i;
        ++field;
        if (field == 22) break;
        while (i < rest.size() && rest[i] != ' ')
            ++i;
    }
    std::uint64_t start = 0;
    for (; i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; ++i)
        start = start * 10 + static_cast<std::uint64_t>(rest[i] - '0');
    if (field != 22 || start == 0) return {};
    return {pid, start};
}

bool leaseOwnerAlive(const Lease& lease) {
    if (lease.ownerPid <= 0) return true;
    auto now = processOwner(lease.ownerPid);
    return now.pid == lease.ownerPid && now.start == lease.ownerStart;
}

std::string macForAddress(Ipv4 address) {
    char text[18];
    std::snprintf(text, sizeof text, "02:42:%02x:%02x:%02x:%02x", (address >> 24) & 0xff,
                  (address >> 16) & 0xff, (address >> 8) & 0xff, address & 0xff);
    return text;
}

Result<Ipv4> Ipam::allocate(const std::string& containerId, const std::vector<std::string>& names,
                            LeaseOwner owner) {
    if (containerId.empty()) return fail(ErrorCode::InvalidArgument, describe(m_config) + ": empty container id");
    auto lock = BERTH_TRY(FileLock::acquire(lockPath(m_stateFile), FileLock::Mode::Exclusive));
    auto leases = BERTH_TRY(load(m_stateFile, m_config));
    if (auto it = leases.find(containerId); it != leases.end()) {
        if (it->second.names != names || it->second.owner.pid != owner.pid ||
            it->second.owner.start != owner.start) {
            it->second.names = names;
            it->second.owner = owner;
            BERTH_CHECK(save(m_stateFile, m_config, leases));
        }
        return it->second.address;
    }
    Ipv4 address = BERTH_TRY(lowestFree(m_config, leases));
    leases[containerId] = Entry{address, names, owner};
    BERTH_CHECK(save(m_stateFile, m_config, leases));
    return address;
}

Status Ipam::release(const std::string& containerId) {
    auto lock = BERTH_TRY(FileLock::acquire(lockPath(m_stateFile), FileLock::Mode::Exclusive));
    auto leases = BERTH_TRY(load(m_stateFile, m_config));
    if (leases.erase(containerId) == 0) return {};
    return save(m_stateFile, m_config, leases);
}

Result<std::vector<Lease>> Ipam::leases() const { return readLeases(m_stateFile, m_config); }

Result<std::vector<Lease>> Ipam::readLeases(const std::filesystem::path& stateFile, const IpamConfig& config) {
    std::error_code ec;
    if (!std::filesystem::exists(stateFile, ec)) return std::vector<Lease>{};
    auto lock = BERTH_TRY(FileLock::acquire(lockPath(stateFile), FileLock::Mode::Shared));
    auto leases = BERTH_TRY(load(stateFile, config));
    std::vector<Lease> out;
    for (auto& [id, e] : leases)
        out.push_back({id, e.address, e.names, e.owner.pid, e.owner.start, macForAddress(e.address)});
    return out;
}

} // namespace berth::network
