#include "runtime/shim.h"
#include "runtime/shim_supervisor.h"

#include "runtime/container_init.h"
#include "runtime/container_store.h"
#include "runtime/event_log.h"
#include "runtime/fd_passing.h"
#include "runtime/json_log.h"
#include "runtime/mount_json.h"
#include "runtime/security/capabilities.h"
#include "runtime/security/seccomp_profile.h"
#include "runtime/slirp_network.h"
#include "runtime/stdio_relay.h"
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
#include <linux/sched.h>
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

void Shim::event(const std::string& action, std::map<std::string, std::string> extra) {
    Event e;
    e.action = action;
    e.id = m_config.id;
    extra["name"] = m_config.name;
    extra["image"] = m_config.image;
    e.attributes = std::move(extra);
    (void)m_events.append(e);
}

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
namespace {
struct StdioSetup {
    UniqueFd outRead, outWrite, errRead, errWrite, inRead, inWrite, ptyMaster;
    UniqueFd consoleShim, consoleInit; // socketpair: the init sends the pty master (SCM_RIGHTS)
};
} // namespace

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

// The cheap ways into the cgroup (CgroupEntry), opened before the clone; empty ones when there
// is no cgroup or a file cannot be opened, and addProcess moves the init instead.
namespace {
struct OpenedEntry {
    std::vector<UniqueFd> tasks;
    UniqueFd cloneInto;
};
} // namespace

static OpenedEntry openEntry(const CgroupManager* cgroup) {
    OpenedEntry opened;
    if (!cgroup) return opened;
    auto entry = cgroup->entry();
    for (const auto& file : entry.tasksFiles) {
        UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
        if (!fd.isValid()) return {};
        opened.tasks.push_back(std::move(fd));
    }
    if (!entry.cloneInto.empty()) opened.cloneInto.reset(::open(entry.cloneInto.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    return opened;
}

// clone3(CLONE_INTO_CGROUP) without a new stack, like fork(); -1 with errno when the kernel
// (older than 5.7) or the cgroup refuses, and the caller clones plainly.
static long cloneIntoCgroup(unsigned long flags, int cgroupFd) {
    clone_args args{};
    args.flags = (flags & ~CSIGNAL) | CLONE_INTO_CGROUP;
    args.exit_signal = flags & CSIGNAL;
    args.cgroup = static_cast<std::uint64_t>(cgroupFd);
    return ::syscall(SYS_clone3, &args, sizeof args);
}

Result<pid_t> Shim::spawn(InitPlan& plan, int control[2][2], bool& entered) {
    // sync and error pipes, close-on-exec so nothing leaks into the container.
    for (int i = 0; i < 2; ++i)
        if (::pipe2(control[i], O_CLOEXEC) != 0) return sysFail("creating pipes");
    plan.syncFd = control[0][0];
    plan.errorFd = control[1][1];
    unsigned long flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;
    if (m_config.networkMode != "host" && m_joinNetns < 0) flags |= CLONE_NEWNET;
    auto entry = openEntry(m_cgroup.get());
    plan.cgroupTasksFds.clear();
    for (const auto& fd : entry.tasks) plan.cgroupTasksFds.push_back(fd.get());
    long pid = entry.cloneInto.isValid() ? cloneIntoCgroup(flags, entry.cloneInto.get()) : -1;
    entered = pid >= 0 || !entry.tasks.empty();
    // A raw clone without a new stack behaves like fork(): the child gets a copy of our memory.
    if (pid < 0) pid = ::syscall(SYS_clone, flags, nullptr, nullptr, nullptr, nullptr);
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
    plan.cgroupTasksFds.clear();
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
    bool entered = false;
    auto spawned = spawn(plan, control, entered);
    m_joinNetns = -1;
    pid_t pid = BERTH_TRY(std::move(spawned));
    plan = {}; // the init has its own copy; the idle shim keeps only what it uses
    joined.reset();
    stdio.inRead.reset();
    stdio.outWrite.reset();
    stdio.errWrite.reset();
    stdio.consoleInit.reset();
    if (m_cgroup && !entered) (void)m_cgroup->addProcess(pid);
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
    auto clients = relay.finish(e.code);
    // `run --rm` returns once the container is gone (Docker's): its client sees the connection
    // close after the removal at the end of run().
    if (m_config.autoRemove)
        for (auto& c : clients) m_removalWaiters.push_back(std::move(c));
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
    m_removalWaiters.clear();
    return 0;
}

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
