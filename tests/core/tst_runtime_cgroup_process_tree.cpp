// The no-cgroup backend's reading of /proc on fixture trees: stat, smaps_rollup and statm parsing,
// the process-tree walk (by parent pid and by pid namespace), and ProcessTreeManager's listing,
// summed stats and refusal of limits. Nothing here sends a signal: fixture pids are not ours.
#include "runtime/cgroups/cgroup_manager.h"
#include "runtime/cgroups/process_tree.h"
#include "test_env.h"
#include "verify_ok.h"

#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

struct FakeProcess {
    pid_t pid = 0, ppid = 0;
    char state = 'S';
    std::uint64_t utime = 0, stime = 0, cutime = 0, cstime = 0, threads = 1;
    std::string pidNs = "pid:[4026531836]";
    std::string comm = "sh";
};

std::string statLine(const FakeProcess& p) {
    return std::to_string(p.pid) + " (" + p.comm + ") " + p.state + " " + std::to_string(p.ppid) +
           " 1 1 0 -1 4194304 10 0 0 0 " + std::to_string(p.utime) + " " + std::to_string(p.stime) + " " +
           std::to_string(p.cutime) + " " + std::to_string(p.cstime) + " 20 0 " + std::to_string(p.threads) +
           " 0 12345 1000 100 18446744073709551615\n";
}

void addProcess(const fs::path& proc, const FakeProcess& p) {
    fs::path dir = proc / std::to_string(p.pid);
    fs::create_directories(dir / "ns");
    writeText(dir / "stat", statLine(p));
    fs::create_symlink(p.pidNs, dir / "ns" / "pid");
}

// procRoot/self as the reader's own process, in the host's pid namespace.
void addSelf(const fs::path& proc, const std::string& pidNs = "pid:[4026531836]") {
    fs::create_directories(proc / "self" / "ns");
    fs::create_symlink(pidNs, proc / "self" / "ns" / "pid");
}

std::vector<pid_t> pids(std::initializer_list<pid_t> list) {
    return list;
}

} // namespace

class TestCgroupProcessTree : public QObject {
    Q_OBJECT
private slots:
    void statParses_data();
    void statParses();
    void statMalformed_data();
    void statMalformed();
    void memoryFiles();
    void treeFollowsParents();
    void treeAddsPidNamespaceMembers();
    void treeOfGoneRootIsEmpty();
    void managerChecksTheShim();
    void managerSumsStats();
    void managerRefusesLimits_data();
    void managerRefusesLimits();
    void managerWithoutInitListsNothing();
    void placementIsChosenInOnePlace();
};

void TestCgroupProcessTree::statParses_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("pid");
    QTest::addColumn<int>("ppid");
    QTest::addColumn<QString>("state");
    QTest::addColumn<qulonglong>("ticks"); // user + system + children's
    QTest::addColumn<qulonglong>("threads");
    FakeProcess plain{42, 7, 'R', 100, 20, 3, 4, 5};
    QTest::newRow("plain") << QString::fromStdString(statLine(plain)) << 42 << 7 << "R" << qulonglong(127)
                           << qulonglong(5);
    FakeProcess spaced{9, 1, 'T', 1, 2, 0, 0, 1};
    spaced.comm = "my prog) S 99 (x";
    QTest::newRow("name with spaces and parens")
        << QString::fromStdString(statLine(spaced)) << 9 << 1 << "T" << qulonglong(3) << qulonglong(1);
    QTest::newRow("negative child times read as zero")
        << "5 (a) S 1 1 1 0 -1 0 0 0 0 0 7 8 -1 -2 20 0 1 0 1 1 1\n"
        << 5 << 1 << "S" << qulonglong(15) << qulonglong(1);
}

void TestCgroupProcessTree::statParses() {
    QFETCH(QString, line);
    auto s = parseProcessStat(line.toStdString());
    VERIFY_OK(s);
    QFETCH(int, pid);
    QFETCH(int, ppid);
    QFETCH(QString, state);
    QFETCH(qulonglong, ticks);
    QFETCH(qulonglong, threads);
    QCOMPARE(s->pid, pid);
    QCOMPARE(s->ppid, ppid);
    QCOMPARE(QString(QChar(s->state)), state);
    QCOMPARE(qulonglong(s->userTicks + s->systemTicks + s->childUserTicks + s->childSystemTicks), ticks);
    QCOMPARE(qulonglong(s->threads), threads);
}

