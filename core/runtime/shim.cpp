#include "runtime/shim.h"

#include "network/bridge_network.h"
#include "network/network_store.h"
#include "network/port_forwarder.h"
#include "network/state_file.h"
#include "network/subnet.h"
#include "runtime/container_dns.h"
#include "runtime/container_init.h"
#include "runtime/container_store.h"
#include "runtime/event_log.h"
#include "runtime/fd_passing.h"
#include "runtime/host_ports.h"
#include "runtime/json_log.h"
#include "runtime/mount_json.h"
#include "runtime/security/capabilities.h"
#include "runtime/security/seccomp_profile.h"
#include "runtime/slirp_network.h"
#include "runtime/stdio_relay.h"
#include "runtime/user_networks_namespace.h"
#include "support/clock.h"
#include "support/file_util.h"
#include "support/text.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <optional>
#include <poll.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

// One container's supervisor state; lives for the shim's whole run.
class Shim {
public:
    Shim(ContainerStore store, ContainerConfig config, int readyFd, bool attachExpected)
        : m_store(std::move(store)), m_events(m_store.root() / "events.jsonl"), m_config(std::move(config)),
          m_readyFd(readyFd), m_attachExpected(attachExpected) {}

    int run();

private:
    struct Exit {
        int code = 0;
        bool startFailed = false;
        std::string message;
    };
    Result<Exit> startAndWait();
    Result<pid_t> spawn(InitPlan& plan, int control[2][2]);
    void report(const std::string& text);
    Status updateState(const std::function<void(ContainerState&)>& change);
    void event(const std::string& action, std::map<std::string, std::string> extra = {});
    bool shouldRestart(const Exit& e, const ContainerState& s) const;
    Status setUpCgroup();
    Status attachNetwork(pid_t pid);
    void detachNetworks();
    void networkEvents(const std::string& action, std::vector<network::NetworkDef>& networks);
    // container:<id>: the network namespace to join, and the files that go with it.
    Result<UniqueFd> joinedNetns(InitPlan& plan);
    std::string seccompProgram();

    ContainerStore m_store;
    EventLog m_events;
    ContainerConfig m_config;
    int m_readyFd;
    bool m_attachExpected = false;
    std::unique_ptr<CgroupManager> m_cgroup;
    std::vector<network::BridgeConfig> m_attached; // networks of this start, the first one with the ports
    std::vector<network::NetworkDef> m_attachedDefs; // the same networks, for their events
    std::vector<network::NetworkDef> m_detachedDefs; // left; their disconnect events follow die
    int m_joinNetns = -1;                          // container:<id>: spawn joins this namespace
    std::unique_ptr<network::DnsServer> m_dns;
    std::unique_ptr<SlirpNetwork> m_slirp; // slirp4netns mode: the user-mode stack and the port forwarder
    // Rootless user networks: the ports, forwarded into the user's network namespace.
    std::unique_ptr<network::PortForwarder> m_forwarder;
    bool m_userNetworks = false; // this start entered the user networks' namespace
};

void Shim::report(const std::string& text) {
    if (m_readyFd < 0) return;
    (void)!::write(m_readyFd, text.data(), text.size());
    ::close(m_readyFd);
    m_readyFd = -1;
}

Status Shim::updateState(const std::function<void(ContainerState&)>& change) {
    auto lock = BERTH_TRY(m_store.lock(m_config.id));
    auto state = BERTH_TRY(m_store.readState(m_config.id));
    change(state);
    return m_store.writeState(m_config.id, state);
}

// Docker's network connect (at attach, before start) and disconnect (after die) events.
void Shim::networkEvents(const std::string& action, std::vector<network::NetworkDef>& networks) {
    for (auto& n : networks)
        (void)m_events.append(networkEvent(action, n.id, n.name, n.driver, m_config.id));
    networks.clear();
}

void Shim::event(const std::string& action, std::map<std::string, std::string> extra) {
    Event e;
    e.action = action;
    e.id = m_config.id;
    extra["name"] = m_config.name;
    extra["image"] = m_config.image;
    e.attributes = std::move(extra);
    (void)m_events.append(e);
}

} // namespace

