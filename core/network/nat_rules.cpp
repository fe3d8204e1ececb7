#include "network/nat_rules.h"

#include "network/netlink.h"
#include "network/process.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

namespace berth::network {
namespace {

constexpr const char* kTable = "ip berth";

// Ids and network names end up inside nft comments: allow only characters that need no quoting.
Status validateToken(const std::string& what, const std::string& value) {
    bool ok = !value.empty() && value.size() <= 128;
    for (char c : value) ok = ok && (isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-');
    if (!ok) return fail(ErrorCode::InvalidArgument, what + " \"" + value + "\": only letters, digits, _ . -");
    return {};
}

std::string containerComment(const std::string& id) { return "berth:" + id; }
std::string networkComment(const std::string& network) { return "berth-net:" + network; }

std::string rule(const std::string& chain, const std::string& body, const std::string& comment) {
    return std::string("add rule ") + kTable + " " + chain + " " + body + " comment \"" + comment + "\"\n";
}

} // namespace

std::string tableScript() {
    std::string t = kTable;
    return "add table " + t + "\n" +
           "add chain " + t + " prerouting { type nat hook prerouting priority -100; policy accept; }\n" +
           "add chain " + t + " output { type nat hook output priority -100; policy accept; }\n" +
           "add chain " + t + " postrouting { type nat hook postrouting priority 100; policy accept; }\n" +
           "add set " + t + " bridges { type ifname; }\n" +
           "add chain " + t + " forward { type filter hook forward priority 0; policy accept; }\n";
}

Result<std::string> isolationScript(const std::string& network, const std::string& bridge) {
    BERTH_CHECK(validateToken("network", network));
    BERTH_CHECK(validateLinkName(bridge));
    const std::string b = "\"" + bridge + "\"";
    return std::string("add element ") + kTable + " bridges { " + b + " }\n" +
           rule("forward", "iifname " + b + " oifname @bridges oifname != " + b + " drop", networkComment(network));
}

Result<std::string> removeIsolationElementScript(const std::string& bridge) {
    BERTH_CHECK(validateLinkName(bridge));
    const std::string b = "\"" + bridge + "\"";
    return std::string("add element ") + kTable + " bridges { " + b + " }\ndelete element " + kTable + " bridges { " + b + " }\n";
}

Result<std::string> masqueradeScript(const std::string& network, const Subnet& subnet, const std::string& bridge) {
    BERTH_CHECK(validateToken("network", network));
    BERTH_CHECK(validateLinkName(bridge));
    const std::string c = networkComment(network);
    return rule("postrouting", "ip saddr " + subnet.toString() + " oifname != \"" + bridge + "\" masquerade", c) +
           rule("postrouting", "ip saddr 127.0.0.0/8 oifname \"" + bridge + "\" masquerade", c);
}

Result<std::string> portMappingScript(const PortMapping& m) {
    BERTH_CHECK(validateToken("container", m.containerId));
    auto hostIp = BERTH_TRY(parseIpv4(m.hostIp));
    if (m.hostPort == 0 || m.containerPort == 0)
        return fail(ErrorCode::InvalidArgument, "port mapping of " + m.containerId + ": port 0");
    const std::string proto = m.proto == Protocol::Tcp ? "tcp" : "udp";
    // 0.0.0.0 means "any address of this host", which nftables spells as a fib lookup.
    const std::string match = (hostIp == 0 ? std::string("fib daddr type local") : "ip daddr " + formatIpv4(hostIp)) +
                              " " + proto + " dport " + std::to_string(m.hostPort);
    const std::string body =
        match + " dnat to " + formatIpv4(m.containerIp) + ":" + std::to_string(m.containerPort);
    const std::string c = containerComment(m.containerId);
    return rule("prerouting", body, c) + rule("output", body, c);
}

std::string defaultNftBinary() {
    static const std::string found = [] {
        const char* env = std::getenv("PATH");
        std::string dirs = env ? env : "";
        for (std::size_t at = 0; at <= dirs.size();) {
            std::size_t colon = std::min(dirs.find(':', at), dirs.size());
            std::string dir = dirs.substr(at, colon - at);
            if (!dir.empty() && dir[0] == '/' && ::access((dir + "/nft").c_str(), X_OK) == 0)
                return std::string("nft");
            at = colon + 1;
        }
        for (const char* path : {"/usr/sbin/nft", "/sbin/nft"})
            if (::access(path, X_OK) == 0) return std::string(path);
        return std::string("nft");
    }();
    return found;
}

Status NatRules::apply(const std::string& script, const std::string& what) {
    auto r = BERTH_TRY(withContext(runProcess({m_nft, "-f", "-"}, script), what));
    if (r.exitCode != 0) {
        std::string err = r.err;
        while (!err.empty() && err.back() == '\n') err.pop_back();
        return fail(ErrorCode::Io, what + ": nft exited with " + std::to_string(r.exitCode) + ": " + err);
    }
    return {};
}

Status NatRules::ensureTable() { return apply(tableScript(), "creating nftables table berth"); }

Status NatRules::addMasquerade(const std::string& network, const Subnet& subnet, const std::string& bridge) {
    const std::string what = "network " + network + ": adding masquerade";
    auto script = BERTH_TRY(withContext(masqueradeScript(network, subnet, bridge), what));
    BERTH_CHECK(withContext(writeSysctl("net/ipv4/conf/" + bridge + "/route_localnet", "1"), what));
    return apply(tableScript() + script, what);
}

Status NatRules::addPortMapping(const PortMapping& m) {
    const std::string what = "container " + m.containerId + ": publishing " + m.hostIp + ":" +
                             std::to_string(m.hostPort);
    auto script = BERTH_TRY(withContext(portMappingScript(m), what));
    return apply(tableScript() + script, what);
}

Status NatRules::addIsolation(const std::string& network, const std::string& bridge) {
    const std::string what = "network " + network + ": adding isolation";
    auto script = BERTH_TRY(withContext(isolationScript(network, bridge), what));
    return apply(tableScript() + script, what);
}

Result<bool> NatRules::tableExists() {
    auto r = BERTH_TRY(runProcess({m_nft, "list", "tables", "ip"}, ""));
    if (r.exitCode != 0) return fail(ErrorCode::Io, "listing nftables tables: " + r.err);
    return r.out.find("table ip berth\n") != std::string::npos;
}

Result<std::vector<NatRule>> NatRules::rules() {
    std::vector<NatRule> out;
    if (!BERTH_TRY(tableExists())) return out;
    auto r = BERTH_TRY(runProcess({m_nft, "-j", "list", "table", "ip", "berth"}, ""));
    if (r.exitCode != 0) return fail(ErrorCode::Io, "listing nftables table berth: " + r.err);
    auto doc = nlohmann::json::parse(r.out, nullptr, false);
    if (doc.is_discarded() || !doc.contains("nftables"))
        return fail(ErrorCode::Corrupt, "listing nftables table berth: unreadable json");
    for (const auto& item : doc["nftables"]) {
        if (!item.contains("rule")) continue;
        const auto& rl = item["rule"];
        out.push_back({rl.value("chain", ""), rl.value("comment", ""), rl.value("handle", 0L)});
    }
    return out;
}

Status NatRules::removeByComment(const std::string& comment, const std::string& what) {
    auto all = BERTH_TRY(withContext(rules(), what));
    std::string script;
    for (const auto& r : all)
        if (r.comment == comment)
            script += std::string("delete rule ") + kTable + " " + r.chain + " handle " + std::to_string(r.handle) + "\n";
    if (script.empty()) return {};
    return apply(script, what);
}

Status NatRules::removeFor(const std::string& containerId) {
    BERTH_CHECK(validateToken("container", containerId));
    return removeByComment(containerComment(containerId), "container " + containerId + ": removing port mappings");
}

Status NatRules::removeNetwork(const std::string& network, const std::string& bridge) {
    BERTH_CHECK(validateToken("network", network));
    BERTH_CHECK(removeByComment(networkComment(network), "network " + network + ": removing its rules"));
    if (bridge.empty()) return {};
    const std::string what = "network " + network + ": removing " + bridge + " from the isolation set";
    auto script = BERTH_TRY(withContext(removeIsolationElementScript(bridge), what));
    return apply(tableScript() + script, what);
}

Status NatRules::dropAll() {
    // "add" first makes the delete succeed when the table is absent (nft 1.0.6 has no "destroy").
    return apply(std::string("add table ") + kTable + "\ndelete table " + kTable + "\n",
                 "deleting nftables table berth");
}

} // namespace berth::network