void TestCgroupProcessTree::statMalformed_data() {
    QTest::addColumn<QString>("line");
    QTest::newRow("empty") << "";
    QTest::newRow("no name") << "5 S 1 1 1 0 -1 0 0 0 0 0 7 8 1 2 20 0 1 0 1 1 1";
    QTest::newRow("truncated") << "5 (a) S 1 1 1 0 -1 0 0 0 0 0 7 8";
    QTest::newRow("letters for ticks") << "5 (a) S 1 1 1 0 -1 0 0 0 0 0 x 8 1 2 20 0 1 0 1 1 1";
    QTest::newRow("pid not a number") << "five (a) S 1 1 1 0 -1 0 0 0 0 0 7 8 1 2 20 0 1 0 1 1 1";
    QTest::newRow("long state") << "5 (a) SS 1 1 1 0 -1 0 0 0 0 0 7 8 1 2 20 0 1 0 1 1 1";
}

void TestCgroupProcessTree::statMalformed() {
    QFETCH(QString, line);
    auto s = parseProcessStat(line.toStdString());
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::Corrupt);
}

void TestCgroupProcessTree::memoryFiles() {
    QCOMPARE(parseSmapsRollupPss("00400000-7ffd [rollup]\nRss:  1756 kB\nPss:   220 kB\nPss_Anon: 112 kB\n"),
             std::uint64_t(220 * 1024));
    QCOMPARE(parseSmapsRollupPss("Rss: 1756 kB\n"), std::uint64_t(0));
    auto statm = parseStatmResident("765 383 338 5 0 102 0\n", 4096);
    VERIFY_OK(statm);
    QCOMPARE(*statm, std::uint64_t(383 * 4096));
    QVERIFY(!parseStatmResident("765\n", 4096));

    // readProcessMemory prefers Pss and falls back to statm when smaps_rollup is unreadable.
    TempDir t;
    fs::create_directories(t / "10");
    writeText(t / "10/smaps_rollup", "Pss: 8 kB\n");
    writeText(t / "10/statm", "100 50 0 0 0 0 0\n");
    QCOMPARE(readProcessMemory(t.path(), 10, 4096), std::uint64_t(8 * 1024));
    fs::remove(t / "10/smaps_rollup");
    QCOMPARE(readProcessMemory(t.path(), 10, 4096), std::uint64_t(50 * 4096));
    QCOMPARE(readProcessMemory(t.path(), 11, 4096), std::uint64_t(0));
}

void TestCgroupProcessTree::treeFollowsParents() {
    TempDir t;
    addSelf(t.path());
    // 100 → 101 → 103, 100 → 102; 200 is a sibling of 100 (both children of 50); 300 unrelated.
    for (auto [pid, ppid] : std::initializer_list<std::pair<pid_t, pid_t>>{
             {50, 1}, {100, 50}, {101, 100}, {102, 100}, {103, 101}, {200, 50}, {300, 1}})
        addProcess(t.path(), {pid, ppid});
    QCOMPARE(processTree(t.path(), 100), pids({100, 101, 102, 103}));
    QCOMPARE(processTree(t.path(), 101), pids({101, 103}));
    QCOMPARE(processTree(t.path(), 103), pids({103}));
    // Entries that are not processes, or whose stat is unreadable (exited mid-walk), are skipped.
    fs::create_directories(t / "sys");
    fs::create_directories(t / "104");
    QCOMPARE(processTree(t.path(), 100), pids({100, 101, 102, 103}));
}

void TestCgroupProcessTree::treeAddsPidNamespaceMembers() {
    TempDir t;
    addSelf(t.path());
    const std::string container = "pid:[4026532999]";
    addProcess(t.path(), {90, 1});                                            // the shim
    addProcess(t.path(), {100, 90, 'S', 0, 0, 0, 0, 1, container});           // the container's init
    addProcess(t.path(), {101, 100, 'S', 0, 0, 0, 0, 1, container});          // its child
    addProcess(t.path(), {400, 1});                                           // berth exec's helper, outside
    addProcess(t.path(), {401, 400, 'S', 0, 0, 0, 0, 1, container});          // what exec started inside
    addProcess(t.path(), {402, 401, 'S', 0, 0, 0, 0, 1, "pid:[4026533000]"}); // a nested namespace below it
    addProcess(t.path(), {500, 1, 'S', 0, 0, 0, 0, 1, "pid:[4026533001]"});   // another container
    QCOMPARE(processTree(t.path(), 100), pids({100, 101, 401, 402}));

    // In the reader's own namespace (no pid namespace of its own) only descendants count.
    TempDir h;
    addSelf(h.path());
    addProcess(h.path(), {100, 90});
    addProcess(h.path(), {101, 100});
    addProcess(h.path(), {401, 400});
    QCOMPARE(processTree(h.path(), 100), pids({100, 101}));
}

