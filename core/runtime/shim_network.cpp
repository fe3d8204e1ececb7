#include "runtime/shim_supervisor.h"

#include "network/subnet.h"
#include "runtime/container_dns.h"
#include "runtime/host_ports.h"
#include "runtime/user_networks_namespace.h"
#include "support/file_util.h"
#include "support/text.h"

#include <cerrno>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace berth::runtime {

namespace fs = std::filesystem;

// Docker's network connect (at attach, before start) and disconnect (after die) events.
void Shim::networkEvents(const std::string& action, std::vector<network::NetworkDef>& networks) {
    for (auto& n : networks)
        (void)m_events.append(networkEvent(action, n.id, n.name, n.driver, m_config.id));
    networks.clear();
}

// Wires the container's network namespace to its networks: the network mode's on eth0 (with the
// published ports and the default route), then those joined with `network connect` on eth1…; on a
// user network it also starts the embedded DNS server (127.0.0.11) in that namespace.
Status Shim::attachNetwork(pid_t pid) {
    UniqueFd netns(::open(("/proc/" + std::to_string(pid) + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC));
    if (!netns.isValid()) return sysFail("opening the container's network namespace");
    // Held until the ports' rules (or slirp's sockets) exist: see host_ports.h.
    auto portsLock = BERTH_TRY(allocateHostPorts(m_store, m_config));
    if (isSlirp4netnsMode(m_config.networkMode)) { // rootless: no bridge, a user-mode stack
        m_slirp = BERTH_TRY(SlirpNetwork::start(m_config, pid, netns.get(), m_store.dir(m_config.id)));
        return updateState([&](ContainerState& s) { s.ipAddress = m_slirp->address(); });
    }
    std::vector<network::PortMapping> ports = portMappings(m_config);
    auto store = BERTH_TRY(network::NetworkStore::open(m_store.root() / "networks"));
    std::vector<ConnectedNetwork> wanted{{m_config.networkMode, m_config.networkAliases}};
    for (auto& n : BERTH_TRY(readConnectedNetworks(m_store.connectedNetworksPath(m_config.id))))
        if (n.network != m_config.networkMode) wanted.push_back(n);
    std::string ip;
    bool dns = false; // on a user network: names are answered by the embedded DNS server
    std::optional<UserNetworksNamespace> userNs; // where the bridges are (rootless: not here)
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        auto def = BERTH_TRY(store.find(wanted[i].network));
        if (i == 0) dns = def.hasDns();
        if (!def.isBridge()) continue;
        if (!userNs) userNs = BERTH_TRY(UserNetworksNamespace::enter(UserNetworksNamespace::Need::Running));
        m_userNetworks = m_userNetworks || userNs->separate();
        network::EndpointOptions e;
        e.interfaceName = "eth" + std::to_string(i);
        e.defaultRoute = i == 0;
        if (def.hasDns()) {
            e.dnsNames = {m_config.name, m_config.id.substr(0, 12)};
            e.dnsNames.insert(e.dnsNames.end(), wanted[i].aliases.begin(), wanted[i].aliases.end());
        }
        auto config = store.bridgeConfig(def);
        config.containersDir = m_store.dir(m_config.id).parent_path(); // for the sweep of dead containers
        network::Attachment attachment;
        BERTH_CHECK(userNs->run([&]() -> Status {
            // Rootless, the shim forwards the ports (below): nft DNAT there would not see the host.
            bool nat = i == 0 && !userNs->separate();
            attachment = BERTH_TRY(network::attachContainer(
                config, m_config.id, netns.get(), nat ? ports : std::vector<network::PortMapping>{}, e));
            return {};
        }));
        m_attached.push_back(config);
        m_attachedDefs.push_back(def);
        std::vector<network::NetworkDef> connected{def};
        networkEvents("connect", connected);
        if (i == 0) ip = network::formatIpv4(attachment.address);
        if (i == 0 && userNs->separate() && !ports.empty()) {
            for (auto& p : ports)
                p.containerIp = attachment.address;
            m_forwarder = BERTH_TRY(network::PortForwarder::open(userNs->fd(), ports));
            BERTH_CHECK(m_forwarder->start());
        }
    }
    portsLock.reset();
    // Its own name resolves to its first address, as in Docker's /etc/hosts.
    fs::path hosts = m_store.dir(m_config.id) / "hosts";
    auto text = readFile(hosts, 1 << 20);
    std::string content;
    if (text) // drop the previous start's entry
        forEachLine(*text, [&](std::string_view line) {
            if (!line.starts_with("127.") && line.find("\t" + m_config.hostname) != std::string_view::npos)
                return;
            content.append(line).push_back('\n');
        });
    if (!ip.empty()) content += ip + "\t" + m_config.hostname + "\n";
    // In place, not by rename: the init may have bind-mounted this file already (see startAndWait).
    BERTH_CHECK(writeFileInPlace(hosts, content)); // rewritten at every start: no fsync
    // The addresses are in the leases, which `inspect` reads: no state write (two fsyncs) here.
    if (!dns) return {};
    auto server = BERTH_TRY(
        withContext(network::DnsServer::open(netns.get(),
                                             containerDnsLookup(m_store.root() / "networks",
                                                                m_store.connectedNetworksPath(m_config.id),
                                                                m_config.networkMode),
                                             containerDnsUpstreams(m_config)),
                    "starting the embedded DNS server"));
    server->setReverseLookup(containerDnsReverseLookup(
        m_store.root() / "networks", m_store.connectedNetworksPath(m_config.id), m_config.networkMode));
    BERTH_CHECK(server->start());
    m_dns = std::move(server);
    return {};
}

