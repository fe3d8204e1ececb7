// The v2 backend against fixture trees: controller enabling down the path, the files it writes,
// stats parsing, freezing via cgroup.freeze/cgroup.events, and destroy's refusals.
#include "verify_ok.h"
#include "cgroup_fixture.h"
#include "runtime/cgroups/cgroup_manager.h"

#include <QtTest>

#include <csignal>
#include <thread>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;

namespace {

constexpr std::int64_t MiB = 1 << 20;
const std::string kLeafControllers = "cpu io memory pids";

std::string trimmed(const fs::path& p) {
    auto s = readText(p);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

std::unique_ptr<CgroupManager> manager(const CgroupLayout& layout, const std::string& rel = "berth/c1") {
    auto m = makeCgroupManager(layout, rel);
    if (!m) qFatal("makeCgroupManager: %s", m.error().message.c_str());
    return std::move(*m);
}

// Root plus berth/ and berth/c1 as the kernel would show them once controllers are enabled.
CgroupLayout fixture(const TempDir& t, const std::string& rootControllers = "cpuset cpu io memory hugetlb pids") {
    auto layout = v2FixtureLayout(t / "unified", rootControllers);
    populateV2(t / "unified/berth", kLeafControllers);
    populateV2(t / "unified/berth/c1", kLeafControllers);
    return layout;
}


} // namespace

class TestCgroupV2 : public QObject {
    Q_OBJECT
private slots:
    void createEnablesControllersAndWritesLimits();
    void enabledControllersAreNotRewritten();
    void onlyAvailableControllersAreEnabled();
    void weightFromShares_data();
    void weightFromShares();
    void swapMax_data();
    void swapMax();
    void unlimitedValues();
    void missingControllerIsUnsupported();
    void statsFromFixtureFiles();
    void freezeWaitsForEvents();
    void freezeTimesOutAndThaws();
    void killAllUsesCgroupKill();
    void destroyRefusesWithProcesses();
    void destroyRemovesOnlyWhatItCreated();
};

void TestCgroupV2::createEnablesControllersAndWritesLimits() {
    TempDir t;
    auto m = manager(fixture(t));
    Resources r;
    r.memoryBytes = 64 * MiB;
    r.memorySwapBytes = 128 * MiB;
    r.cpus = 0.5;
    r.cpuShares = 512;
    r.pidsLimit = 20;
    VERIFY_OK(m->create(r));
    QCOMPARE(trimmed(t / "unified/cgroup.subtree_control"), std::string("+cpu +io +memory +pids"));
    QCOMPARE(trimmed(t / "unified/berth/cgroup.subtree_control"), std::string("+cpu +io +memory +pids"));
    QCOMPARE(trimmed(t / "unified/berth/c1/cgroup.subtree_control"), std::string("")); // the leaf keeps none
    QCOMPARE(trimmed(t / "unified/berth/c1/memory.max"), std::to_string(64 * MiB));
    QCOMPARE(trimmed(t / "unified/berth/c1/memory.swap.max"), std::to_string(64 * MiB)); // swap alone
    QCOMPARE(trimmed(t / "unified/berth/c1/cpu.max"), std::string("50000 100000"));
    QCOMPARE(trimmed(t / "unified/berth/c1/cpu.weight"), std::string("20"));
    QCOMPARE(trimmed(t / "unified/berth/c1/pids.max"), std::string("20"));
    QCOMPARE(trimmed(t / "unified/berth/c1/cgroup.freeze"), std::string("0"));
    QCOMPARE(m->directories(), std::vector<fs::path>{t / "unified/berth/c1"});
}

void TestCgroupV2::enabledControllersAreNotRewritten() {
    TempDir t;
    auto layout = fixture(t);
    writeText(t / "unified/cgroup.subtree_control", "cpu io memory pids\n");
    writeText(t / "unified/berth/cgroup.subtree_control", "cpu memory\n");
    VERIFY_OK(manager(layout)->create({}));
    QCOMPARE(trimmed(t / "unified/cgroup.subtree_control"), std::string("cpu io memory pids"));
    QCOMPARE(trimmed(t / "unified/berth/cgroup.subtree_control"), std::string("+io +pids"));
}

void TestCgroupV2::onlyAvailableControllersAreEnabled() {
    TempDir t;
    auto layout = fixture(t, "cpu memory hugetlb");
    writeText(t / "unified/berth/cgroup.controllers", "cpu memory\n");
    VERIFY_OK(manager(layout)->create({}));
    QCOMPARE(trimmed(t / "unified/cgroup.subtree_control"), std::string("+cpu +memory"));
    QCOMPARE(trimmed(t / "unified/berth/cgroup.subtree_control"), std::string("+cpu +memory"));
}

void TestCgroupV2::weightFromShares_data() {
    QTest::addColumn<quint64>("shares");
    QTest::addColumn<quint64>("weight");
    QTest::newRow("minimum") << 2ull << 1ull;
    QTest::newRow("docker default 1024") << 1024ull << 39ull;
    QTest::newRow("512") << 512ull << 20ull;
    QTest::newRow("maximum") << 262144ull << 10000ull;
    QTest::newRow("below minimum clamps") << 0ull << 1ull;
    QTest::newRow("above maximum clamps") << 10000000ull << 10000ull;
}

void TestCgroupV2::weightFromShares() {
    QFETCH(quint64, shares);
    QFETCH(quint64, weight);
    QCOMPARE(quint64(cpuWeightFromShares(shares)), weight);
    TempDir t;
    Resources r;
    r.cpuShares = shares;
    VERIFY_OK(manager(fixture(t))->create(r));
    QCOMPARE(trimmed(t / "unified/berth/c1/cpu.weight"), std::to_string(weight));
}

void TestCgroupV2::swapMax_data() {
    QTest::addColumn<qint64>("memory");
    QTest::addColumn<qint64>("memorySwap");
    QTest::addColumn<QString>("written");
    QTest::newRow("twice memory") << qint64(64 * MiB) << qint64(128 * MiB) << QString::number(64 * MiB);
    QTest::newRow("equal: no swap") << qint64(64 * MiB) << qint64(64 * MiB) << QStringLiteral("0");
    QTest::newRow("unlimited swap") << qint64(64 * MiB) << qint64(-1) << QStringLiteral("max");
    QTest::newRow("both unlimited") << qint64(-1) << qint64(-1) << QStringLiteral("max");
}

void TestCgroupV2::swapMax() {
    QFETCH(qint64, memory);
    QFETCH(qint64, memorySwap);
    QFETCH(QString, written);
    TempDir t;
    Resources r;
    r.memoryBytes = memory;
    r.memorySwapBytes = memorySwap;
    VERIFY_OK(manager(fixture(t))->create(r));
    QCOMPARE(QString::fromStdString(trimmed(t / "unified/berth/c1/memory.swap.max")), written);
    QVERIFY(!swapMaxFromMemorySwap(32 * MiB, 64 * MiB));
}

void TestCgroupV2::unlimitedValues() {
    TempDir t;
    auto m = manager(fixture(t));
    Resources r;
    r.memoryBytes = 64 * MiB;
    r.cpus = 2;
    r.pidsLimit = 5;
    VERIFY_OK(m->create(r));
    Resources u;
    u.memoryBytes = -1;
    u.cpus = 0;
    u.pidsLimit = 0;
    VERIFY_OK(m->update(u));
    QCOMPARE(trimmed(t / "unified/berth/c1/memory.max"), std::string("max"));
    QCOMPARE(trimmed(t / "unified/berth/c1/cpu.max"), std::string("max 100000"));
    QCOMPARE(trimmed(t / "unified/berth/c1/pids.max"), std::string("max"));
}

void TestCgroupV2::missingControllerIsUnsupported() {
    TempDir t;
    auto layout = v2FixtureLayout(t / "unified", "io pids");
    Resources r;
    r.memoryBytes = 64 * MiB;
    auto created = manager(layout)->create(r);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::Unsupported);
    QVERIFY(created.error().message.find("memory controller is not available") != std::string::npos);
    QVERIFY(!fs::exists(t / "unified/berth"));
    QCOMPARE(trimmed(t / "unified/cgroup.subtree_control"), std::string(""));
}

