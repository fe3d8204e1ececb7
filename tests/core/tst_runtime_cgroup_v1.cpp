// The v1 backend against fixture trees: what it writes for each resource, how it reads stats,
// freezing, and destroy's refusals. The real-kernel run is tests/integration/tst_runtime_cgroup_real.cpp.
#include "verify_ok.h"
#include "cgroup_fixture.h"
#include "runtime/cgroups/cgroup_manager.h"
#include "runtime/cgroups/cgroup_v1_controllers.h"

#include <QtTest>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;

namespace {

constexpr std::int64_t MiB = 1 << 20;

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


} // namespace

class TestCgroupV1 : public QObject {
    Q_OBJECT
private slots:
    void createWritesLimits();
    void unlimitedValues();
    void sharesAreClamped_data();
    void sharesAreClamped();
    void swapSkippedWithoutSwapAccounting();
    void updateTouchesOnlySetFields();
    void joinedCpuHierarchyUsedOnce();
    void invalidResources_data();
    void invalidResources();
    void invalidPath_data();
    void invalidPath();
    void missingControllerIsUnsupported();
    void addProcessWritesEveryHierarchy();
    void statsFromFixtureFiles();
    void statsOfMissingCgroup();
    void cpuacctTicks();
    void freezeAndThaw();
    void freezeWithoutFreezerIsUnsupported();
    void destroyRefusesWithProcesses();
    void destroyRemovesOnlyWhatItCreated();
};

void TestCgroupV1::createWritesLimits() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    populateV1Tree(layout, "berth/c1");
    auto m = manager(layout);
    Resources r;
    r.memoryBytes = 64 * MiB;
    r.memorySwapBytes = 128 * MiB;
    r.cpus = 0.5;
    r.cpuShares = 512;
    r.pidsLimit = 20;
    VERIFY_OK(m->create(r));
    QCOMPARE(trimmed(t / "memory/berth/c1/memory.limit_in_bytes"), std::to_string(64 * MiB));
    QCOMPARE(trimmed(t / "memory/berth/c1/memory.memsw.limit_in_bytes"), std::to_string(128 * MiB));
    QCOMPARE(trimmed(t / "cpu/berth/c1/cpu.cfs_period_us"), std::string("100000"));
    QCOMPARE(trimmed(t / "cpu/berth/c1/cpu.cfs_quota_us"), std::string("50000"));
    QCOMPARE(trimmed(t / "cpu/berth/c1/cpu.shares"), std::string("512"));
    QCOMPARE(trimmed(t / "pids/berth/c1/pids.max"), std::string("20"));
    // Nothing else is written: no clone_children, no freezer state.
    QCOMPARE(trimmed(t / "freezer/berth/c1/freezer.state"), std::string("THAWED"));
    QVERIFY(!fs::exists(t / "memory/berth/cgroup.clone_children"));
    QCOMPARE(m->path(), std::string("berth/c1"));
    QCOMPARE(m->directories().size(), std::size_t(6));
}

void TestCgroupV1::unlimitedValues() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    populateV1Tree(layout, "c");
    auto m = manager(layout, "c");
    Resources r;
    r.memoryBytes = -1;
    r.memorySwapBytes = -1;
    r.cpus = 0;
    r.pidsLimit = 0;
    VERIFY_OK(m->create(r));
    QCOMPARE(trimmed(t / "memory/c/memory.limit_in_bytes"), std::string("-1"));
    QCOMPARE(trimmed(t / "memory/c/memory.memsw.limit_in_bytes"), std::string("-1"));
    QCOMPARE(trimmed(t / "cpu/c/cpu.cfs_quota_us"), std::string("-1"));
    QCOMPARE(trimmed(t / "pids/c/pids.max"), std::string("max"));
    r = {};
    r.pidsLimit = -1;
    r.cpus = 2.5;
    VERIFY_OK(m->update(r));
    QCOMPARE(trimmed(t / "pids/c/pids.max"), std::string("max"));
    QCOMPARE(trimmed(t / "cpu/c/cpu.cfs_quota_us"), std::string("250000"));
}

void TestCgroupV1::sharesAreClamped_data() {
    QTest::addColumn<quint64>("shares");
    QTest::addColumn<QString>("written");
    QTest::newRow("zero") << 0ull << QStringLiteral("2");
    QTest::newRow("minimum") << 2ull << QStringLiteral("2");
    QTest::newRow("default") << 1024ull << QStringLiteral("1024");
    QTest::newRow("above maximum") << 1000000ull << QStringLiteral("262144");
}