void TestCgroupProcessTree::treeOfGoneRootIsEmpty() {
    TempDir t;
    addSelf(t.path());
    addProcess(t.path(), {101, 100});
    QVERIFY(processTree(t.path(), 100).empty());
    QVERIFY(processTree(t.path(), 0).empty());
    QVERIFY(processTree(t / "missing", 100).empty());
}

void TestCgroupProcessTree::managerChecksTheShim() {
    TempDir t;
    addSelf(t.path());
    addProcess(t.path(), {100, 90});
    addProcess(t.path(), {101, 100});
    CgroupPlacement placement = choosePlacement(CgroupLayout{}, true, std::nullopt);
    placement.procRoot = t.path();

    auto right = makeContainerCgroupManager(placement, "c1", {100, 90});
    VERIFY_OK(right);
    auto listed = (*right)->processes();
    VERIFY_OK(listed);
    QCOMPARE(*listed, pids({100, 101}));

    // The recorded pid now belongs to a process whose parent is not the shim: a reused pid.
    auto reused = makeContainerCgroupManager(placement, "c1", {100, 91});
    VERIFY_OK(reused);
    listed = (*reused)->processes();
    VERIFY_OK(listed);
    QVERIFY(listed->empty());

    // The shim's own manager starts without an init; addProcess records it (again on a restart).
    auto shim = makeContainerCgroupManager(placement, "c1", {0, 90});
    VERIFY_OK(shim);
    VERIFY_OK((*shim)->create({}));
    QVERIFY((*shim)->processes()->empty());
    VERIFY_OK((*shim)->addProcess(100));
    QCOMPARE(*(*shim)->processes(), pids({100, 101}));
    QVERIFY((*shim)->directories().empty());
    VERIFY_OK((*shim)->destroy());
    VERIFY_OK((*shim)->destroy());
    QVERIFY(fs::exists(t / "100/stat")); // destroy touched nothing
}

void TestCgroupProcessTree::managerSumsStats() {
    TempDir t;
    addSelf(t.path());
    addProcess(t.path(), {100, 90, 'S', 300, 100, 50, 10, 1});
    addProcess(t.path(), {101, 100, 'R', 200, 0, 0, 0, 4});
    addProcess(t.path(), {300, 1, 'R', 9999, 9999, 0, 0, 9}); // not the container's
    writeText(t / "100/smaps_rollup", "Rss: 4000 kB\nPss: 1000 kB\n");
    writeText(t / "101/statm", "1000 256 0 0 0 0 0\n");
    writeText(t / "300/smaps_rollup", "Pss: 99999 kB\n");
    CgroupPlacement placement = choosePlacement(CgroupLayout{}, true, std::nullopt);
    placement.procRoot = t.path();
    auto m = makeContainerCgroupManager(placement, "c1", {100, 90});
    VERIFY_OK(m);
    auto s = (*m)->stats();
    VERIFY_OK(s);
    const std::uint64_t tick = 1000000000ULL / std::uint64_t(::sysconf(_SC_CLK_TCK));
    QCOMPARE(s->cpuUserNanos, (300 + 50 + 200) * tick);
    QCOMPARE(s->cpuSystemNanos, (100 + 10) * tick);
    QCOMPARE(s->cpuUsageNanos, (300 + 50 + 200 + 100 + 10) * tick);
    QCOMPARE(s->pidsCurrent, std::uint64_t(5));
    const std::uint64_t page = std::uint64_t(::sysconf(_SC_PAGESIZE));
    QCOMPARE(s->memoryUsage, 1000 * 1024 + 256 * page);
    QCOMPARE(s->memoryUsageRaw, s->memoryUsage);
    QCOMPARE(s->memoryLimit, std::uint64_t(0));
    QCOMPARE(s->pidsLimit, std::uint64_t(0));

    // Both stopped: frozen. One running: not.
    auto frozen = (*m)->isFrozen();
    VERIFY_OK(frozen);
    QVERIFY(!*frozen);
    writeText(t / "100/stat", statLine({100, 90, 'T'}));
    writeText(t / "101/stat", statLine({101, 100, 'T'}));
    QVERIFY(*(*m)->isFrozen());
}

void TestCgroupProcessTree::managerRefusesLimits_data() {
    QTest::addColumn<QString>("flag");
    QTest::addColumn<bool>("rootless");
    QTest::newRow("memory") << "--memory" << true;
    QTest::newRow("cpus") << "--cpus" << true;
    QTest::newRow("cpu-shares") << "--cpu-shares" << true;
    QTest::newRow("pids-limit") << "--pids-limit" << true;
    QTest::newRow("memory as root without hierarchy") << "--memory" << false;
}

