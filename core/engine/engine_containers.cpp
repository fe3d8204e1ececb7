// Container verbs of the engine facade. Each follows the store's template: lock → read state →
// check the guard → act → write state → append the event.
#include "engine/engine.h"

#include "layer/snapshotter.h"
#include "runtime/mount_json.h"
#include "support/file_util.h"
#include "support/text.h"
#include "support/unique_fd.h"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace berth::engine {

namespace fs = std::filesystem;
using runtime::ContainerStatus;

namespace {

std::optional<std::string> hostEnv(const std::string& key) {
    const char* v = std::getenv(key.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
}

// /etc/hostname, /etc/hosts and /etc/resolv.conf of a new container, as Docker writes them;
// without fsync, as the state: a power cut that empties them is repaired at the next start
// (restoreNetworkFiles).
Status writeNetworkFiles(const fs::path& dir, const runtime::ContainerConfig& c) {
    BERTH_CHECK(writeFileReplacing(dir / "hostname", c.hostname + "\n"));
    std::string hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                        "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\n"
                        "ff02::2\tip6-allrouters\n";
    for (auto& h : c.extraHosts) { // "name:ip", validated at create
        auto colon = h.find(':');
        hosts += h.substr(colon + 1) + "\t" + h.substr(0, colon) + "\n";
    }
    hosts += "127.0.1.1\t" + c.hostname + "\n";
    BERTH_CHECK(writeFileReplacing(dir / "hosts", hosts));
    // Docker copies the host's resolv.conf, leaving out loopback resolvers a container cannot reach;
    // --dns replaces the nameservers; on user networks the embedded DNS server (127.0.0.11) is the
    // only one, and the host's resolvers or --dns are its upstreams.
    const bool embedded = runtime::isBridgeMode(c.networkMode) && c.networkMode != "bridge";
    std::string resolv, rest;
    if (auto host = readFile("/etc/resolv.conf", 1u << 20))
        forEachLine(*host, [&](std::string_view line) {
            if (line.starts_with("nameserver")) {
                if (embedded || !c.dns.empty() || line.starts_with("nameserver 127.") || line.starts_with("nameserver ::1"))
                    return;
                resolv.append(line).push_back('\n');
                return;
            }
            rest.append(line).push_back('\n');
        });
    if (embedded) resolv = "nameserver 127.0.0.11\n";
    else
        for (auto& d : c.dns) resolv += "nameserver " + d + "\n";
    return writeFileReplacing(dir / "resolv.conf", resolv + rest + (embedded ? "options ndots:0\n" : ""));
}

// Writes the network files again when one is missing or empty (only a power cut right after
// create does that; none of them is ever empty).
Status restoreNetworkFiles(const fs::path& dir, const runtime::ContainerConfig& c) {
    for (const char* name : {"hostname", "hosts", "resolv.conf"}) {
        struct stat st{};
        if (::stat((dir / name).c_str(), &st) != 0 || st.st_size == 0) return writeNetworkFiles(dir, c);
    }
    return {};
}

// Sleeps until process pid exits or timeout passes, woken by a pidfd (Linux 5.3) rather than
// polling; false when pid cannot be watched (gone already, or no pidfd), and the caller re-checks.
bool sleepUntilExit(int pid, std::chrono::milliseconds timeout) {
    if (pid <= 0) return false;
    UniqueFd fd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!fd.isValid()) return false;
    pollfd p{fd.get(), POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) >= 0;
}

// Waits (up to 10 s) until the shim of a container's previous run has exited.
void waitForShimExit(int pid) {
    if (pid <= 0 || pid == ::getpid()) return;
    auto alive = [&] {
        auto comm = readFile("/proc/" + std::to_string(pid) + "/comm", 256);
        if (!comm || comm->rfind("berth-shim", 0) != 0) return false;
        // A zombie waiting for its reaper is done with its work.
        auto stat = readFile("/proc/" + std::to_string(pid) + "/stat", 4096);
        auto paren = stat ? stat->rfind(')') : std::string::npos;
        return !(paren != std::string::npos && paren + 2 < stat->size() && (*stat)[paren + 2] == 'Z');
    };
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (alive() && std::chrono::steady_clock::now() < deadline)
        if (!sleepUntilExit(pid, std::chrono::milliseconds(200))) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

int signalNumber(const std::string& name) {
    static const std::pair<const char*, int> table[] = {
        {"HUP", SIGHUP}, {"INT", SIGINT}, {"QUIT", SIGQUIT}, {"KILL", SIGKILL}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2},
        {"TERM", SIGTERM}, {"STOP", SIGSTOP}, {"CONT", SIGCONT}, {"ALRM", SIGALRM}, {"WINCH", SIGWINCH}, {"PWR", SIGPWR}};
    std::string n = name.rfind("SIG", 0) == 0 ? name.substr(3) : name;
    for (auto& [k, v] : table)
        if (n == k) return v;
    if (n.rfind("RTMIN+", 0) == 0) return SIGRTMIN + std::atoi(n.c_str() + 6);
    int num = std::atoi(n.c_str());
    return num > 0 && num < NSIG ? num : 0;
}

// Between two looks at a running container's state: until its init exits (the shim records
// the exit right after), at most 100 ms; 2 ms when there is no init to watch.
void sleepWhileRunning(const runtime::ContainerState& state) {
    if (!sleepUntilExit(state.pid, std::chrono::milliseconds(100))) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

} // namespace

int parseSignal(const std::string& name) { return signalNumber(name); }

// Checks each published host port is free (a clear error now, not a half-started container)
// and picks one for "-p CTR".
Result<std::vector<runtime::PublishedPort>> reservePorts(std::vector<runtime::PublishedPort> ports) {
    for (auto& p : ports) {
        int type = p.protocol == "udp" ? SOCK_DGRAM : SOCK_STREAM;
        UniqueFd fd(::socket(AF_INET, type | SOCK_CLOEXEC, 0));
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(p.hostPort));
        if (::inet_pton(AF_INET, p.hostIp.c_str(), &addr.sin_addr) != 1)
            return fail(ErrorCode::InvalidArgument, "invalid host address for a published port: " + p.hostIp);
        if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            if (errno == EADDRINUSE)
                return fail(ErrorCode::AlreadyExists, "bind for " + p.hostIp + ":" + std::to_string(p.hostPort) + " failed: port is already allocated");
            return sysFail("checking " + p.hostIp + ":" + std::to_string(p.hostPort));
        }
        if (p.hostPort == 0) {
            socklen_t len = sizeof addr;
            ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len);
            p.hostPort = ntohs(addr.sin_port);
        }
    }
    return ports;
}