void TestCgroupV1::sharesAreClamped() {
    QFETCH(quint64, shares);
    QFETCH(QString, written);
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    populateV1Tree(layout, "c");
    Resources r;
    r.cpuShares = shares;
    VERIFY_OK(manager(layout, "c")->create(r));
    QCOMPARE(QString::fromStdString(trimmed(t / "cpu/c/cpu.shares")), written);
}

void TestCgroupV1::swapSkippedWithoutSwapAccounting() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    populateV1Tree(layout, "c");
    fs::remove(t / "memory/c/memory.memsw.limit_in_bytes"); // kernel booted without swapaccount
    Resources r;
    r.memoryBytes = 32 * MiB;
    r.memorySwapBytes = 64 * MiB;
    VERIFY_OK(manager(layout, "c")->create(r));
    QCOMPARE(trimmed(t / "memory/c/memory.limit_in_bytes"), std::to_string(32 * MiB));
    QVERIFY(!fs::exists(t / "memory/c/memory.memsw.limit_in_bytes"));
}

void TestCgroupV1::updateTouchesOnlySetFields() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    populateV1Tree(layout, "c");
    auto m = manager(layout, "c");
    Resources r;
    r.memoryBytes = 64 * MiB;
    r.cpus = 1;
    VERIFY_OK(m->create(r));
    Resources u;
    u.pidsLimit = 99;
    VERIFY_OK(m->update(u));
    QCOMPARE(trimmed(t / "pids/c/pids.max"), std::string("99"));
    QCOMPARE(trimmed(t / "memory/c/memory.limit_in_bytes"), std::to_string(64 * MiB));
    QCOMPARE(trimmed(t / "cpu/c/cpu.cfs_quota_us"), std::string("100000"));
    // Raising memory above the current memsw limit (unlimited here) writes memory and memsw.
    writeText(t / "memory/c/memory.memsw.limit_in_bytes", "134217728\n");
    Resources up;
    up.memoryBytes = 256 * MiB;
    up.memorySwapBytes = 512 * MiB;
    VERIFY_OK(m->update(up));
    QCOMPARE(trimmed(t / "memory/c/memory.limit_in_bytes"), std::to_string(256 * MiB));
    QCOMPARE(trimmed(t / "memory/c/memory.memsw.limit_in_bytes"), std::to_string(512 * MiB));
}

void TestCgroupV1::joinedCpuHierarchyUsedOnce() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path(), true);
    populateV1Tree(layout, "c");
    populateV1(t / "cpu,cpuacct/c", "cpu"); // one directory holds both controllers' files
    populateV1(t / "cpu,cpuacct/c", "cpuacct");
    auto m = manager(layout, "c");
    Resources r;
    r.cpus = 1.5;
    VERIFY_OK(m->create(r));
    QCOMPARE(trimmed(t / "cpu,cpuacct/c/cpu.cfs_quota_us"), std::string("150000"));
    QCOMPARE(m->directories().size(), std::size_t(5));
    VERIFY_OK(m->addProcess(4242));
    QCOMPARE(trimmed(t / "cpu,cpuacct/c/cgroup.procs"), std::string("4242"));
}

void TestCgroupV1::invalidResources_data() {
    QTest::addColumn<qint64>("memory");
    QTest::addColumn<qint64>("swap");
    QTest::addColumn<double>("cpus");
    // 0 means "not set" in these rows.
    QTest::newRow("swap below memory") << qint64(64 * MiB) << qint64(32 * MiB) << 0.0;
    QTest::newRow("swap without memory") << qint64(0) << qint64(32 * MiB) << 0.0;
    QTest::newRow("finite swap with unlimited memory") << qint64(-1) << qint64(32 * MiB) << 0.0;
    QTest::newRow("negative memory") << qint64(-5) << qint64(0) << 0.0;
    QTest::newRow("cpus below the kernel minimum") << qint64(0) << qint64(0) << 0.001;
    QTest::newRow("negative cpus") << qint64(0) << qint64(0) << -1.0;
}

void TestCgroupV1::invalidResources() {
    QFETCH(qint64, memory);
    QFETCH(qint64, swap);
    QFETCH(double, cpus);
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    Resources r;
    if (memory) r.memoryBytes = memory;
    if (swap) r.memorySwapBytes = swap;
    if (cpus != 0) r.cpus = cpus;
    auto created = manager(layout, "berth/c")->create(r);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::InvalidArgument);
    QVERIFY(created.error().message.starts_with("creating cgroup berth/c: "));
    QVERIFY(!fs::exists(t / "memory/berth")); // refused before any mkdir
}

