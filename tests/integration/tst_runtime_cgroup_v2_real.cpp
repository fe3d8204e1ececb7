// The cgroup v2 backend on the real unified tree, device program included (BERTH_TEST_PRIVILEGED:
// root, creates a cgroup). Works on hybrid machines too: it finds the cgroup2 mount itself (e.g.
// /sys/fs/cgroup/unified, where no controllers are enabled) and drives the v2 backend there, with
// no limits. Everything it makes is its own berth-test-<random> cgroup and temp dir, removed through
// a guard even when a check fails; its forked child is killed by pid.
#include "verify_ok.h"
#include "runtime/cgroups/cgroup_layout.h"
#include "runtime/cgroups/cgroup_manager.h"
#include "runtime/cgroups/device_bpf.h"
#include "support/file_util.h"
#include "support/unique_fd.h"
#include "test_env.h"

#include <QtTest>

#include <csignal>
#include <cstring>
#include <linux/sched.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

// What the child saw: one errno per probe (0 = the open succeeded).
struct Probe {
    const char* name;
    int result = -1;
};

// The child waits for 'g' (sent once it is in the cgroup), opens each path, reports one int per
// path, then blocks until killed. Only async-signal-safe calls after fork.
[[noreturn]] void childMain(int in, int out, const std::vector<std::string>& paths) {
    char c;
    if (::read(in, &c, 1) != 1) ::_exit(2);
    for (const auto& p : paths) {
        int fd = ::open(p.c_str(), O_RDWR | O_CLOEXEC | O_NONBLOCK);
        int result = fd >= 0 ? 0 : errno;
        if (fd >= 0) ::close(fd);
        if (::write(out, &result, sizeof result) != sizeof result) ::_exit(3);
    }
    while (::read(in, &c, 1) == 1) {
    }
    ::_exit(0);
}

struct Guard {
    CgroupManager* manager = nullptr;
    pid_t child = -1;
    int commands = -1, answers = -1;
    ~Guard() {
        if (child > 0) {
            ::kill(child, SIGKILL);
            if (manager) (void)manager->thaw(); // a frozen child dies only once thawed
            ::waitpid(child, nullptr, 0);
        }
        if (commands >= 0) ::close(commands);
        if (answers >= 0) ::close(answers);
        if (manager && !manager->destroy())
            for (const auto& dir : manager->directories())
                ::rmdir(dir.c_str());
    }
};

bool readAll(int fd, void* buffer, std::size_t size, int timeoutMs) {
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


} // namespace

class TestCgroupV2Real : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void emptyResourcesPassAndMissingControllersFail();
    void devicePolicyFreezeAndRemove();
    void processIsBornInTheCgroup();

private:
    CgroupLayout m_layout;
};

void TestCgroupV2Real::initTestCase() {
    if (!isRoot()) QSKIP("needs root to create cgroups and load BPF programs");
    auto mounts = parseMountInfo(readText("/proc/self/mountinfo"));
    QVERIFY(mounts.has_value());
    for (const auto& m : *mounts)
        if (m.fsType == "cgroup2" && m.root == "/") {
            m_layout.unifiedRoot = m.mountPoint;
            break;
        }
    if (m_layout.unifiedRoot.empty()) QSKIP("no cgroup2 mount on this machine");
    // Drive the v2 backend there, whatever the host's own choice of backend is.
    m_layout.version = CgroupVersion::V2;
    std::error_code ec;
    if (fs::exists(m_layout.unifiedRoot / "cgroup.controllers", ec))
        m_layout.v2Controllers = parseControllerList(readText(m_layout.unifiedRoot / "cgroup.controllers"));
    qInfo("cgroup2 at %s, controllers: %d", m_layout.unifiedRoot.c_str(), int(m_layout.v2Controllers.size()));
}

void TestCgroupV2Real::emptyResourcesPassAndMissingControllersFail() {
    auto made = makeCgroupManager(m_layout, "berth-test-" + randomHex(4));
    VERIFY_OK(made);
    Guard guard{made->get()};
    CgroupManager& m = **made;
    if (!m_layout.v2Controllers.contains("pids")) {
        Resources limited;
        limited.pidsLimit = 10;
        auto refused = m.create(limited);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Unsupported);
        QVERIFY2(refused.error().message.find("pids controller") != std::string::npos &&
                     refused.error().message.find(m.path()) != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(!fs::exists(m.directories().front()));
    }
    VERIFY_OK(m.create(Resources{}));
    QVERIFY(fs::is_directory(m.directories().front()));
    VERIFY_OK(m.update(Resources{}));
    auto s = m.stats();
    VERIFY_OK(s);
    VERIFY_OK(m.destroy());
    QVERIFY(!fs::exists(m.directories().front()));
}