// Removes a dead container's cgroup. Processes of its pid namespace may still be on their way out
// when pid 1 has been reaped, so they are killed and waited for (briefly) before rmdir.
void releaseCgroup(CgroupManager* cgroup) {
    if (!cgroup) return;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto procs = cgroup->processes();
        if (!procs) { // already gone (the shim removed it)
            (void)cgroup->destroy();
            return;
        }
        if (procs->empty() && cgroup->destroy()) return;
        if (!procs->empty()) (void)cgroup->killAll(SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    (void)cgroup->destroy();
}

namespace {

static bool hasLimits(const Resources& r) {
    return r.memoryBytes || r.memorySwapBytes || r.cpus || r.cpuShares || r.pidsLimit;
}

// Without a cgroup (rootless with nothing delegated, or no hierarchy) the container still runs,
// followed through its process tree — unless it asked for limits: then create() refuses to start
// it rather than silently ignore them. The init is the shim's child, which the manager checks.
Status Shim::setUpCgroup() {
    auto placement = detectCgroupPlacement();
    auto cg = placement ? makeContainerCgroupManager(*placement, m_config.id, {0, ::getpid()}, m_config.name)
                        : Result<std::unique_ptr<CgroupManager>>(std::unexpected(placement.error()));
    if (!cg) {
        if (hasLimits(m_config.resources))
            return std::unexpected(cg.error().context("resource limits need cgroups"));
        return {};
    }
    BERTH_CHECK((*cg)->create(m_config.resources));
    m_cgroup = std::move(*cg);
    return {};
}

// The compiled seccomp program for this container, from <root>/cache/seccomp/<key> or compiled
// once and stored there: compiling costs tens of milliseconds on every start otherwise.
std::string Shim::seccompProgram() {
    if (m_config.seccompUnconfined) return {};
    auto caps = resolveCapabilities(m_config.capAdd, m_config.capDrop);
    if (!caps) return {};
    SeccompOptions opts;
    opts.capabilities = *caps;
    fs::path cached = m_store.root() / "cache" / "seccomp" / seccompCacheKey(opts);
    if (auto program = readFile(cached, 1u << 20)) return *program;
    auto program = compileSeccompBpf(opts);
    if (!program) return {};
    if (makeDirs(cached.parent_path())) (void)writeFileAtomic(cached, *program, 0600);
    return *program;
}

// The container's stdio for one start: pipes for output, and for input when -i; a pty when -t.
struct StdioSetup {
    UniqueFd outRead, outWrite, errRead, errWrite, inRead, inWrite, ptyMaster;
    UniqueFd consoleShim, consoleInit; // socketpair: the init sends the pty master (SCM_RIGHTS)
};

static Result<StdioSetup> makeStdio(const ContainerConfig& c) {
    StdioSetup s;
    int p[2];
    if (c.tty) {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p) != 0)
            return sysFail("creating the console socket");
        s.consoleShim.reset(p[0]);
        s.consoleInit.reset(p[1]);
        return s;
    }
    if (::pipe2(p, O_CLOEXEC) != 0) return sysFail("creating pipes");
    s.outRead.reset(p[0]);
    s.outWrite.reset(p[1]);
    if (::pipe2(p, O_CLOEXEC) != 0) return sysFail("creating pipes");
    s.errRead.reset(p[0]);
    s.errWrite.reset(p[1]);
    if (c.interactive) {
        if (::pipe2(p, O_CLOEXEC) != 0) return sysFail("creating pipes");
        s.inRead.reset(p[0]);
        s.inWrite.reset(p[1]);
    }
    return s;
}

// <container dir>/attach.sock, for `run -i/-t`, `start -a` and `attach` clients.
static Result<UniqueFd> listenAttach(const fs::path& dir) {
    fs::path path = dir / kAttachSocketName;
    ::unlink(path.c_str());
    // Socket paths are limited to 107 bytes; binding through a directory fd keeps it short
    // whatever the store root is.
    UniqueFd dirFd(::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dirFd.isValid()) return sysFail("opening " + dir.string());
    std::string shortPath = "/proc/self/fd/" + std::to_string(dirFd.get()) + "/" + kAttachSocketName;
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strcpy(addr.sun_path, shortPath.c_str());
    if (!fd.isValid() || ::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd.get(), 8) != 0)
        return sysFail("listening on " + path.string());
    ::chmod(path.c_str(), 0600);
    return fd;
}

