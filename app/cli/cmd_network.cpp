// network create, ls, inspect, rm, prune, connect, disconnect: Docker's `docker network` verbs.
#include "command.h"
#include "format.h"
#include "go_template.h"
#include "time_arg.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <optional>

namespace berth::cli {

namespace {

using nlohmann::json;

std::string scopeOf(const network::NetworkDef&) { return "local"; }

int runNetworkCreate(Context& ctx, const ParsedArgs& a) {
    network::NetworkCreateRequest r;
    r.name = a.positional[0];
    r.driver = a.value("driver", "bridge");
    r.subnet = a.value("subnet");
    r.gateway = a.value("gateway");
    if (!r.gateway.empty() && r.subnet.empty()) {
        std::cerr << "Error: --gateway needs --subnet\n";
        return ExitUsage;
    }
    for (auto& l : a.all("label")) {
        auto eq = l.find('=');
        r.labels[l.substr(0, eq)] = eq == std::string::npos ? "" : l.substr(eq + 1);
    }
    auto created = ctx.engine()->createNetwork(r);
    if (!created) return reportError(created.error());
    std::cout << created->id << '\n';
    return ExitOk;
}

// --filter name=…, id=…, driver=…, type=builtin|custom (name and id match a part, as Docker's).
bool matches(const network::NetworkDef& n, const std::vector<std::string>& filters) {
    for (auto& f : filters) {
        auto eq = f.find('=');
        std::string k = f.substr(0, eq), v = eq == std::string::npos ? "" : f.substr(eq + 1);
        if (k == "name" && n.name.find(v) == std::string::npos) return false;
        if (k == "id" && !n.id.starts_with(v)) return false;
        if (k == "driver" && n.driver != v) return false;
        if (k == "type" && (v == "custom") == n.builtin) return false;
    }
    return true;
}

int runNetworkLs(Context& ctx, const ParsedArgs& a) {
    auto all = ctx.engine()->listNetworks();
    if (!all) return reportError(all.error());
    for (auto& f : a.all("filter")) {
        std::string k = f.substr(0, f.find('='));
        if (k != "name" && k != "id" && k != "driver" && k != "type") {
            std::cerr << "Error: invalid filter '" << k << "'\n";
            return ExitUsage;
        }
    }
    std::vector<network::NetworkDef> shown;
    for (auto& n : *all)
        if (matches(n, a.all("filter"))) shown.push_back(n);
    bool full = a.has("no-trunc");
    if (a.has("format") && !a.has("quiet")) {
        for (auto& n : shown) {
            json row{{"ID", full ? n.id : n.id.substr(0, 12)}, {"Name", n.name}, {"Driver", n.driver}, {"Scope", scopeOf(n)},
                     {"CreatedAt", n.created}, {"IPv6", false}, {"Internal", false}};
            std::string out, error;
            if (!renderTemplate(a.value("format"), row, out, error)) {
                std::cerr << "Error: " << error << '\n';
                return ExitUsage;
            }
            std::cout << out << '\n';
        }
        return ExitOk;
    }
    if (a.has("quiet")) {
        for (auto& n : shown) std::cout << (full ? n.id : n.id.substr(0, 12)) << '\n';
        return ExitOk;
    }
    Table t({"NETWORK ID", "NAME", "DRIVER", "SCOPE"});
    for (auto& n : shown) t.add({full ? n.id : n.id.substr(0, 12), n.name, n.driver, scopeOf(n)});
    t.print(std::cout);
    return ExitOk;
}

json inspectJson(const engine::NetworkDetails& d) {
    const auto& n = d.def;
    json config = json::array();
    if (!n.subnet.empty()) config.push_back({{"Subnet", n.subnet}, {"Gateway", n.gateway}});
    json containers = json::object();
    for (auto& c : d.containers)
        containers[c.containerId] = {{"Name", c.name}, {"IPv4Address", c.ipv4Address}, {"IPv6Address", ""},
                                     {"MacAddress", c.macAddress},
                                     {"Aliases", c.aliases}};
    json options = json::object();
    if (!n.bridge.empty()) options["com.docker.network.bridge.name"] = n.bridge;
    return {{"Name", n.name},
            {"Id", n.id},
            {"Created", n.created.empty() ? "0001-01-01T00:00:00Z" : n.created},
            {"Scope", scopeOf(n)},
            {"Driver", n.driver},
            {"EnableIPv6", false},
            {"IPAM", {{"Driver", "default"}, {"Options", json::object()}, {"Config", config}}},
            {"Internal", false},
            {"Attachable", false},
            {"Containers", containers},
            {"Options", options},
            {"Labels", n.labels}};
}

int runNetworkInspect(Context& ctx, const ParsedArgs& a) {
    json all = json::array();
    int rc = ExitOk;
    for (auto& name : a.positional) {
        auto d = ctx.engine()->inspectNetwork(name);
        if (!d) {
            rc = reportError(d.error());
            continue;
        }
        all.push_back(inspectJson(*d));
    }
    if (all.empty() && rc != ExitOk) {
        std::cout << "[]\n";
        return rc;
    }
    return printInspect(all, a.value("format")) ? rc : ExitUsage;
}

int runNetworkRm(Context& ctx, const ParsedArgs& a) {
    int rc = ExitOk;
    for (auto& name : a.positional) {
        auto st = ctx.engine()->removeNetwork(name);
        if (!st) {
            if (a.has("force") && st.error().code == ErrorCode::NotFound) continue;
            rc = reportError(st.error());
            continue;
        }
        std::cout << name << '\n';
    }
    return rc;
}

// Docker's prune filters: until=<time> (networks created before it), label=<key>[=<value>] (every
// one present) and label!=<key>[=<value>] (not all of them present).
struct PruneFilter {
    std::optional<std::int64_t> until; // seconds
    std::vector<std::string> labels, notLabels;