void TestCgroupV1::invalidPath_data() {
    QTest::addColumn<QString>("path");
    QTest::newRow("empty") << QString();
    QTest::newRow("absolute") << QStringLiteral("/berth/c");
    QTest::newRow("dotdot") << QStringLiteral("berth/../../etc");
    QTest::newRow("dot") << QStringLiteral("./berth");
}

void TestCgroupV1::invalidPath() {
    QFETCH(QString, path);
    TempDir t;
    auto m = makeCgroupManager(v1FixtureLayout(t.path()), path.toStdString());
    QVERIFY(!m);
    QCOMPARE(m.error().code, ErrorCode::InvalidArgument);
    auto none = makeCgroupManager(CgroupLayout{}, "berth/c");
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::Unsupported);
}

void TestCgroupV1::missingControllerIsUnsupported() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path(), false, {"memory", "cpu", "cpuacct"});
    Resources r;
    r.pidsLimit = 10;
    auto created = manager(layout, "c")->create(r);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::Unsupported);
    QVERIFY(created.error().message.find("pids controller is not mounted") != std::string::npos);
    QVERIFY(!fs::exists(t / "memory/c"));
}

void TestCgroupV1::addProcessWritesEveryHierarchy() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    populateV1Tree(layout, "c");
    auto m = manager(layout, "c");
    VERIFY_OK(m->create({}));
    VERIFY_OK(m->addProcess(777));
    for (const char* c : {"memory", "cpu", "cpuacct", "pids", "freezer", "blkio"})
        QCOMPARE(trimmed(t / c / "c/cgroup.procs"), std::string("777"));
    writeText(t / "memory/c/cgroup.procs", "777\n12\n");
    auto procs = m->processes();
    VERIFY_OK(procs);
    QCOMPARE(*procs, (std::vector<pid_t>{12, 777}));
}

void TestCgroupV1::statsFromFixtureFiles() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    populateV1Tree(layout, "c");
    writeText(t / "memory/c/memory.usage_in_bytes", "10485760\n");
    writeText(t / "memory/c/memory.max_usage_in_bytes", "12582912\n");
    writeText(t / "memory/c/memory.limit_in_bytes", "67108864\n");
    writeText(t / "memory/c/memory.stat",
              "cache 100\nrss 200\ninactive_file 1\ntotal_cache 3145728\ntotal_rss 4096\n"
              "total_inactive_file 2097152\ntotal_active_file 1048576\n");
    writeText(t / "memory/c/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
    writeText(t / "cpuacct/c/cpuacct.usage", "123456789\n");
    writeText(t / "cpuacct/c/cpuacct.stat", "user 10\nsystem 5\n");
    writeText(t / "cpu/c/cpu.stat", "nr_periods 7\nnr_throttled 3\nthrottled_time 4000\nnr_bursts 0\n");
    writeText(t / "pids/c/pids.current", "3\n");
    writeText(t / "pids/c/pids.max", "20\n");
    writeText(t / "blkio/c/blkio.throttle.io_service_bytes_recursive",
              "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 12288\n8:0 Async 0\n8:0 Discard 0\n8:0 Total 12288\n"
              "8:16 Read 1\n8:16 Write 2\nTotal 12291\n");
    auto s = manager(layout, "c")->stats();
    VERIFY_OK(s);
    QCOMPARE(s->memoryUsageRaw, std::uint64_t(10485760));
    QCOMPARE(s->memoryUsage, std::uint64_t(10485760 - 2097152));
    QCOMPARE(s->memoryCache, std::uint64_t(3145728));
    QCOMPARE(s->memoryLimit, std::uint64_t(67108864));
    QCOMPARE(s->memoryMaxUsage, std::uint64_t(12582912));
    QCOMPARE(s->oomKills, std::uint64_t(2));
    QCOMPARE(s->cpuUsageNanos, std::uint64_t(123456789));
    QCOMPARE(s->cpuUserNanos, std::uint64_t(10) * 1000000000 / std::uint64_t(sysconf(_SC_CLK_TCK)));
    QCOMPARE(s->cpuPeriods, std::uint64_t(7));
    QCOMPARE(s->cpuThrottledPeriods, std::uint64_t(3));
    QCOMPARE(s->cpuThrottledNanos, std::uint64_t(4000));
    QCOMPARE(s->pidsCurrent, std::uint64_t(3));
    QCOMPARE(s->pidsLimit, std::uint64_t(20));
    QCOMPARE(s->blkioReadBytes, std::uint64_t(4097));
    QCOMPARE(s->blkioWriteBytes, std::uint64_t(8194));
    // Defaults read as "unlimited" (0), and an old kernel without oom_kill reads 0.
    writeText(t / "memory/c/memory.limit_in_bytes", kV1Unlimited);
    writeText(t / "pids/c/pids.max", "max\n");
    writeText(t / "memory/c/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\n");
    s = manager(layout, "c")->stats();
    VERIFY_OK(s);
    QCOMPARE(s->memoryLimit, std::uint64_t(0));
    QCOMPARE(s->pidsLimit, std::uint64_t(0));
    QCOMPARE(s->oomKills, std::uint64_t(0));
}