std::vector<oci::ChainId> Engine::snapshotsInUse() {
    std::vector<oci::ChainId> used;
    if (auto cs = m_containers.list())
        for (auto& c : *cs)
            for (auto& l : c.config.layers)
                if (auto d = oci::Digest::parse(l)) used.push_back(*d);
    return used;
}

// Whether overlay works here is probed once (a trial mount) and remembered in <root>/snapshotter.
bool Engine::useOverlay() const {
    if (auto known = readFile(m_options.root / "snapshotter", 64)) return *known == "overlay";
    bool overlay = layer::overlaySupported(m_options.root);
    (void)writeFileAtomic(m_options.root / "snapshotter", overlay ? "overlay" : "copy");
    return overlay;
}

Status Engine::prepareRootfs(const runtime::ContainerConfig& config, const image::Image& img) {
    auto active = m_options.root / "active";
    BERTH_CHECK(makeDirs(active));
    auto snapshotter = useOverlay() ? layer::makeOverlaySnapshotter(m_store.snapshots(), active)
                                                  : layer::makeCopySnapshotter(m_store.snapshots(), active);
    auto mounts = BERTH_TRY(snapshotter->prepare(config.id, img.chainIds));
    return runtime::writeMounts(m_containers.dir(config.id) / "mounts.json", mounts);
}