    static bool hasAll(const std::vector<std::string>& wanted,
                       const std::map<std::string, std::string>& labels) {
        return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
            auto eq = w.find('=');
            auto it = labels.find(w.substr(0, eq));
            return it != labels.end() && (eq == std::string::npos || it->second == w.substr(eq + 1));
        });
    }
    bool accepts(const network::NetworkDef& n) const {
        if (until) {
            std::int64_t created = parseRfc3339(n.created);
            if (created < 0 || created > *until) return false;
        }
        return hasAll(labels, n.labels) && (notLabels.empty() || !hasAll(notLabels, n.labels));
    }
};

int runNetworkPrune(Context& ctx, const ParsedArgs& a) {
    PruneFilter filter;
    for (auto& f : a.all("filter")) {
        auto eq = f.find('=');
        std::string k = f.substr(0, eq), v = eq == std::string::npos ? "" : f.substr(eq + 1);
        if (eq == std::string::npos) {
            std::cerr << "Error: bad format of filter (expected name=value)\n";
            return ExitUsage;
        }
        if (k == "until") {
            if (filter.until) {
                std::cerr << "Error: more than one until filter specified\n";
                return ExitUsage;
            }
            auto t = parseTimeArg(v, nowNanos());
            if (!t) {
                std::cerr << "Error: invalid value for \"until\": " << v << '\n';
                return ExitUsage;
            }
            filter.until = *t / 1000000000;
        } else if (k == "label") {
            filter.labels.push_back(v);
        } else if (k == "label!") {
            filter.notLabels.push_back(v);
        } else {
            std::cerr << "Error: invalid filter '" << k << "'\n";
            return ExitUsage;
        }
    }
    if (!a.has("force")) {
        std::cout << "WARNING! This will remove all custom networks not used by at least one container.\n"
                     "Are you sure you want to continue? [y/N] " << std::flush;
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "y" && answer != "Y") return ExitOk;
    }
    auto removed =
        ctx.engine()->pruneNetworks([&](const network::NetworkDef& n) { return filter.accepts(n); });
    if (!removed) return reportError(removed.error());
    if (removed->empty()) return ExitOk;
    std::cout << "Deleted Networks:\n";
    for (auto& n : *removed) std::cout << n << '\n';
    return ExitOk;
}

int runNetworkConnect(Context& ctx, const ParsedArgs& a) {
    auto st = ctx.engine()->connectNetwork(a.positional[0], a.positional[1], a.all("alias"));
    return st ? ExitOk : reportError(st.error());
}

int runNetworkDisconnect(Context& ctx, const ParsedArgs& a) {
    auto st = ctx.engine()->disconnectNetwork(a.positional[0], a.positional[1], a.has("force"));
    return st ? ExitOk : reportError(st.error());
}

} // namespace

std::vector<Command> networkCommands() {
    std::vector<Command> c;
    c.push_back({"network create", "network create [OPTIONS] NETWORK", "Create a network",
                 {{"driver", 'd', true, "Driver to manage the Network (only bridge)"},
                  {"subnet", 0, true, "Subnet in CIDR format (default: the next free 10.89.N.0/24)"},
                  {"gateway", 0, true, "IPv4 Gateway for the subnet"},
                  {"label", 0, true, "Set metadata on a network"}},
                 runNetworkCreate, 1, 1});
    for (const char* n : {"network ls", "network list"})
        c.push_back({n, std::string(n) + " [OPTIONS]", "List networks",
                     {{"quiet", 'q', false, "Only display network IDs"}, {"no-trunc", 0, false, "Do not truncate the output"},
                      {"filter", 'f', true, "Provide filter values (name=, id=, driver=, type=custom|builtin)"},
                      {"format", 0, true, "Format output using a Go template subset"}},
                     runNetworkLs, 0, 0});
    c.push_back({"network inspect", "network inspect [OPTIONS] NETWORK [NETWORK...]", "Display detailed information on one or more networks",
                 {{"format", 'f', true, "Format output using a Go template subset"}}, runNetworkInspect, 1});
    for (const char* n : {"network rm", "network remove"})
        c.push_back({n, std::string(n) + " NETWORK [NETWORK...]", "Remove one or more networks",
                     {{"force", 'f', false, "Do not error if the network does not exist"}}, runNetworkRm, 1});
    c.push_back(
        {"network prune",
         "network prune [OPTIONS]",
         "Remove all unused networks",
         {{"force", 'f', false, "Do not prompt for confirmation"},
          {"filter", 0, true,
           "Provide filter values (until=<timestamp>, label=<key>[=<value>], label!=<key>[=<value>])"}},
         runNetworkPrune,
         0,
         0});
    c.push_back({"network connect", "network connect [OPTIONS] NETWORK CONTAINER", "Connect a container to a network",
                 {{"alias", 0, true, "Add network-scoped alias for the container"}}, runNetworkConnect, 2, 2});
    c.push_back({"network disconnect", "network disconnect [OPTIONS] NETWORK CONTAINER", "Disconnect a container from a network",
                 {{"force", 'f', false, "Force the container to disconnect from a network"}}, runNetworkDisconnect, 2, 2});
    return c;
}

} // namespace berth::cli