void TestCgroupV1::statsOfMissingCgroup() {
    TempDir t;
    auto s = manager(v1FixtureLayout(t.path()), "gone")->stats();
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::NotFound);
}

void TestCgroupV1::cpuacctTicks() {
    CgroupStats s;
    v1::addCpuacctStat("user 250\nsystem 100\n", 100, s);
    QCOMPARE(s.cpuUserNanos, std::uint64_t(2500000000));
    QCOMPARE(s.cpuSystemNanos, std::uint64_t(1000000000));
    v1::addCpuacctStat("user 250\nsystem 100\n", 250, s);
    QCOMPARE(s.cpuUserNanos, std::uint64_t(1000000000));
}

void TestCgroupV1::freezeAndThaw() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    populateV1Tree(layout, "c");
    auto m = manager(layout, "c");
    VERIFY_OK(m->freeze());
    QCOMPARE(trimmed(t / "freezer/c/freezer.state"), std::string("FROZEN"));
    auto frozen = m->isFrozen();
    QVERIFY(frozen && *frozen);
    VERIFY_OK(m->thaw());
    QCOMPARE(trimmed(t / "freezer/c/freezer.state"), std::string("THAWED"));
    frozen = m->isFrozen();
    QVERIFY(frozen && !*frozen);
}

void TestCgroupV1::freezeWithoutFreezerIsUnsupported() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path(), false, {"memory"});
    auto frozen = manager(layout, "c")->freeze();
    QVERIFY(!frozen);
    QCOMPARE(frozen.error().code, ErrorCode::Unsupported);
}

void TestCgroupV1::destroyRefusesWithProcesses() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    populateV1Tree(layout, "berth/c1");
    auto m = manager(layout);
    VERIFY_OK(m->create({}));
    writeText(t / "pids/berth/c1/cgroup.procs", "456\n123\n");
    auto destroyed = m->destroy();
    QVERIFY(!destroyed);
    QCOMPARE(destroyed.error().code, ErrorCode::Busy);
    QCOMPARE(destroyed.error().message, std::string("removing cgroup berth/c1: 2 processes remain (123, 456)"));
    QVERIFY(fs::exists(t / "memory/berth/c1"));
    // Once the kernel has nothing left in it (here: the test empties the directories), it goes.
    for (const auto& dir : m->directories()) emptyDir(dir);
    VERIFY_OK(m->destroy());
    for (const auto& dir : m->directories()) QVERIFY(!fs::exists(dir));
    VERIFY_OK(m->destroy()); // twice is fine
}

void TestCgroupV1::destroyRemovesOnlyWhatItCreated() {
    TempDir t;
    auto layout = v1FixtureLayout(t.path());
    fs::create_directories(t / "memory/berth/other"); // another container's cgroup
    auto m = manager(layout);
    VERIFY_OK(m->create({})); // no limits: nothing written, only directories made
    for (const char* c : {"memory", "cpu", "cpuacct", "pids", "freezer", "blkio"})
        QVERIFY(fs::is_directory(t / c / "berth/c1"));
    VERIFY_OK(m->destroy());
    QVERIFY(!fs::exists(t / "memory/berth/c1"));
    QVERIFY(fs::exists(t / "memory/berth/other")); // not ours, and keeps its parent alive
    QVERIFY(!fs::exists(t / "cpu/berth"));          // ours and empty: removed
    QVERIFY(fs::exists(t / "cpu"));                 // the mount point itself is never touched
}

QTEST_APPLESS_MAIN(TestCgroupV1)
#include "tst_runtime_cgroup_v1.moc"