void TestCgroupV2Real::devicePolicyFreezeAndRemove() {
    TempDir tmp;
    struct Node {
        const char* name;
        mode_t type;
        unsigned major, minor;
        int expected; // errno in the container's cgroup
    };
    const Node nodes[] = {
        {"null", S_IFCHR, 1, 3, 0},   // allowed: rw on /dev/null
        {"tun", S_IFCHR, 10, 200, 0}, // allowed by the default rules (runc's list)
        {"fuse", S_IFCHR, 10, 229, EPERM}, {"sda", S_IFBLK, 8, 0, EPERM}, {"mem", S_IFCHR, 1, 1, EPERM},
    };
    std::vector<std::string> paths = {"/dev/null"};
    for (const auto& n : nodes) {
        auto p = tmp / n.name;
        QVERIFY2(::mknod(p.c_str(), n.type | 0600, makedev(n.major, n.minor)) == 0, std::strerror(errno));
        paths.push_back(p.string());
    }
    // Outside the cgroup the nodes open (or fail in the driver, never with EPERM): what the child
    // sees below is the program's doing, not a nodev mount.
    {
        int fd = ::open((tmp / "fuse").c_str(), O_RDWR | O_CLOEXEC | O_NONBLOCK);
        QVERIFY2(fd >= 0 || errno != EPERM, "device nodes cannot be opened in the temp dir at all");
        if (fd >= 0) ::close(fd);
    }

    auto made = makeCgroupManager(m_layout, "berth-test-" + randomHex(4));
    VERIFY_OK(made);
    Guard guard{made->get()};
    CgroupManager& m = **made;
    VERIFY_OK(m.create(Resources{}));
    fs::path dir = m.directories().front();
    QVERIFY(fs::is_directory(dir));
    auto attachedCount = [&]() -> int {
        UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        auto ids = attachedDevicePrograms(fd.get());
        return ids ? int(ids->size()) : -1;
    };
    QCOMPARE(attachedCount(), 1);
    // A cgroup left behind by a crash is reused: its program is replaced, not stacked.
    auto again = makeCgroupManager(m_layout, m.path());
    VERIFY_OK(again);
    VERIFY_OK((*again)->create(Resources{}));
    QCOMPARE(attachedCount(), 1);

    int toChild[2], fromChild[2];
    QVERIFY(::pipe2(toChild, O_CLOEXEC) == 0);
    QVERIFY(::pipe2(fromChild, O_CLOEXEC) == 0);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::close(toChild[1]);
        ::close(fromChild[0]);
        childMain(toChild[0], fromChild[1], paths);
    }
    ::close(toChild[0]);
    ::close(fromChild[1]);
    guard.child = pid;
    guard.commands = toChild[1];
    guard.answers = fromChild[0];
    QVERIFY(pid > 0);

    VERIFY_OK(m.addProcess(pid));
    QVERIFY(::write(guard.commands, "g", 1) == 1);
    std::vector<int> results(paths.size());
    QVERIFY(readAll(guard.answers, results.data(), results.size() * sizeof(int), 5000));
    QVERIFY2(results[0] == 0, std::strerror(results[0])); // /dev/null O_RDWR
    for (std::size_t i = 0; i < std::size(nodes); ++i) {
        int got = results[i + 1];
        if (nodes[i].expected == EPERM)
            QVERIFY2(got == EPERM,
                     qPrintable(QStringLiteral("%1: %2").arg(nodes[i].name, std::strerror(got))));
        else // allowed: the open reaches the driver (which may still say ENXIO/ENODEV)
            QVERIFY2(got != EPERM,
                     qPrintable(QStringLiteral("%1: %2").arg(nodes[i].name, std::strerror(got))));
    }

    auto procs = m.processes();
    VERIFY_OK(procs);
    QCOMPARE(*procs, std::vector<pid_t>{pid});

    VERIFY_OK(m.freeze());
    auto frozen = m.isFrozen();
    VERIFY_OK(frozen);
    QVERIFY(*frozen);
    VERIFY_OK(m.thaw());
    frozen = m.isFrozen();
    VERIFY_OK(frozen);
    QVERIFY(!*frozen);

    auto busy = m.destroy();
    QVERIFY(!busy);
    QCOMPARE(busy.error().code, ErrorCode::Busy);

    VERIFY_OK(m.killAll(SIGKILL));
    int status = 0;
    QCOMPARE(::waitpid(pid, &status, 0), pid);
    guard.child = -1;
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    // The kernel takes the dead child out of cgroup.procs a moment after it is reaped.
    for (int i = 0; i < 100 && fs::exists(dir / "cgroup.procs") && !readText(dir / "cgroup.procs").empty();
         ++i)
        ::usleep(10000);
    VERIFY_OK(m.destroy());
    QVERIFY(!fs::exists(dir));
}

// The shim's way in on v2 (CgroupEntry::cloneInto): clone3(CLONE_INTO_CGROUP) makes the child
// inside the cgroup, with no migration afterwards.
void TestCgroupV2Real::processIsBornInTheCgroup() {
    auto made = makeCgroupManager(m_layout, "berth-test-" + randomHex(4));
    VERIFY_OK(made);
    Guard guard{made->get()};
    CgroupManager& m = **made;
    VERIFY_OK(m.create(Resources{}));
    auto entry = m.entry();
    QVERIFY(entry.tasksFiles.empty());
    QCOMPARE(entry.cloneInto, m.directories().front());
    UniqueFd dir(::open(entry.cloneInto.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    QVERIFY(dir.isValid());
    clone_args args{};
    args.flags = CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = static_cast<std::uint64_t>(dir.get());
    long pid = ::syscall(SYS_clone3, &args, sizeof args);
    if (pid < 0 && errno == ENOSYS) QSKIP("clone3 needs Linux 5.7");
    QVERIFY2(pid >= 0, std::strerror(errno));
    if (pid == 0) {
        ::pause();
        ::_exit(0);
    }
    guard.child = static_cast<pid_t>(pid);
    auto procs = m.processes();
    VERIFY_OK(procs);
    QCOMPARE(*procs, std::vector<pid_t>{guard.child});
    QVERIFY(readText("/proc/" + std::to_string(pid) + "/cgroup").find("0::/" + m.path() + "\n") != std::string::npos);
}

QTEST_APPLESS_MAIN(TestCgroupV2Real)
#include "tst_runtime_cgroup_v2_real.moc"