// Replaces a file's content keeping its inode, so a bind mount of it shows the new content.
static Status rewriteInPlace(const fs::path& path, std::string_view data) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.isValid()) return sysFail("opening " + path.string());
    for (std::size_t done = 0; done < data.size();) {
        ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return sysFail("writing " + path.string());
        done += static_cast<std::size_t>(n);
    }
    return {};
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
    std::vector<network::PortMapping> ports;
    for (auto& p : m_config.ports) {
        network::PortMapping m;
        m.hostIp = p.hostIp;
        m.hostPort = static_cast<std::uint16_t>(p.hostPort);
        m.containerPort = static_cast<std::uint16_t>(p.containerPort);
        m.proto = p.protocol == "udp" ? network::Protocol::Udp : network::Protocol::Tcp;
        ports.push_back(m);
    }
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
    BERTH_CHECK(rewriteInPlace(hosts, content)); // rewritten at every start: no fsync
    // The addresses are in the leases, which `inspect` reads: no state write (two fsyncs) here.
    if (!dns) return {};
    auto server = BERTH_TRY(
        withContext(network::DnsServer::open(netns.get(),
                                             containerDnsLookup(m_store.root() / "networks",
                                                                m_store.connectedNetworksPath(m_config.id),
                                                                m_config.networkMode),
                                             containerDnsUpstreams(m_config)),
                    "starting the embedded DNS server"));
    server->setReverseLookup(containerDnsReverseLookup(m_store.root() / "networks",
                                                       m_store.connectedNetworksPath(m_config.id), m_config.networkMode));
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

Result<pid_t> Shim::spawn(InitPlan& plan, int control[2][2]) {
    // sync and error pipes, close-on-exec so nothing leaks into the container.
    for (int i = 0; i < 2; ++i)
        if (::pipe2(control[i], O_CLOEXEC) != 0) return sysFail("creating pipes");
    plan.syncFd = control[0][0];
    plan.errorFd = control[1][1];
    unsigned long flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;
    if (m_config.networkMode != "host" && m_joinNetns < 0) flags |= CLONE_NEWNET;
    // A raw clone without a new stack behaves like fork(): the child gets a copy of our memory.
    long pid = ::syscall(SYS_clone, flags, nullptr, nullptr, nullptr, nullptr);
    if (pid < 0) return sysFail("creating the container's namespaces");
    if (pid == 0) {
        ::close(control[0][1]);
        ::close(control[1][0]);
        if (m_joinNetns >= 0 && ::setns(m_joinNetns, CLONE_NEWNET) != 0) {
            std::string msg =
                std::to_string(ExitSetupFailed) + " joining the network namespace: " + std::strerror(errno);
            (void)!::write(plan.errorFd, msg.data(), msg.size());
            ::_exit(ExitSetupFailed);
        }
        runContainerInit(plan);
    }
    ::close(control[0][0]);
    ::close(control[1][1]);
    return static_cast<pid_t>(pid);
}