void TestCgroupProcessTree::managerRefusesLimits() {
    QFETCH(QString, flag);
    QFETCH(bool, rootless);
    Resources r;
    if (flag == QLatin1String("--memory")) r.memoryBytes = 64 << 20;
    if (flag == QLatin1String("--cpus")) r.cpus = 0.5;
    if (flag == QLatin1String("--cpu-shares")) r.cpuShares = 512;
    if (flag == QLatin1String("--pids-limit")) r.pidsLimit = 10;
    auto placement = choosePlacement(CgroupLayout{}, rootless, std::nullopt);
    QCOMPARE(placement.mode, CgroupMode::ProcessTree);
    auto m = makeContainerCgroupManager(placement, "web", {});
    VERIFY_OK(m);
    for (bool update : {false, true}) {
        auto refused = update ? (*m)->update(r) : (*m)->create(r);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Unsupported);
        const std::string& msg = refused.error().message;
        QVERIFY2(msg.starts_with("container web: " + flag.toStdString() + " needs "), msg.c_str());
        QVERIFY2(msg.find('\n') == std::string::npos, msg.c_str());
        if (rootless)
            QCOMPARE(
                msg,
                "container web: " + flag.toStdString() +
                    " needs a cgroup delegated to your user (cgroup v2 with systemd); this machine has none "
                    "— run without limits, or as root");
        else
            QVERIFY2(msg.find("as root") == std::string::npos, msg.c_str());
    }
    // Invalid values are still invalid, before the refusal.
    Resources bad;
    bad.cpus = 0.001;
    QCOMPARE((*m)->create(bad).error().code, ErrorCode::InvalidArgument);
}

void TestCgroupProcessTree::managerWithoutInitListsNothing() {
    auto m = makeContainerCgroupManager(choosePlacement(CgroupLayout{}, true, std::nullopt), "c1", {});
    VERIFY_OK(m);
    QVERIFY((*m)->processes()->empty());
    auto s = (*m)->stats();
    VERIFY_OK(s);
    QCOMPARE(s->cpuUsageNanos, std::uint64_t(0));
    QVERIFY(!*(*m)->isFrozen());
    VERIFY_OK((*m)->killAll(SIGKILL)); // nothing to signal
    // Ids that are not one path component are refused before any backend sees them.
    QCOMPARE(makeContainerCgroupManager(choosePlacement(CgroupLayout{}, true, std::nullopt), "../x", {})
                 .error()
                 .code,
             ErrorCode::InvalidArgument);
    QCOMPARE(makeContainerCgroupManager(choosePlacement(CgroupLayout{}, true, std::nullopt), "a/b", {})
                 .error()
                 .code,
             ErrorCode::InvalidArgument);
}

void TestCgroupProcessTree::placementIsChosenInOnePlace() {
    CgroupLayout v1;
    v1.version = CgroupVersion::V1;
    v1.v1Mounts["memory"] = "/sys/fs/cgroup/memory";
    DelegatedCgroup delegated{"/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service",
                              {"memory", "pids"}};

    // Root: the host's layout, delegation or not.
    auto root = choosePlacement(v1, false, delegated);
    QCOMPARE(root.mode, CgroupMode::Host);
    QCOMPARE(root.layout.v1Mounts, v1.v1Mounts);
    // Root without any hierarchy: no cgroup, but still a manager.
    QCOMPARE(choosePlacement(CgroupLayout{}, false, std::nullopt).mode, CgroupMode::ProcessTree);
    // Rootless: the delegated subtree as a v2 layout with its enabled controllers.
    auto rootless = choosePlacement(v1, true, delegated);
    QCOMPARE(rootless.mode, CgroupMode::Delegated);
    QCOMPARE(rootless.layout.version, CgroupVersion::V2);
    QCOMPARE(rootless.layout.unifiedRoot, delegated.dir);
    QCOMPARE(rootless.layout.v2Controllers, delegated.controllers);
    // Rootless with nothing delegated (v1 hosts): no cgroup, even where the host has hierarchies.
    QCOMPARE(choosePlacement(v1, true, std::nullopt).mode, CgroupMode::ProcessTree);
    QCOMPARE(std::string(cgroupModeName(CgroupMode::ProcessTree)), std::string("none"));
}

QTEST_APPLESS_MAIN(TestCgroupProcessTree)
#include "tst_runtime_cgroup_process_tree.moc"
