// Network verbs of the engine facade, and the network part of `create`: which network a new
// container joins, its published ports, --dns, --add-host and --network-alias.
#include "engine/engine.h"

#include "network/bridge_network.h"
#include "network/netlink.h"
#include "runtime/user_networks_namespace.h"
#include "support/unique_fd.h"
#include "support/user_namespace.h"

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <set>

namespace berth::engine {

namespace fs = std::filesystem;

// engine_containers.cpp: checks the host ports are free and picks one for port 0.
Result<std::vector<runtime::PublishedPort>> reservePorts(std::vector<runtime::PublishedPort> ports);

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// "80", "80/tcp", "53/udp" → containerPort and protocol.
Result<runtime::PublishedPort> exposedPort(const std::string& spec) {
    runtime::PublishedPort p;
    auto slash = spec.find('/');
    std::string number = spec.substr(0, slash);
    if (slash != std::string::npos) p.protocol = spec.substr(slash + 1);
    bool ok = !number.empty() && number.size() <= 5 && number.find_first_not_of("0123456789") == std::string::npos &&
              (p.protocol == "tcp" || p.protocol == "udp");
    if (ok) p.containerPort = std::stoi(number);
    if (!ok || p.containerPort <= 0 || p.containerPort > 65535)
        return fail(ErrorCode::InvalidArgument, "invalid exposed port \"" + spec + "\"");
    return p;
}

} // namespace

// Docker's default is its bridge; dockerd --bridge=none turns it off, as BERTH_DEFAULT_NETWORK=none
// does here (the tests run so, to never make a bridge in the host's namespace).
std::string Engine::defaultNetwork() const {
    if (!m_options.defaultNetwork.empty()) return m_options.defaultNetwork;
    if (const char* env = std::getenv("BERTH_DEFAULT_NETWORK"); env && *env) return env;
    return "bridge";
}

Result<network::NetworkStore> Engine::networkStore() const { return network::NetworkStore::open(m_options.root / "networks"); }

Status Engine::resolveNetworking(const CreateOptions& o, const image::Image& img, runtime::ContainerConfig& c) {
    std::string mode = o.networkMode.empty() || o.networkMode == "default" ? defaultNetwork() : o.networkMode;
    // Rootless, nothing can be made in the host's network namespace: the bridge is slirp4netns, as in
    // Podman 4; user networks live in the user's own namespace (runtime/user_networks_namespace.h).
    const bool rootless = inUserNamespace();
    if (rootless && mode == "bridge") mode = runtime::kSlirp4netnsMode;
    for (auto& d : o.dns)
        if (!network::parseIpv4(d)) return fail(ErrorCode::InvalidArgument, "invalid --dns \"" + d + "\": not an ipv4 address");
    for (auto h : o.extraHosts) {
        auto sep = h.find_first_of(":=");
        if (sep == std::string::npos || sep == 0 || !network::parseIpv4(h.substr(sep + 1)))
            return fail(ErrorCode::InvalidArgument, "invalid --add-host \"" + h + "\": use name:ip (ipv4)");
        c.extraHosts.push_back(h.substr(0, sep) + ":" + h.substr(sep + 1));
    }
    c.dns = o.dns;
    c.networkAliases = o.networkAliases;
    c.exposedPorts = img.config.config.exposedPorts;
    for (auto& e : o.expose) {
        auto p = BERTH_TRY(exposedPort(e.find('/') == std::string::npos ? e + "/tcp" : e));
        std::string key = std::to_string(p.containerPort) + "/" + p.protocol;
        if (!contains(c.exposedPorts, key)) c.exposedPorts.push_back(key);
    }
    const bool publishes = !o.ports.empty() || o.publishAll;
    if (mode.starts_with("container:")) {
        std::string target = runtime::networkContainer(mode);
        if (target.empty()) return fail(ErrorCode::InvalidArgument, "invalid network mode \"" + mode + "\": no container");
        auto t = m_containers.find(target);
        if (!t) return fail(ErrorCode::NotFound, "no such container: " + target);
        if (publishes) return fail(ErrorCode::InvalidArgument, "conflicting options: port publishing and the container type network mode");
        if (!o.dns.empty()) return fail(ErrorCode::InvalidArgument, "conflicting options: dns and the network mode");
        if (!o.extraHosts.empty())
            return fail(ErrorCode::InvalidArgument, "conflicting options: custom host-to-IP mapping and the network mode");
        if (!o.overrides.hostname.empty()) return fail(ErrorCode::InvalidArgument, "conflicting options: hostname and the network mode");
        if (!o.networkAliases.empty())
            return fail(ErrorCode::InvalidArgument, "network-scoped aliases are only supported for user-defined networks");
        c.networkMode = "container:" + t->config.id;
        c.hostname = t->config.hostname;
        return {};
    }
    if (mode != "none" && mode != "host" && !runtime::isSlirp4netnsMode(mode)) {
        auto store = BERTH_TRY(networkStore());
        auto def = BERTH_TRY(store.find(mode));
        mode = def.name;
    }
    c.networkMode = mode;
    if (!o.networkAliases.empty() && (mode == "none" || mode == "host" || mode == "bridge" || runtime::isSlirp4netnsMode(mode)))
        return fail(ErrorCode::InvalidArgument, "network-scoped aliases are only supported for user-defined networks");
    if (!publishes) return {};
    if (!runtime::isBridgeMode(mode) && !runtime::isSlirp4netnsMode(mode))
        return fail(ErrorCode::InvalidArgument,
                    "conflicting options: port publishing needs a bridge network (--network bridge or a user network) or slirp4netns");
    std::vector<runtime::PublishedPort> ports = o.ports;
    if (o.publishAll)
        for (auto& e : c.exposedPorts) {
            auto p = BERTH_TRY(exposedPort(e));
            bool already = std::any_of(ports.begin(), ports.end(), [&](auto& q) {
                return q.containerPort == p.containerPort && q.protocol == p.protocol;
            });
            if (!already) ports.push_back(p);
        }
    // Ports are allocated at start, as in Docker (two stopped containers may name the same one);
    // `run` refuses a port a running container holds before it creates anything.
    if (o.startsNow)
        for (auto& want : ports)
            if (want.hostPort != 0)
                for (auto& other : BERTH_TRY(m_containers.list()))
                    if (other.state.isRunning())
                        for (auto& taken : other.config.ports)
                            if (runtime::samePublishedHostPort(want, taken))
                                return fail(ErrorCode::AlreadyExists,
                                            "bind for " + want.hostIp + ":" + std::to_string(want.hostPort) +
                                                " failed: port is already allocated (container " +
                                                other.config.name + ")");
    c.ports = BERTH_TRY(reservePorts(ports));
    return {};
}

