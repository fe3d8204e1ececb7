#include "network/ipam.h"

#include "support/file_lock.h"
#include "support/file_util.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <system_error>

namespace berth::network {
namespace {

using LeaseMap = std::map<std::string, Ipv4>; // container id → address

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
    for (auto& [id, value] : stored.items()) {
        if (!value.is_string()) return corrupt("lease of " + id + " is not a string");
        auto address = parseIpv4(value.get<std::string>());
        if (!address || !config.subnet.contains(*address)) return corrupt("bad lease of " + id);
        leases[id] = *address;
    }
    return leases;
}

Status save(const std::filesystem::path& stateFile, const IpamConfig& config, const LeaseMap& leases) {
    nlohmann::json doc{{"network", config.network},
                       {"subnet", config.subnet.toString()},
                       {"gateway", formatIpv4(*config.gateway)},
                       {"leases", nlohmann::json::object()}};
    for (auto& [id, address] : leases) doc["leases"][id] = formatIpv4(address);
    return withContext(writeFileAtomic(stateFile, doc.dump(2) + "\n", 0600), describe(config));
}

Result<Ipv4> lowestFree(const IpamConfig& config, const LeaseMap& leases) {
    std::set<Ipv4> used{*config.gateway};
    for (auto& [id, address] : leases) used.insert(address);
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
    auto leases = BERTH_TRY(load(stateFile, config));
    BERTH_CHECK(save(stateFile, config, leases)); // records the network on first open
    return Ipam(stateFile, std::move(config));
}

Result<Ipv4> Ipam::allocate(const std::string& containerId) {
    if (containerId.empty()) return fail(ErrorCode::InvalidArgument, describe(m_config) + ": empty container id");
    auto lock = BERTH_TRY(FileLock::acquire(lockPath(m_stateFile), FileLock::Mode::Exclusive));
    auto leases = BERTH_TRY(load(m_stateFile, m_config));
    if (auto it = leases.find(containerId); it != leases.end()) return it->second;
    Ipv4 address = BERTH_TRY(lowestFree(m_config, leases));
    leases[containerId] = address;
    BERTH_CHECK(save(m_stateFile, m_config, leases));
    return address;
}

Status Ipam::release(const std::string& containerId) {
    auto lock = BERTH_TRY(FileLock::acquire(lockPath(m_stateFile), FileLock::Mode::Exclusive));
    auto leases = BERTH_TRY(load(m_stateFile, m_config));
    if (leases.erase(containerId) == 0) return {};
    return save(m_stateFile, m_config, leases);
}

Result<std::vector<Lease>> Ipam::leases() const {
    auto lock = BERTH_TRY(FileLock::acquire(lockPath(m_stateFile), FileLock::Mode::Shared));
    auto leases = BERTH_TRY(load(m_stateFile, m_config));
    std::vector<Lease> out;
    for (auto& [id, address] : leases) out.push_back({id, address});
    return out;
}

} // namespace berth::network