Result<runtime::ContainerConfig> Engine::createContainer(const CreateOptions& o) {
    auto lock = BERTH_TRY(m_store.lockShared()); // the image's layers stay while we take them
    auto img = BERTH_TRY(m_store.resolve(o.image));
    runtime::ContainerConfig c;
    c.id = randomHex(32);
    c.name = o.name;
    c.image = o.image;
    c.imageName = img.records.empty() ? std::string() : img.records.front().name;
    c.imageId = img.imageId.str();
    for (auto& chain : img.chainIds) c.layers.push_back(chain.str());
    auto overrides = o.overrides;
    BERTH_CHECK(resolveNetworking(o, img, c)); // container:<id> takes that container's hostname
    if (c.hostname.empty()) c.hostname = overrides.hostname.empty() ? c.id.substr(0, 12) : overrides.hostname;
    overrides.hostname = c.hostname;
    c.process = BERTH_TRY(runtime::mergeProcessConfig(img.config.config, overrides, hostEnv));
    c.groupAdd = o.groupAdd;
    c.tty = overrides.tty;
    c.interactive = o.interactive;
    c.autoRemove = o.autoRemove;
    c.readOnlyRootfs = o.readOnlyRootfs;
    c.restart = BERTH_TRY(runtime::RestartPolicy::parse(o.restart));
    if (c.autoRemove && c.restart.kind != runtime::RestartPolicy::Kind::No)
        return fail(ErrorCode::InvalidArgument, "conflicting options: cannot specify both --restart and --rm");
    c.resources = o.resources;
    // Docker: with --memory alone, swap may be as large as memory (memory+swap = 2 × memory).
    if (c.resources.memoryBytes && *c.resources.memoryBytes > 0 && !c.resources.memorySwapBytes)
        c.resources.memorySwapBytes = 2 * *c.resources.memoryBytes;
    BERTH_CHECK(runtime::validateResources(c.resources));
    c.capAdd = o.capAdd;
    c.capDrop = o.capDrop;
    BERTH_CHECK(runtime::resolveCapabilities(c.capAdd, c.capDrop));
    c.noNewPrivileges = o.noNewPrivileges;
    c.seccompUnconfined = o.seccompUnconfined;
    c.mounts = o.mounts;
    c.stopSignal = !o.stopSignal.empty() ? o.stopSignal : (!img.config.config.stopSignal.empty() ? img.config.config.stopSignal : "SIGTERM");
    if (signalNumber(c.stopSignal) == 0) return fail(ErrorCode::InvalidArgument, "invalid stop signal: " + c.stopSignal);
    c.stopTimeout = o.stopTimeout >= 0 ? o.stopTimeout : 10;
    c.logMaxBytes = o.logMaxBytes;
    c.logMaxFiles = std::max(1, o.logMaxFiles);
    // (exposedPorts: set by resolveNetworking, the image's and --expose)
    c.labels = img.config.config.labels;
    for (auto& [k, v] : o.labels) c.labels[k] = v;
    c = BERTH_TRY(m_containers.create(c));
    auto st = prepareRootfs(c, img);
    if (st) st = writeNetworkFiles(m_containers.dir(c.id), c);
    if (!st) {
        (void)removeTree(m_options.root / "active" / c.id);
        (void)m_containers.remove(c.id);
        return std::unexpected(st.error().context("creating container " + c.name));
    }
    runtime::Event e;
    e.action = "create";
    e.id = c.id;
    e.attributes = {{"name", c.name}, {"image", c.image}};
    (void)m_events.append(e);
    return c;
}

Result<runtime::StartReport> Engine::startContainer(std::string_view idOrName, bool attach) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    int shimPid = 0;
    {
        auto lock = BERTH_TRY(m_containers.lock(c.config.id));
        auto state = BERTH_TRY(m_containers.readState(c.config.id));
        if (state.isRunning()) return runtime::StartReport{true, 0, {}};
        if (!state.canStart())
            return fail(ErrorCode::InvalidArgument, "cannot start container " + c.config.name + ": it is " + runtime::statusName(state.status));
        state.stoppedByUser = false;
        BERTH_CHECK(m_containers.writeState(c.config.id, state));
        shimPid = state.shimPid;
    }
    // The previous run's shim may still be tearing down (networks, DNS server, cgroup); a new shim
    // must not start before, or that teardown would hit the new run's cgroup and veths.
    waitForShimExit(shimPid);
    BERTH_CHECK(withContext(restoreNetworkFiles(m_containers.dir(c.config.id), c.config), "starting container " + c.config.name));
    return runtime::launchShim(m_options.root, c.config.id, {}, attach);
}

Status Engine::killContainer(std::string_view idOrName, int signal) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    auto lock = BERTH_TRY(m_containers.lock(c.config.id));
    auto state = BERTH_TRY(m_containers.readState(c.config.id));
    if (!state.isRunning() || state.pid <= 0)
        return fail(ErrorCode::InvalidArgument, "cannot kill container " + c.config.name + ": container is not running");
    state.stoppedByUser = true;
    BERTH_CHECK(m_containers.writeState(c.config.id, state));
    if (::kill(state.pid, signal) != 0 && errno != ESRCH) return sysFail("signalling container " + c.config.name);
    // A frozen process takes no signal: thaw a paused container so the signal is delivered.
    if (state.status == ContainerStatus::Paused) {
        if (auto cg = cgroupOf(c.config.id, state); cg) (void)(*cg)->thaw();
        auto now = BERTH_TRY(m_containers.readState(c.config.id));
        if (now.status == ContainerStatus::Paused) {
            now.status = ContainerStatus::Running;
            BERTH_CHECK(m_containers.writeState(c.config.id, now));
        }
    }
    runtime::Event e;
    e.action = "kill";
    e.id = c.config.id;
    e.attributes = {{"name", c.config.name}, {"image", c.config.image}, {"signal", std::to_string(signal)}};
    (void)m_events.append(e);
    return {};
}