void Shim::detachNetworks() {
    m_dns.reset();
    m_slirp.reset();
    m_forwarder.reset();
    // The container's namespace dies with its init, and the kernel deletes the veths with it, off
    // this exit path; a container that joined it (--network container:<id>) keeps it alive, and
    // then the links go now, or it would keep addresses whose leases are released.
    bool shared = false;
    if (!m_attached.empty())
        for (auto& c : m_store.list().value_or(std::vector<Container>{}))
            shared = shared || (networkContainer(c.config.networkMode) == m_config.id && c.state.isRunning());
    std::optional<UserNetworksNamespace> userNs;
    if (!m_attached.empty() || m_userNetworks)
        if (auto entered = UserNetworksNamespace::enter(UserNetworksNamespace::Need::IfRunning))
            userNs = std::move(*entered);
    if (userNs)
        (void)userNs->run([&]() -> Status {
            for (std::size_t i = 0; i < m_attached.size(); ++i)
                (void)network::detachContainer(m_attached[i], m_config.id,
                                               i == 0 && !m_config.ports.empty() && !userNs->separate(),
                                               shared);
            return {};
        });
    if (userNs && m_userNetworks) userNs->stopIfUnused(m_store.root() / "networks"); // the last one out
    m_userNetworks = false;
    m_attached.clear();
    m_detachedDefs.insert(m_detachedDefs.end(), m_attachedDefs.begin(), m_attachedDefs.end());
    m_attachedDefs.clear();
}

Result<UniqueFd> Shim::joinedNetns(InitPlan& plan) {
    std::string target = networkContainer(m_config.networkMode);
    auto t = m_store.find(target);
    if (!t)
        return fail(ErrorCode::NotFound,
                    "joining the network of container " + target.substr(0, 12) + ": no such container");
    auto state = BERTH_TRY(m_store.liveState(t->config.id));
    if (!state.isRunning() || state.pid <= 0)
        return fail(ErrorCode::InvalidArgument,
                    "cannot join network of a non running container: " + t->config.name);
    UniqueFd fd(::open(("/proc/" + std::to_string(state.pid) + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid()) return sysFail("opening the network namespace of container " + t->config.name);
    // Docker shares the other container's hostname, hosts and resolv.conf files.
    fs::path dir = m_store.dir(t->config.id);
    plan.hostnameFile = dir / "hostname";
    plan.hostsFile = dir / "hosts";
    plan.resolvConfFile = dir / "resolv.conf";
    return fd;
}

} // namespace berth::runtime