void TestCgroupV2::statsFromFixtureFiles() {
    TempDir t;
    auto layout = fixture(t);
    fs::path c = t / "unified/berth/c1";
    writeText(c / "cpu.stat", "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 9\nnr_throttled 4\n"
                              "throttled_usec 7\nnr_bursts 0\nburst_usec 0\n");
    writeText(c / "memory.current", "10485760\n");
    writeText(c / "memory.max", "67108864\n");
    writeText(c / "memory.peak", "20971520\n");
    writeText(c / "memory.stat", "anon 4096\nfile 3145728\nkernel 8192\nactive_file 1048576\ninactive_file 2097152\n");
    writeText(c / "memory.events", "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");
    writeText(c / "pids.current", "3\n");
    writeText(c / "pids.max", "max\n");
    writeText(c / "io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n"
                             "8:16 rbytes=1 wbytes=2 rios=1 wios=1 dbytes=0 dios=0\n");
    auto s = manager(layout)->stats();
    QVERIFY2(s, s ? "" : s.error().message.c_str());
    QCOMPARE(s->cpuUsageNanos, std::uint64_t(2500000));
    QCOMPARE(s->cpuUserNanos, std::uint64_t(2000000));
    QCOMPARE(s->cpuSystemNanos, std::uint64_t(500000));
    QCOMPARE(s->cpuPeriods, std::uint64_t(9));
    QCOMPARE(s->cpuThrottledPeriods, std::uint64_t(4));
    QCOMPARE(s->cpuThrottledNanos, std::uint64_t(7000));
    QCOMPARE(s->memoryUsageRaw, std::uint64_t(10485760));
    QCOMPARE(s->memoryUsage, std::uint64_t(10485760 - 2097152));
    QCOMPARE(s->memoryCache, std::uint64_t(3145728));
    QCOMPARE(s->memoryLimit, std::uint64_t(67108864));
    QCOMPARE(s->memoryMaxUsage, std::uint64_t(20971520));
    QCOMPARE(s->oomKills, std::uint64_t(1));
    QCOMPARE(s->pidsCurrent, std::uint64_t(3));
    QCOMPARE(s->pidsLimit, std::uint64_t(0));
    QCOMPARE(s->blkioReadBytes, std::uint64_t(4097));
    QCOMPARE(s->blkioWriteBytes, std::uint64_t(8194));
    // inactive_file larger than usage (racy reads): usage is not reduced below zero.
    writeText(c / "memory.stat", "file 0\ninactive_file 99999999\n");
    s = manager(layout)->stats();
    QVERIFY(s);
    QCOMPARE(s->memoryUsage, std::uint64_t(10485760));
}