Result<int> Engine::waitContainer(std::string_view idOrName) {
    auto found = m_containers.find(idOrName);
    if (!found) {
        // Already removed (--rm): its die event still tells how it ended.
        auto events = BERTH_TRY(m_events.read(0));
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            if ((it->id == idOrName || it->attributes["name"] == idOrName) && it->action == "die")
                return std::atoi(it->attributes["exitCode"].c_str());
        return std::unexpected(found.error());
    }
    auto& c = *found;
    while (true) {
        auto state = m_containers.liveState(c.config.id);
        if (!state) {
            // Removed (--rm): the die event has the exit code.
            auto events = BERTH_TRY(m_events.read(0));
            for (auto it = events.rbegin(); it != events.rend(); ++it)
                if (it->id == c.config.id && it->action == "die") return std::atoi(it->attributes["exitCode"].c_str());
            return fail(ErrorCode::NotFound, "no such container: " + std::string(idOrName));
        }
        if (state->status == ContainerStatus::Exited || state->status == ContainerStatus::Created ||
            state->status == ContainerStatus::Dead)
            return state->exitCode;
        sleepWhileRunning(*state);
    }
}

Status Engine::stopContainer(std::string_view idOrName, int timeoutSeconds) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    auto state = BERTH_TRY(m_containers.readState(c.config.id));
    if (!state.canStop()) return {}; // Docker: stopping a stopped container succeeds
    int timeout = timeoutSeconds >= 0 ? timeoutSeconds : c.config.stopTimeout;
    auto st = killContainer(c.config.id, signalNumber(c.config.stopSignal));
    if (!st && state.status != ContainerStatus::Restarting) return st;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
    while (std::chrono::steady_clock::now() < deadline) {
        auto s = m_containers.liveState(c.config.id);
        if (!s || !s->isRunning()) break;
        sleepWhileRunning(*s);
    }
    auto s = m_containers.readState(c.config.id);
    if (s && s->isRunning()) {
        (void)killContainer(c.config.id, SIGKILL);
        (void)waitContainer(c.config.id);
    }
    runtime::Event e;
    e.action = "stop";
    e.id = c.config.id;
    e.attributes = {{"name", c.config.name}, {"image", c.config.image}};
    (void)m_events.append(e);
    return {};
}

Status Engine::removeContainer(std::string_view idOrName, bool force) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    auto state = BERTH_TRY(m_containers.readState(c.config.id));
    if (!state.canRemove()) {
        if (!force)
            return fail(ErrorCode::InvalidArgument, "cannot remove container \"/" + c.config.name + "\": container is " +
                                                        runtime::statusName(state.status) + ": stop the container before removing or force remove");
        (void)killContainer(c.config.id, SIGKILL);
        (void)waitContainer(c.config.id);
    }
    auto lock = BERTH_TRY(m_containers.lock(c.config.id));
    // Normally the shim removed the cgroup; not if the shim itself was killed.
    auto now = m_containers.readState(c.config.id);
    if (auto cg = cgroupOf(c.config.id, now ? *now : state); cg) runtime::releaseCgroup(cg->get());
    releaseNetworks(c);
    (void)removeTree(m_options.root / "active" / c.config.id);
    BERTH_CHECK(m_containers.remove(c.config.id));
    runtime::Event e;
    e.action = "destroy";
    e.id = c.config.id;
    e.attributes = {{"name", c.config.name}, {"image", c.config.image}};
    (void)m_events.append(e);
    return {};
}

Result<std::vector<runtime::Container>> Engine::listContainers() { return m_containers.list(); }
Result<runtime::Container> Engine::inspectContainer(std::string_view idOrName) { return m_containers.find(idOrName); }
Status Engine::renameContainer(std::string_view idOrName, const std::string& newName) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    return m_containers.rename(c.config.id, newName);
}

} // namespace berth::engine