void Engine::releaseNetworks(const runtime::Container& c) {
    auto store = networkStore();
    auto names = containerNetworks(c.config.id);
    if (!store || !names) return;
    for (std::size_t i = 0; i < names->size(); ++i) {
        auto def = store->find((*names)[i]);
        if (!def) continue;
        auto leases = store->leases(*def).value_or(std::vector<network::Lease>{});
        bool held = std::any_of(leases.begin(), leases.end(), [&](auto& l) { return l.containerId == c.config.id; });
        if (!held) continue;
        auto userNs = runtime::UserNetworksNamespace::enter(runtime::UserNetworksNamespace::Need::IfRunning);
        if (!userNs) continue;
        (void)userNs->run(
            [&] { return network::detachContainer(store->bridgeConfig(*def), c.config.id, i == 0); });
        userNs->stopIfUnused(store->dir());
    }
}

Result<network::NetworkDef> Engine::createNetwork(const network::NetworkCreateRequest& request) {
    auto store = BERTH_TRY(networkStore());
    auto def = BERTH_TRY(store.create(request));
    (void)m_events.append(runtime::networkEvent("create", def.id, def.name, def.driver));
    return def;
}

Result<std::vector<network::NetworkDef>> Engine::listNetworks() {
    auto store = BERTH_TRY(networkStore());
    return store.list();
}

Result<std::vector<std::string>> Engine::containerNetworks(std::string_view idOrName) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    std::vector<std::string> out;
    if (runtime::isBridgeMode(c.config.networkMode)) out.push_back(c.config.networkMode);
    for (auto& n : BERTH_TRY(runtime::readConnectedNetworks(m_containers.connectedNetworksPath(c.config.id))))
        if (!contains(out, n.network)) out.push_back(n.network);
    return out;
}