void TestCgroupV2::freezeWaitsForEvents() {
    TempDir t;
    auto m = manager(fixture(t));
    fs::path events = t / "unified/berth/c1/cgroup.events";
    // The kernel reports "frozen 1" a little after the write; play that from another thread.
    std::thread kernel([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        writeText(events, "populated 1\nfrozen 1\n");
    });
    auto frozen = m->freeze();
    kernel.join();
    QVERIFY2(frozen, frozen ? "" : frozen.error().message.c_str());
    QCOMPARE(trimmed(t / "unified/berth/c1/cgroup.freeze"), std::string("1"));
    auto is = m->isFrozen();
    QVERIFY(is && *is);
    writeText(events, "populated 1\nfrozen 0\n");
    VERIFY_OK(m->thaw());
    QCOMPARE(trimmed(t / "unified/berth/c1/cgroup.freeze"), std::string("0"));
}

void TestCgroupV2::freezeTimesOutAndThaws() {
    TempDir t;
    auto m = manager(fixture(t)); // cgroup.events keeps saying "frozen 0"
    auto frozen = m->freeze();
    QVERIFY(!frozen);
    QCOMPARE(frozen.error().code, ErrorCode::Busy);
    QVERIFY(frozen.error().message.starts_with("freezing cgroup berth/c1: the kernel did not settle"));
    QCOMPARE(trimmed(t / "unified/berth/c1/cgroup.freeze"), std::string("0"));
}

void TestCgroupV2::killAllUsesCgroupKill() {
    TempDir t;
    auto m = manager(fixture(t));
    VERIFY_OK(m->killAll(SIGKILL));
    QCOMPARE(trimmed(t / "unified/berth/c1/cgroup.kill"), std::string("1"));
}

void TestCgroupV2::destroyRefusesWithProcesses() {
    TempDir t;
    auto m = manager(fixture(t));
    VERIFY_OK(m->create({}));
    VERIFY_OK(m->addProcess(31337));
    QCOMPARE(trimmed(t / "unified/berth/c1/cgroup.procs"), std::string("31337"));
    auto procs = m->processes();
    QVERIFY(procs && *procs == std::vector<pid_t>{31337});
    auto destroyed = m->destroy();
    QVERIFY(!destroyed);
    QCOMPARE(destroyed.error().code, ErrorCode::Busy);
    QCOMPARE(destroyed.error().message, std::string("removing cgroup berth/c1: 1 processes remain (31337)"));
    emptyDir(t / "unified/berth/c1");
    VERIFY_OK(m->destroy());
    QVERIFY(!fs::exists(t / "unified/berth/c1"));
    QVERIFY(fs::exists(t / "unified/berth")); // not created by this manager (the fixture made it)
}

void TestCgroupV2::destroyRemovesOnlyWhatItCreated() {
    TempDir t;
    auto layout = v2FixtureLayout(t / "unified", "cpu memory");
    // No berth/ yet: create() makes it, but a fixture directory has no cgroup.controllers, so the
    // second level cannot be enabled. Use a single-level path to see creation and removal.
    auto m = manager(layout, "c9");
    VERIFY_OK(m->create({}));
    QVERIFY(fs::is_directory(t / "unified/c9"));
    VERIFY_OK(m->destroy());
    QVERIFY(!fs::exists(t / "unified/c9"));
    QVERIFY(fs::exists(t / "unified/cgroup.controllers"));
}

QTEST_APPLESS_MAIN(TestCgroupV2)
#include "tst_runtime_cgroup_v2.moc"
