#include "network/network_store.h"

#include "support/clock.h"
#include "support/file_lock.h"
#include "support/file_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <system_error>

namespace berth::network {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kStoreFile = "networks.json";

NetworkDef builtin(const std::string& name, const std::string& driver) {
    NetworkDef d;
    d.name = name;
    d.driver = driver;
    d.builtin = true;
    // Stable ids, so `network ls` shows the same id on every run.
    // Docker's are random per daemon; ours are fixed: the name's bytes in hex, zero-padded.
    for (char c : name) {
        static const char* hex = "0123456789abcdef";
        d.id += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
        d.id += hex[static_cast<unsigned char>(c) & 0xf];
    }
    d.id.resize(64, '0');
    if (name == "bridge") {
        d.subnet = "10.88.0.0/16";
        d.gateway = "10.88.0.1";
        d.bridge = "berth0";
    }
    return d;
}

json toJson(const NetworkDef& d) {
    return {{"name", d.name}, {"id", d.id}, {"driver", d.driver}, {"subnet", d.subnet}, {"gateway", d.gateway},
            {"bridge", d.bridge}, {"created", d.created}, {"labels", d.labels}};
}

NetworkDef fromJson(const json& j) {
    NetworkDef d;
    d.name = j.value("name", "");
    d.id = j.value("id", "");
    d.driver = j.value("driver", "bridge");
    d.subnet = j.value("subnet", "");
    d.gateway = j.value("gateway", "");
    d.bridge = j.value("bridge", "");
    d.created = j.value("created", "");
    d.labels = j.value("labels", std::map<std::string, std::string>{});
    return d;
}

} // namespace

Status validateNetworkName(std::string_view name) {
    bool ok = !name.empty() && name.size() <= 64 && std::isalnum(static_cast<unsigned char>(name[0]));
    for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-');
    if (!ok)
        return fail(ErrorCode::InvalidArgument, "invalid network name \"" + std::string(name) +
                                                    "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    return {};
}

bool subnetsOverlap(const Subnet& a, const Subnet& b) {
    int prefix = std::min(a.prefix, b.prefix);
    Ipv4 mask = prefix == 0 ? 0 : ~Ipv4{0} << (32 - prefix);
    return (a.network & mask) == (b.network & mask);
}

Result<std::string> pickSubnet(const std::vector<std::string>& taken) {
    std::vector<Subnet> used;
    for (auto& t : taken)
        if (auto s = Subnet::parse(t)) used.push_back(*s);
    for (Ipv4 n = 0; n < 256; ++n) {
        Subnet candidate{(10u << 24) | (89u << 16) | (n << 8), 24};
        bool free = std::none_of(used.begin(), used.end(), [&](const Subnet& u) { return subnetsOverlap(u, candidate); });
        if (free) return candidate.toString();
    }
    return fail(ErrorCode::LimitExceeded, "no free subnet left in 10.89.0.0/16: use --subnet");
}

Result<NetworkStore> NetworkStore::open(fs::path dir) {
    BERTH_CHECK(makeDirs(dir));
    return NetworkStore(std::move(dir));
}

Result<std::vector<NetworkDef>> NetworkStore::loadUser() const {
    std::vector<NetworkDef> defs;
    fs::path file = m_dir / kStoreFile;
    std::error_code ec;
    if (!fs::exists(file, ec)) return defs;
    auto text = BERTH_TRY(readFile(file));
    auto doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.value("networks", json::array()).is_array())
        return fail(ErrorCode::Corrupt, "network store " + file.string() + ": not a json object with networks");
    for (auto& n : doc["networks"]) defs.push_back(fromJson(n));
    std::sort(defs.begin(), defs.end(), [](auto& a, auto& b) { return a.name < b.name; });
    return defs;
}

Status NetworkStore::saveUser(const std::vector<NetworkDef>& defs) const {
    json doc{{"networks", json::array()}};
    for (auto& d : defs) doc["networks"].push_back(toJson(d));
    return writeFileAtomic(m_dir / kStoreFile, doc.dump(2) + "\n", 0600);
}

Result<std::vector<NetworkDef>> NetworkStore::list() const {
    std::vector<NetworkDef> all{builtin("bridge", "bridge"), builtin("host", "host"), builtin("none", "null")};
    auto lock = BERTH_TRY(FileLock::acquire(m_dir / (std::string(kStoreFile) + ".lock"), FileLock::Mode::Shared));
    for (auto& d : BERTH_TRY(loadUser())) all.push_back(std::move(d));
    return all;
}