Result<NetworkDetails> Engine::inspectNetwork(std::string_view nameOrId) {
    auto store = BERTH_TRY(networkStore());
    NetworkDetails d;
    d.def = BERTH_TRY(store.find(nameOrId));
    if (!d.def.isBridge()) return d;
    int prefix = d.def.subnet.empty() ? 0 : BERTH_TRY(network::Subnet::parse(d.def.subnet)).prefix;
    for (auto& lease : BERTH_TRY(store.leases(d.def))) {
        auto c = m_containers.find(lease.containerId);
        if (!c || !c->state.isRunning()) continue;
        NetworkEndpoint e;
        e.containerId = lease.containerId;
        e.name = c->config.name;
        e.ipv4Address = network::formatIpv4(lease.address) + "/" + std::to_string(prefix);
        e.macAddress = lease.mac;
        if (c->config.networkMode == d.def.name) e.aliases = c->config.networkAliases;
        for (auto& n : runtime::readConnectedNetworks(m_containers.connectedNetworksPath(c->config.id)).value_or(
                 std::vector<runtime::ConnectedNetwork>{}))
            if (n.network == d.def.name) e.aliases = n.aliases;
        d.containers.push_back(std::move(e));
    }
    return d;
}

Status Engine::removeNetwork(std::string_view nameOrId) {
    auto store = BERTH_TRY(networkStore());
    auto def = BERTH_TRY(store.find(nameOrId));
    if (def.builtin)
        return fail(ErrorCode::InvalidArgument, def.name + " is a pre-defined network and cannot be removed");
    auto details = BERTH_TRY(inspectNetwork(def.id));
    if (!details.containers.empty())
        return fail(ErrorCode::InvalidArgument, "network " + def.name + " has active endpoints (" +
                                                    details.containers.front().name + ")");
    // Leases of containers that are gone or stopped (a killed shim) go with the network.
    auto userNs =
        BERTH_TRY(runtime::UserNetworksNamespace::enter(runtime::UserNetworksNamespace::Need::IfRunning));
    BERTH_CHECK(withContext(userNs.run([&] { return network::removeBridge(store.bridgeConfig(def)); }),
                            "removing network " + def.name));
    userNs.stopIfUnused(store.dir());
    BERTH_CHECK(store.remove(def.id));
    (void)m_events.append(runtime::networkEvent("destroy", def.id, def.name, def.driver));
    return {};
}

Result<std::vector<ContainerEndpoint>> Engine::containerEndpoints(std::string_view idOrName) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    auto store = BERTH_TRY(networkStore());
    std::vector<ContainerEndpoint> out;
    if (c.config.networkMode == "host" || c.config.networkMode == "none") // Docker lists these too, without addresses
        if (auto def = store.find(c.config.networkMode)) out.push_back({def->name, def->id, {}, 0, {}, {}, {}});
    auto connected = BERTH_TRY(runtime::readConnectedNetworks(m_containers.connectedNetworksPath(c.config.id)));
    for (auto& name : BERTH_TRY(containerNetworks(c.config.id))) {
        auto def = store.find(name);
        if (!def) continue; // removed behind the container's back
        ContainerEndpoint e;
        e.network = def->name;
        e.networkId = def->id;
        e.aliases = name == c.config.networkMode ? c.config.networkAliases : std::vector<std::string>{};
        for (auto& n : connected)
            if (n.network == name) e.aliases = n.aliases;
        if (c.state.isRunning())
            for (auto& lease : store.leases(*def).value_or(std::vector<network::Lease>{}))
                if (lease.containerId == c.config.id) {
                    e.ipAddress = network::formatIpv4(lease.address);
                    e.ipPrefixLen = def->subnet.empty() ? 0 : network::Subnet::parse(def->subnet).value_or(network::Subnet{}).prefix;
                    e.gateway = def->gateway;
                    e.macAddress = lease.mac;
                }
        out.push_back(std::move(e));
    }
    return out;
}