Result<Shim::Exit> Shim::startAndWait() {
    auto mounts = BERTH_TRY(readMounts(m_store.dir(m_config.id) / "mounts.json"));
    InitPlan plan;
    plan.config = m_config;
    plan.rootfsMounts = std::move(mounts);
    fs::path dir = m_store.dir(m_config.id);
    plan.rootfsDir = dir / "rootfs";
    plan.hostnameFile = dir / "hostname";
    plan.hostsFile = dir / "hosts";
    plan.resolvConfFile = dir / "resolv.conf";
    plan.seccompProgram = seccompProgram();
    BERTH_CHECK(makeDirs(plan.rootfsDir));
    auto stdio = BERTH_TRY(makeStdio(m_config));
    auto attach = BERTH_TRY(listenAttach(dir));
    plan.consoleSocket = stdio.consoleInit.get();
    plan.stdinFd = stdio.inRead.get();
    plan.stdoutFd = stdio.outWrite.get();
    plan.stderrFd = stdio.errWrite.get();
    UniqueFd joined;
    if (!networkContainer(m_config.networkMode).empty()) {
        auto fd = joinedNetns(plan);
        if (!fd) {
            Exit failed;
            failed.startFailed = true;
            failed.code = ExitSetupFailed;
            failed.message = fd.error().message;
            return failed;
        }
        joined = std::move(*fd);
    }
    m_joinNetns = joined.isValid() ? joined.get() : -1;
    int control[2][2];
    auto spawned = spawn(plan, control);
    m_joinNetns = -1;
    pid_t pid = BERTH_TRY(std::move(spawned));
    plan = {}; // the init has its own copy; the idle shim keeps only what it uses
    joined.reset();
    stdio.inRead.reset();
    stdio.outWrite.reset();
    stdio.errWrite.reset();
    stdio.consoleInit.reset();
    if (m_cgroup) (void)m_cgroup->addProcess(pid);
    // On a bridge the init mounts its rootfs ("g") while we wire its network namespace; it waits
    // for "n" just before execve, so its program never runs without its network. slirp4netns
    // writes resolv.conf and hosts by rename, which the init's bind mounts would miss: it goes first.
    const bool overlap = isBridgeMode(m_config.networkMode);
    if (overlap) (void)!::write(control[0][1], "g", 1);
    if (isBridgeMode(m_config.networkMode) || isSlirp4netnsMode(m_config.networkMode)) {
        // Wire the container's network namespace to the bridge before its program may run.
        auto attached = attachNetwork(pid);
        if (!attached) {
            detachNetworks();
            ::kill(pid, SIGKILL);
            ::close(control[0][1]);
            int status = 0;
            ::waitpid(pid, &status, 0);
            ::close(control[1][0]);
            Exit failed;
            failed.startFailed = true;
            failed.code = ExitSetupFailed;
            failed.message = attached.error().message;
            return failed;
        }
    }
    (void)!::write(control[0][1], overlap ? "n" : "gn", overlap ? 1 : 2);
    ::close(control[0][1]);
    if (m_config.tty) {
        // Arrives before execve; EOF instead when setup failed (the error pipe then says why).
        if (auto master = runtime::receiveFd(stdio.consoleShim.get())) stdio.ptyMaster = std::move(*master);
        stdio.consoleShim.reset();
    }
    std::string failure;
    char buf[4096];
    for (ssize_t n; (n = ::read(control[1][0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        failure.append(buf, static_cast<std::size_t>(n));
    }
    ::close(control[1][0]);
    Exit e;
    if (!failure.empty()) {
        detachNetworks(); // wired while the init failed
        int status = 0;
        ::waitpid(pid, &status, 0);
        auto space = failure.find(' ');
        e.startFailed = true;
        e.code = std::atoi(failure.substr(0, space).c_str());
        e.message = failure.substr(space + 1);
        return e;
    }
    BERTH_CHECK(updateState([&](ContainerState& s) {
        s.status = ContainerStatus::Running;
        s.pid = pid;
        s.shimPid = ::getpid();
        s.startedAt = utcNowRfc3339();
        s.error.clear();
    }));
    event("start");
    report("ok");
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    UniqueFd sigfd(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    RelayFds fds;
    fds.tty = m_config.tty;
    fds.out = m_config.tty ? stdio.ptyMaster.get() : stdio.outRead.get();
    fds.err = stdio.errRead.get();
    fds.in = m_config.tty ? stdio.ptyMaster.get() : stdio.inWrite.get();
    fds.listen = attach.get();
    fds.signals = sigfd.get();
    fds.bufferForFirstClient = m_config.tty || m_config.interactive || m_attachExpected;
    m_attachExpected = false; // after a restart nobody waits for the beginning
    StdioRelay relay(fds, BERTH_TRY(JsonLogWriter::open(m_store.logPath(m_config.id),
                                                        {m_config.logMaxBytes, m_config.logMaxFiles})));
    int status = BERTH_TRY(relay.run(pid));
    e.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    // The exit code is final only once the state says so: record it before telling clients.
    (void)updateState([&](ContainerState& s) {
        s.status = ContainerStatus::Exited;
        s.exitCode = e.code;
        s.pid = 0;
        s.finishedAt = utcNowRfc3339();
    });
    relay.finish(e.code);
    detachNetworks();
    if (relay.closedStdin()) (void)stdio.inWrite.release(); // the relay closed it already
    ::unlink((dir / kAttachSocketName).c_str());
    return e;
}

bool Shim::shouldRestart(const Exit& e, const ContainerState& s) const {
    using Kind = RestartPolicy::Kind;
    if (s.stoppedByUser || e.startFailed) return false;
    switch (m_config.restart.kind) {
    case Kind::No: return false;
    case Kind::Always:
    case Kind::UnlessStopped: return true;
    case Kind::OnFailure:
        return e.code != 0 &&
               (m_config.restart.maxRetries == 0 || s.restartCount < m_config.restart.maxRetries);
    }
    return false;
}

int Shim::run() {
    if (auto st = setUpCgroup(); !st) {
        std::string msg = st.error().message;
        (void)updateState([&](ContainerState& s) {
            s.status = ContainerStatus::Exited;
            s.exitCode = ExitSetupFailed;
            s.error = msg;
        });
        report(std::to_string(ExitSetupFailed) + " " + msg);
        return 1;
    }
    auto backoff = std::chrono::milliseconds(100);
    while (true) {
        auto started = std::chrono::steady_clock::now();
        auto result = startAndWait();
        Exit e = result ? *result : Exit{ExitSetupFailed, true, result.error().message};
        bool oom = false;
        if (m_cgroup)
            if (auto st = m_cgroup->stats(); st && st->oomKills > 0) oom = true;
        ContainerState after;
        (void)updateState([&](ContainerState& s) {
            s.status = ContainerStatus::Exited;
            s.exitCode = e.code;
            s.pid = 0;
            s.oomKilled = oom;
            s.finishedAt = utcNowRfc3339();
            if (e.startFailed) s.error = e.message;
            after = s;
        });
        if (e.startFailed) {
            report(std::to_string(e.code) + " " + e.message);
            event("die", {{"exitCode", std::to_string(e.code)}});
            networkEvents("disconnect", m_detachedDefs);
            break;
        }
        if (oom) event("oom");
        event("die", {{"exitCode", std::to_string(e.code)}});
        networkEvents("disconnect", m_detachedDefs);
        if (!shouldRestart(e, after)) break;
        // Docker's backoff: 100 ms doubling up to a minute, reset after 10 s of healthy running.
        if (std::chrono::steady_clock::now() - started > std::chrono::seconds(10))
            backoff = std::chrono::milliseconds(100);
        (void)updateState([](ContainerState& s) {
            s.status = ContainerStatus::Restarting;
            s.restartCount++;
        });
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(60000));
        auto current = m_store.readState(m_config.id);
        if (!current || current->stoppedByUser) break;
        event("restart");
    }
    releaseCgroup(m_cgroup.get());
    if (m_config.autoRemove) {
        ::umount2((m_store.dir(m_config.id) / "rootfs").c_str(), MNT_DETACH);
        (void)removeTree(m_store.root() / "active" / m_config.id);
        (void)m_store.remove(m_config.id);
        event("destroy");
    }
    return 0;
}

} // namespace

int runShim(const fs::path& root, const std::string& id, int readyFd, bool attachExpected) {
    ::prctl(PR_SET_NAME, "berth-shim");
    // Children's exits arrive through a signalfd; everything else that would stop us is ignored.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &set, nullptr);
    ::signal(SIGHUP, SIG_IGN);
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGPIPE, SIG_IGN);
    auto store = ContainerStore::open(root);
    auto config = store ? store->find(id) : Result<Container>(std::unexpected(store.error()));
    if (!config) {
        std::string msg = "125 " + config.error().message;
        (void)!::write(readyFd, msg.data(), msg.size());
        return 1;
    }
    Shim shim(std::move(*store), std::move(config->config), readyFd, attachExpected);
    return shim.run();
}

} // namespace berth::runtime