Result<NetworkDef> NetworkStore::find(std::string_view nameOrId) const {
    auto all = BERTH_TRY(list());
    for (auto& d : all)
        if (d.name == nameOrId || d.id == nameOrId) return d;
    const NetworkDef* match = nullptr;
    if (!nameOrId.empty())
        for (auto& d : all)
            if (d.id.starts_with(nameOrId)) {
                if (match)
                    return fail(ErrorCode::InvalidArgument, "network " + std::string(nameOrId) + " is ambiguous (" +
                                                                match->name + ", " + d.name + ")");
                match = &d;
            }
    if (match) return *match;
    return fail(ErrorCode::NotFound, "network " + std::string(nameOrId) + " not found");
}

Result<NetworkDef> NetworkStore::create(const NetworkCreateRequest& r) {
    BERTH_CHECK(validateNetworkName(r.name));
    if (r.driver != "bridge")
        return fail(ErrorCode::Unsupported, "network driver \"" + r.driver + "\" is not supported (only bridge)");
    auto lock = BERTH_TRY(FileLock::acquire(m_dir / (std::string(kStoreFile) + ".lock"), FileLock::Mode::Exclusive));
    auto defs = BERTH_TRY(loadUser());
    std::vector<NetworkDef> all{builtin("bridge", "bridge"), builtin("host", "host"), builtin("none", "null")};
    all.insert(all.end(), defs.begin(), defs.end());
    std::vector<std::string> taken;
    for (auto& d : all) {
        if (d.name == r.name) return fail(ErrorCode::AlreadyExists, "network with name " + r.name + " already exists");
        if (!d.subnet.empty()) taken.push_back(d.subnet);
    }
    NetworkDef d;
    d.name = r.name;
    d.id = randomHex(32);
    d.driver = r.driver;
    d.labels = r.labels;
    d.created = utcNowRfc3339();
    d.bridge = "br-" + d.id.substr(0, 12);
    d.subnet = r.subnet.empty() ? BERTH_TRY(pickSubnet(taken)) : r.subnet;
    Subnet subnet = BERTH_TRY(Subnet::parse(d.subnet));
    if (subnet.prefix > 30)
        return fail(ErrorCode::InvalidArgument, "subnet " + d.subnet + " is too small (at most /30)");
    for (auto& other : all) {
        if (other.subnet.empty()) continue;
        if (auto s = Subnet::parse(other.subnet); s && subnetsOverlap(*s, subnet))
            return fail(ErrorCode::InvalidArgument, "invalid pool request: pool " + d.subnet + " overlaps with network " +
                                                        other.name + " (" + other.subnet + ")");
    }
    Ipv4 gateway = subnet.firstHost();
    if (!r.gateway.empty()) {
        gateway = BERTH_TRY(parseIpv4(r.gateway));
        if (!subnet.contains(gateway) || gateway == subnet.network || gateway == subnet.broadcast())
            return fail(ErrorCode::InvalidArgument, "gateway " + r.gateway + " is not a host of subnet " + d.subnet);
    }
    d.gateway = formatIpv4(gateway);
    defs.push_back(d);
    BERTH_CHECK(saveUser(defs));
    return d;
}

Status NetworkStore::remove(const std::string& id) {
    auto lock = BERTH_TRY(FileLock::acquire(m_dir / (std::string(kStoreFile) + ".lock"), FileLock::Mode::Exclusive));
    auto defs = BERTH_TRY(loadUser());
    auto it = std::find_if(defs.begin(), defs.end(), [&](auto& d) { return d.id == id; });
    if (it == defs.end()) return fail(ErrorCode::NotFound, "network " + id + " not found");
    defs.erase(it);
    BERTH_CHECK(saveUser(defs));
    std::error_code ec;
    fs::remove(m_dir / (id + ".json"), ec);
    fs::remove(m_dir / (id + ".json.lock"), ec);
    return {};
}

BridgeConfig NetworkStore::bridgeConfig(const NetworkDef& d) const {
    BridgeConfig c;
    c.stateDir = m_dir;
    if (d.builtin) return c; // the default bridge: berth0, bridge.json
    c.network = d.name;
    c.bridge = d.bridge;
    c.subnet = d.subnet;
    c.gateway = d.gateway;
    c.ipamFile = m_dir / (d.id + ".json");
    return c;
}

Result<std::vector<Lease>> NetworkStore::leases(const NetworkDef& d) const {
    if (!d.isBridge()) return std::vector<Lease>{};
    BridgeConfig c = bridgeConfig(d);
    fs::path file = c.ipamFile.empty() ? c.stateDir / (c.network + ".json") : c.ipamFile;
    std::error_code ec;
    if (!fs::exists(file, ec)) return std::vector<Lease>{};
    IpamConfig ic;
    ic.network = c.network;
    ic.subnet = BERTH_TRY(Subnet::parse(c.subnet));
    if (!c.gateway.empty()) ic.gateway = BERTH_TRY(parseIpv4(c.gateway));
    return Ipam::readLeases(file, ic);
}

} // namespace berth::network