Result<std::vector<std::string>> Engine::sweepNetworks() {
    // Rootless, the links and rules are in the user networks' namespace: sweep from in there.
    if (auto userNs =
            BERTH_TRY(runtime::UserNetworksNamespace::enter(runtime::UserNetworksNamespace::Need::IfRunning));
        userNs.separate()) {
        Result<std::vector<std::string>> swept = std::vector<std::string>{};
        BERTH_CHECK(userNs.run([&]() -> Status {
            swept = sweepNetworks(); // nested: passes straight through
            return {};
        }));
        userNs.stopIfUnused(m_options.root / "networks");
        return swept;
    }
    auto store = BERTH_TRY(networkStore());
    const fs::path containersDir = m_options.root / "containers";
    std::vector<std::string> released;
    std::set<std::string> holders, networks;
    for (auto& def : BERTH_TRY(store.list())) {
        networks.insert(def.name);
        if (!def.isBridge()) continue;
        auto config = store.bridgeConfig(def);
        config.containersDir = containersDir;
        auto gone = BERTH_TRY(network::sweepNetwork(config));
        released.insert(released.end(), gone.begin(), gone.end());
        std::vector<std::string> held;
        for (auto& lease : BERTH_TRY(store.leases(def))) {
            holders.insert(lease.containerId);
            held.push_back(lease.containerId);
        }
        // Host ends ("vb<id11>…") of containers that hold no lease here: a namespace someone
        // still holds kept a stopped container's pair alive.
        for (auto& link : network::listLinks().value_or(std::vector<network::LinkInfo>{})) {
            if (link.alias != network::ownerAlias(def.name) || !link.name.starts_with("vb") || link.name.size() < 13) continue;
            const std::string prefix = link.name.substr(2, 11);
            if (std::none_of(held.begin(), held.end(), [&](auto& id) { return id.starts_with(prefix); }))
                (void)network::deleteLink(link.name);
        }
    }
    // Rules whose owner holds no lease any more: a crash between releasing the lease and the
    // rules, or a network removed half-way. Only comments of our own forms, in our own table.
    network::NatRules nat;
    std::set<std::string> done;
    for (auto& rule : BERTH_TRY(nat.rules())) {
        if (!done.insert(rule.comment).second) continue;
        if (rule.comment.starts_with("berth-net:")) {
            std::string name = rule.comment.substr(10);
            if (networks.contains(name)) continue;
            (void)network::deleteLinksWithAlias(network::ownerAlias(name));
            BERTH_CHECK(nat.removeNetwork(name));
        } else if (rule.comment.starts_with("berth:")) {
            std::string id = rule.comment.substr(6);
            if (holders.contains(id)) continue;
            auto c = m_containers.find(id);
            if (c && c->state.isRunning()) continue; // starting: its lease comes first, but be safe
            BERTH_CHECK(nat.removeFor(id));
            if (std::find(released.begin(), released.end(), id) == released.end()) released.push_back(id);
        }
    }
    return released;
}

Result<std::vector<std::string>>
Engine::pruneNetworks(const std::function<bool(const network::NetworkDef&)>& select) {
    (void)sweepNetworks(); // a dead container's lease would keep its network "in use"
    auto store = BERTH_TRY(networkStore());
    // Docker's daemon keeps only networks with endpoints, and only running containers have them
    // (one between restarts keeps its networks here).
    std::set<std::string> used;
    for (auto& c : BERTH_TRY(m_containers.list()))
        if (c.state.isRunning() || c.state.status == runtime::ContainerStatus::Restarting)
            for (auto& n : containerNetworks(c.config.id).value_or(std::vector<std::string>{}))
                used.insert(n);
    std::vector<std::string> removed;
    for (auto& def : BERTH_TRY(store.list())) {
        if (def.builtin || used.contains(def.name) || (select && !select(def))) continue;
        if (removeNetwork(def.id)) removed.push_back(def.name);
    }
    return removed;
}

