// The cgroup backends of rootless Berth on the real kernel (BERTH_TEST_PRIVILEGED: root, to fork
// trees, make a cgroup and a user namespace).
// - ProcessTreeManager (no cgroup): a forked tree is found, its stats grow with CPU work, SIGSTOP
//   pauses it, killAll kills it, limits are refused; a process that joined the tree's pid namespace
//   from outside (what `berth exec` does) counts too.
// - Delegated v2: a berth-test-<random> directory on the cgroup2 mount chowned to a test uid, as
//   systemd delegates user@<uid>.service; the selection finds it, containers' cgroups go below it,
//   freeze and thaw work there. A child in a user namespace mapping that uid to 0 detects the
//   delegated mode itself, and the no-cgroup mode when it sits outside the delegated directory.
// Everything made is removed by guards; children are killed by pid.
#include "runtime/cgroups/cgroup_manager.h"
#include "runtime/cgroups/device_bpf.h"
#include "runtime/cgroups/process_tree.h"
#include "support/file_util.h"
#include "support/unique_fd.h"
#include "support/user_namespace.h"
#include "test_env.h"
#include "verify_ok.h"

#include <QtTest>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

constexpr uid_t kTestUid = 4243; // owns the "delegated" directory; no such user needs to exist

// Kills and reaps the pids it holds. Reaping polls them all: a pid namespace's init finishes
// exiting only once the namespace's other processes are reaped, in whatever order they come back.
struct Children {
    std::vector<pid_t> pids;
    ~Children() {
        for (pid_t pid : pids)
            ::kill(pid, SIGKILL);
        for (int i = 0; i < 500 && !pids.empty(); ++i) {
            std::erase_if(pids, [](pid_t pid) {
                pid_t r = ::waitpid(pid, nullptr, WNOHANG);
                return r == pid || (r < 0 && errno == ECHILD);
            });
            if (!pids.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
};

bool readAll(int fd, void* buffer, std::size_t size, int timeoutMs = 10000) {
    auto* p = static_cast<char*>(buffer);
    while (size > 0) {
        pollfd pfd{fd, POLLIN, 0};
        if (::poll(&pfd, 1, timeoutMs) != 1) return false;
        ssize_t n = ::read(fd, p, size);
        if (n <= 0) return false;
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

[[noreturn]] void spin() {
    volatile unsigned long x = 0;
    for (;;)
        x = x + 1;
}

// readyFd: written once SIGTERM has its default action again, so a test that sends SIGTERM can
// wait for it (before that, QtTest's handler, inherited by the fork, would catch it).
[[noreturn]] void sleepForever(int readyFd = -1) {
    ::signal(SIGTERM, SIG_DFL); // not QtTest's handler, which the fork inherited
    if (readyFd >= 0 && ::write(readyFd, "r", 1) != 1) ::_exit(3);
    for (;;)
        ::pause();
}

char stateOf(pid_t pid) {
    auto s = readProcessStat("/proc", pid);
    return s ? s->state : '?';
}

// Polls until pred holds or 10 s pass.
template <class Pred> bool eventually(Pred pred) {
    for (int i = 0; i < 1000; ++i) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return pred();
}

std::unique_ptr<CgroupManager> processTreeManager(pid_t init) {
    auto m = makeContainerCgroupManager(choosePlacement(CgroupLayout{}, true, std::nullopt), "tree",
                                        {init, ::getpid()});
    if (!m) qFatal("makeContainerCgroupManager: %s", m.error().message.c_str());
    return std::move(*m);
}

// A directory on the cgroup2 mount, removed (children first) when the guard goes.
struct CgroupDirs {
    std::vector<fs::path> dirs; // outermost first
    std::unique_ptr<CgroupManager> manager;
    ~CgroupDirs() {
        if (manager) {
            (void)manager->thaw();
            (void)manager->destroy();
        }
        for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
            std::error_code ec;
            fs::remove(*it / "berth", ec); // left if a check failed before destroy
            ::rmdir(it->c_str());
        }
    }
};

fs::path findUnifiedMount() {
    auto mounts = parseMountInfo(readText("/proc/self/mountinfo"));
    if (!mounts) return {};
    for (const auto& m : *mounts)
        if (m.fsType == "cgroup2" && m.root == "/") return m.mountPoint;
    return {};
}

} // namespace

class TestCgroupRootless : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void processTreeListsStatsPausesAndKills();
    void processTreeSignalsOtherThanKill();
    void processTreeCountsPidNamespaceMembers();
    void processTreeRefusesLimits();
    void delegatedSubtreeOnRealCgroup2();
    void userNamespaceDetectsItsMode();

private:
    fs::path m_unified;
};

void TestCgroupRootless::initTestCase() {
    if (!isRoot()) QSKIP("needs root to fork trees, make cgroups and user namespaces");
    // Orphaned grandchildren come back to this process, so every test can reap what it forked.
    QVERIFY(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
    m_unified = findUnifiedMount();
}

void TestCgroupRootless::processTreeListsStatsPausesAndKills() {
    int fromChild[2];
    QVERIFY(::pipe2(fromChild, O_CLOEXEC) == 0);
    pid_t child = ::fork();
    if (child == 0) {
        pid_t grandchild = ::fork();
        if (grandchild == 0) sleepForever();
        if (::write(fromChild[1], &grandchild, sizeof grandchild) != sizeof grandchild) ::_exit(3);
        spin();
    }
    ::close(fromChild[1]);
    Children guard{{child}};
    pid_t grandchild = 0;
    QVERIFY(readAll(fromChild[0], &grandchild, sizeof grandchild));
    ::close(fromChild[0]);
    guard.pids.push_back(grandchild);

    auto m = processTreeManager(child);
    VERIFY_OK(m->create({}));
    auto listed = m->processes();
    VERIFY_OK(listed);
    QCOMPARE(*listed, (std::vector<pid_t>{std::min(child, grandchild), std::max(child, grandchild)}));

    auto first = m->stats();
    VERIFY_OK(first);
    QVERIFY(first->pidsCurrent >= 2);
    QVERIFY(first->memoryUsage > 0);
    // The child spins: its CPU time grows.
    QVERIFY(eventually([&] {
        auto now = m->stats();
        return now && now->cpuUsageNanos > first->cpuUsageNanos;
    }));

    VERIFY_OK(m->freeze());
    QCOMPARE(stateOf(child), 'T');
    QCOMPARE(stateOf(grandchild), 'T');
    QVERIFY(*m->isFrozen());
    // Stopped, the spinning child uses no CPU: two readings agree.
    auto frozenA = m->stats(), frozenB = m->stats();
    VERIFY_OK(frozenA);
    VERIFY_OK(frozenB);
    QCOMPARE(frozenB->cpuUsageNanos, frozenA->cpuUsageNanos);

    VERIFY_OK(m->thaw());
    QVERIFY(stateOf(child) != 'T');
    QVERIFY(stateOf(grandchild) != 'T');
    QVERIFY(!*m->isFrozen());

    VERIFY_OK(m->killAll(SIGKILL));
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    QCOMPARE(::waitpid(grandchild, &status, 0), grandchild); // ours again: we are the subreaper
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    guard.pids.clear();
    // Gone, and the pid's owner check keeps a reused pid from counting.
    QVERIFY(m->processes()->empty());
    VERIFY_OK(m->destroy());
}

void TestCgroupRootless::processTreeSignalsOtherThanKill() {
    int ready[2];
    QCOMPARE(::pipe2(ready, O_CLOEXEC), 0);
    pid_t child = ::fork();
    if (child == 0) sleepForever(ready[1]);
    Children guard{{child}};
    ::close(ready[1]);
    char r = 0;
    QCOMPARE(::read(ready[0], &r, 1), ssize_t(1));
    ::close(ready[0]);
    auto m = processTreeManager(child);
    QVERIFY(eventually([&] { return !m->processes()->empty(); }));
    // SIGTERM goes through stop, signal, continue: delivered once continued.
    VERIFY_OK(m->killAll(SIGTERM));
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    guard.pids.clear();
}

void TestCgroupRootless::processTreeCountsPidNamespaceMembers() {
    // helper (outside) unshares a pid namespace: its next child is that namespace's init, and a
    // later child joins the namespace without descending from the init, like `berth exec`.
    int fromHelper[2];
    QVERIFY(::pipe2(fromHelper, O_CLOEXEC) == 0);
    pid_t helper = ::fork();
    if (helper == 0) {
        if (::unshare(CLONE_NEWPID) != 0) ::_exit(2);
        pid_t init = ::fork();
        if (init == 0) sleepForever();
        pid_t joined = ::fork();
        if (joined == 0) sleepForever();
        pid_t both[2] = {init, joined};
        if (::write(fromHelper[1], both, sizeof both) != sizeof both) ::_exit(3);
        // Reap both, as berth exec's helper reaps what it started.
        while (::wait(nullptr) > 0 || errno == EINTR) {
        }
        sleepForever();
    }
    ::close(fromHelper[1]);
    Children guard{{helper}};
    pid_t both[2] = {0, 0};
    QVERIFY(readAll(fromHelper[0], both, sizeof both));
    ::close(fromHelper[0]);
    guard.pids.push_back(both[0]);
    guard.pids.push_back(both[1]);
    auto m = makeContainerCgroupManager(choosePlacement(CgroupLayout{}, true, std::nullopt), "ns",
                                        {both[0], helper});
    VERIFY_OK(m);
    auto listed = (*m)->processes();
    VERIFY_OK(listed);
    QCOMPARE(*listed, (std::vector<pid_t>{std::min(both[0], both[1]), std::max(both[0], both[1])}));
    VERIFY_OK((*m)->killAll(SIGKILL));
    QVERIFY(
        eventually([&] { return stateOf(both[0]) == '?' && stateOf(both[1]) == '?'; })); // reaped by helper
    QVERIFY(stateOf(helper) != '?');
}

void TestCgroupRootless::processTreeRefusesLimits() {
    auto m = processTreeManager(0);
    Resources r;
    r.memoryBytes = 64 << 20;
    auto refused = m->create(r);
    QVERIFY(!refused);
    QCOMPARE(
        refused.error().message,
        std::string(
            "container tree: --memory needs a cgroup delegated to your user (cgroup v2 with systemd); this "
            "machine has none — run without limits, or as root"));
}

void TestCgroupRootless::delegatedSubtreeOnRealCgroup2() {
    if (m_unified.empty()) QSKIP("no cgroup2 mount on this machine");
    CgroupDirs dirs;
    fs::path delegated = m_unified / ("berth-test-" + randomHex(4));
    QVERIFY2(::mkdir(delegated.c_str(), 0755) == 0, std::strerror(errno));
    dirs.dirs.push_back(delegated);
    // What systemd does for user@<uid>.service: the directory and its interface files are the user's.
    for (const char* name : {"", "cgroup.procs", "cgroup.subtree_control", "cgroup.threads"}) {
        fs::path p = name[0] ? delegated / name : delegated;
        QVERIFY2(::chown(p.c_str(), kTestUid, kTestUid) == 0, std::strerror(errno));
    }
    fs::path inner = delegated / "inner"; // the engine's own cgroup: root's, so not delegated itself
    QVERIFY2(::mkdir(inner.c_str(), 0755) == 0, std::strerror(errno));
    dirs.dirs.push_back(inner);

    std::string own = "/" + fs::relative(inner, m_unified).string();
    auto found = findDelegatedCgroup(m_unified, own, kTestUid);
    QVERIFY(found.has_value());
    QCOMPARE(found->dir, delegated);
    QVERIFY(!findDelegatedCgroup(m_unified, own, kTestUid + 1));

    auto placement = choosePlacement(CgroupLayout{}, true, found);
    QCOMPARE(placement.mode, CgroupMode::Delegated);
    auto made = makeContainerCgroupManager(placement, "c-" + randomHex(4), {});
    VERIFY_OK(made);
    dirs.manager = std::move(*made);
    CgroupManager& m = *dirs.manager;
    QCOMPARE(m.directories().front().parent_path(), delegated / "berth");

    // This mount enables no controllers for the test directory: every limit is refused, with advice.
    if (!found->controllers.contains("memory")) {
        Resources limited;
        limited.memoryBytes = 64 << 20;
        auto refused = m.create(limited);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("--memory needs the memory controller") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(!fs::exists(delegated / "berth"));
    }
    VERIFY_OK(m.create({}));
    fs::path dir = m.directories().front();
    QVERIFY(fs::is_directory(dir));
    {
        // No device program: a user namespace could not load one.
        UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        auto ids = attachedDevicePrograms(fd.get());
        VERIFY_OK(ids);
        QVERIFY(ids->empty());
    }

    pid_t child = ::fork();
    if (child == 0) sleepForever();
    Children guard{{child}};
    VERIFY_OK(m.addProcess(child));
    QCOMPARE(*m.processes(), std::vector<pid_t>{child});
    VERIFY_OK(m.freeze());
    QVERIFY(*m.isFrozen());
    VERIFY_OK(m.thaw());
    QVERIFY(!*m.isFrozen());
    VERIFY_OK(m.killAll(SIGKILL));
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    guard.pids.clear();
    QVERIFY(eventually([&] { return m.processes() && m.processes()->empty(); }));
    VERIFY_OK(m.destroy());
    QVERIFY(!fs::exists(dir));
    QVERIFY(!fs::exists(delegated / "berth"));
}

void TestCgroupRootless::userNamespaceDetectsItsMode() {
    if (m_unified.empty()) QSKIP("no cgroup2 mount on this machine");
    CgroupDirs dirs;
    fs::path delegated = m_unified / ("berth-test-" + randomHex(4));
    QVERIFY2(::mkdir(delegated.c_str(), 0755) == 0, std::strerror(errno));
    dirs.dirs.push_back(delegated);
    for (const char* name : {"", "cgroup.procs"}) {
        fs::path p = name[0] ? delegated / name : delegated;
        QVERIFY2(::chown(p.c_str(), kTestUid, kTestUid) == 0, std::strerror(errno));
    }
    fs::path inner = delegated / "inner";
    QVERIFY2(::mkdir(inner.c_str(), 0755) == 0, std::strerror(errno));
    dirs.dirs.push_back(inner);

    // The child becomes the test uid, enters a user namespace that maps it to 0 (as rootless Berth
    // runs), and reports the mode and root it detects. moveIn: into inner first.
    auto detectAs = [&](bool moveIn) -> std::pair<std::string, std::string> {
        int go[2], answer[2];
        if (::pipe2(go, O_CLOEXEC) != 0 || ::pipe2(answer, O_CLOEXEC) != 0) return {"pipe failed", ""};
        pid_t child = ::fork();
        if (child == 0) {
            char c;
            if (::read(go[0], &c, 1) != 1) ::_exit(2);
            if (::setresgid(kTestUid, kTestUid, kTestUid) != 0 ||
                ::setresuid(kTestUid, kTestUid, kTestUid) != 0)
                ::_exit(3);
            if (::unshare(CLONE_NEWUSER) != 0) ::_exit(4);
            if (::write(answer[1], "u", 1) != 1 || ::read(go[0], &c, 1) != 1) ::_exit(5);
            std::string report = inUserNamespace() ? "userns " : "initial ";
            auto placement = detectCgroupPlacement();
            if (!placement)
                report += "error " + placement.error().message;
            else
                report += std::string(cgroupModeName(placement->mode)) + " " +
                          placement->layout.unifiedRoot.string();
            (void)!::write(answer[1], report.data(), report.size());
            ::_exit(0);
        }
        ::close(go[0]);
        ::close(answer[1]);
        Children guard{{child}};
        std::string failure;
        if (moveIn) {
            UniqueFd procs(::open((inner / "cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC));
            std::string pid = std::to_string(child);
            if (!procs.isValid() || ::write(procs.get(), pid.data(), pid.size()) < 0)
                failure = "moving the child";
        }
        char c = 0;
        bool ok = failure.empty() && ::write(go[1], "g", 1) == 1 && readAll(answer[0], &c, 1) && c == 'u';
        std::string map = "0 " + std::to_string(kTestUid) + " 1";
        UniqueFd uidMap(
            ::open(("/proc/" + std::to_string(child) + "/uid_map").c_str(), O_WRONLY | O_CLOEXEC));
        ok = ok && uidMap.isValid() && ::write(uidMap.get(), map.data(), map.size()) == ssize_t(map.size());
        ok = ok && ::write(go[1], "g", 1) == 1;
        std::string report;
        char buf[512];
        for (ssize_t n; ok && (n = ::read(answer[0], buf, sizeof buf)) > 0;)
            report.append(buf, std::size_t(n));
        ::close(go[1]);
        ::close(answer[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        guard.pids.clear();
        if (!ok)
            return {failure.empty() ? "setup failed, child status " + std::to_string(status) : failure, ""};
        auto space = report.find(' ', report.find(' ') + 1);
        return {report.substr(0, space), space == std::string::npos ? "" : report.substr(space + 1)};
    };

    auto [mode, root] = detectAs(true);
    QCOMPARE(mode, std::string("userns delegated"));
    QCOMPARE(root, delegated.string());
    // Outside the delegated directory (this machine's own cgroups are root's): no cgroup.
    std::tie(mode, root) = detectAs(false);
    QCOMPARE(mode, std::string("userns none"));
}

QTEST_APPLESS_MAIN(TestCgroupRootless)
#include "tst_runtime_cgroup_rootless.moc"