Status Engine::connectNetwork(std::string_view networkName, std::string_view container, const std::vector<std::string>& aliases) {
    auto store = BERTH_TRY(networkStore());
    auto def = BERTH_TRY(store.find(networkName));
    auto c = BERTH_TRY(m_containers.find(container));
    // Docker's refusals (its daemon's ErrConflictSharedNetwork and ErrConflictNoNetwork): a
    // namespace shared with the host or another container, or the none network, takes no other.
    const std::string& mode = c.config.networkMode;
    if (!runtime::networkContainer(mode).empty() || mode == "host" || def.driver == "host")
        return fail(ErrorCode::InvalidArgument, "container sharing network namespace with another container "
                                                "or host cannot be connected to any other network");
    if (mode == "none" || def.driver == "null")
        return fail(ErrorCode::InvalidArgument, "container cannot be connected to multiple networks with one "
                                                "of the networks in private (none) mode");
    if (runtime::isSlirp4netnsMode(mode)) // Podman's rule: networks are joined in bridge mode only
        return fail(ErrorCode::InvalidArgument,
                    "container " + c.config.name + " cannot be connected to network " + def.name +
                        ": its network mode is " + mode + ", and networks can only be joined in bridge mode");
    if (!def.isBridge())
        return fail(ErrorCode::InvalidArgument, "container " + c.config.name + " cannot be connected to network " + def.name +
                                                    " (driver " + def.driver + ")");
    if (def.builtin && !aliases.empty())
        return fail(ErrorCode::InvalidArgument, "network-scoped aliases are only supported for user-defined networks");
    auto lock = BERTH_TRY(m_containers.lock(c.config.id));
    const fs::path file = m_containers.connectedNetworksPath(c.config.id);
    auto connected = BERTH_TRY(runtime::readConnectedNetworks(file));
    bool already = c.config.networkMode == def.name ||
                   std::any_of(connected.begin(), connected.end(), [&](auto& n) { return n.network == def.name; });
    if (already)
        return fail(ErrorCode::AlreadyExists, "endpoint with name " + c.config.name + " already exists in network " + def.name);
    auto state = BERTH_TRY(m_containers.readState(c.config.id));
    if (state.isRunning() && state.pid > 0) {
        UniqueFd netns(::open(("/proc/" + std::to_string(state.pid) + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC));
        if (!netns.isValid()) return sysFail("opening the network namespace of container " + c.config.name);
        network::EndpointOptions e;
        // The lowest free ethN (a disconnect may have left a gap).
        for (int n = 1; e.interfaceName == "eth0" && n <= 20; ++n) {
            const std::string name = "eth" + std::to_string(n);
            auto taken = network::inNetns(netns.get(), [&]() -> Status {
                if (network::linkExists(name)) return fail(ErrorCode::AlreadyExists, name);
                return {};
            });
            if (taken) e.interfaceName = name;
        }
        if (e.interfaceName == "eth0") return fail(ErrorCode::LimitExceeded, "container " + c.config.name + " has too many networks");
        e.defaultRoute = false;
        e.ownerPid = state.shimPid; // the endpoint lives as long as the container's shim
        if (def.hasDns()) {
            e.dnsNames = {c.config.name, c.config.id.substr(0, 12)};
            e.dnsNames.insert(e.dnsNames.end(), aliases.begin(), aliases.end());
        }
        auto userNs =
            BERTH_TRY(runtime::UserNetworksNamespace::enter(runtime::UserNetworksNamespace::Need::Running));
        Status attached = userNs.run([&]() -> Status {
            BERTH_TRY(network::attachContainer(store.bridgeConfig(def), c.config.id, netns.get(), {}, e));
            return {};
        });
        BERTH_CHECK(withContext(std::move(attached), "connecting " + c.config.name + " to " + def.name));
        // Docker logs connect when an endpoint is made: now for a running container, at its start otherwise.
        (void)m_events.append(runtime::networkEvent("connect", def.id, def.name, def.driver, c.config.id));
    }
    connected.push_back({def.name, aliases});
    return runtime::writeConnectedNetworks(file, connected);
}

Status Engine::disconnectNetwork(std::string_view networkName, std::string_view container, bool force) {
    auto store = BERTH_TRY(networkStore());
    auto found = store.find(networkName);
    // Docker: --force forgets a network removed while the container was stopped (its start
    // would fail with "network … not found" otherwise).
    if (!found && !(force && found.error().code == ErrorCode::NotFound))
        return std::unexpected(found.error());
    auto c = BERTH_TRY(m_containers.find(container));
    auto lock = BERTH_TRY(m_containers.lock(c.config.id));
    const fs::path file = m_containers.connectedNetworksPath(c.config.id);
    auto connected = BERTH_TRY(runtime::readConnectedNetworks(file));
    if (!found) {
        auto gone = std::find_if(connected.begin(), connected.end(),
                                 [&](auto& n) { return n.network == networkName; });
        if (gone == connected.end()) return std::unexpected(found.error());
        connected.erase(gone);
        return runtime::writeConnectedNetworks(file, connected);
    }
    const network::NetworkDef& def = *found;
    auto it = std::find_if(connected.begin(), connected.end(), [&](auto& n) { return n.network == def.name; });
    if (it == connected.end()) {
        if (c.config.networkMode == def.name)
            return fail(ErrorCode::Unsupported, "container " + c.config.name + " is on network " + def.name +
                                                    " by its network mode; only networks joined with connect can be disconnected");
        if (force) return {};
        return fail(ErrorCode::NotFound, "container " + c.config.name + " is not connected to network " + def.name);
    }
    // Its interface goes with the link on the host side; the lease is released.
    auto userNs =
        BERTH_TRY(runtime::UserNetworksNamespace::enter(runtime::UserNetworksNamespace::Need::IfRunning));
    BERTH_CHECK(
        userNs.run([&] { return network::detachContainer(store.bridgeConfig(def), c.config.id, false); }));
    userNs.stopIfUnused(store.dir());
    connected.erase(it);
    BERTH_CHECK(runtime::writeConnectedNetworks(file, connected));
    if (auto state = m_containers.readState(c.config.id); state && state->isRunning())
        (void)m_events.append(runtime::networkEvent("disconnect", def.id, def.name, def.driver, c.config.id));
    return {};
}

} // namespace berth::engine
