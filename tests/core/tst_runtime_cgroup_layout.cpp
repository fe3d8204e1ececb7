// CgroupLayout: mount table → which hierarchies exist → which backend Berth drives.
#include "runtime/cgroups/cgroup_layout.h"
#include "test_env.h"

#include <QtTest>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(berth::runtime::CgroupVersion)
Q_DECLARE_METATYPE(berth::runtime::CgroupBackend)

namespace {

const char* kRootLines =
    "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
    "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n";

// This machine: v1 controllers each on their own hierarchy, a cgroup2 mount holding hugetlb only.
const char* kHybridLikeCi =
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"
    "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices\n"
    "37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer\n"
    "38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio\n"
    "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

// systemd on Debian 10 (legacy v1): cpu and cpuacct joined, optional "shared:" fields.
const char* kV1Joined =
    "25 18 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755\n"
    "26 25 0:23 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup "
    "rw,xattr,name=systemd\n"
    "29 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup "
    "rw,cpu,cpuacct\n"
    "30 25 0:27 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,memory\n"
    "31 25 0:28 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,pids\n"
    "32 25 0:29 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,freezer\n"
    "33 25 0:30 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup "
    "rw,net_cls,net_prio\n";

// Debian 12 default: only the unified hierarchy.
const char* kPureV2 =
    "26 23 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 "
    "rw,nsdelegate,memory_recursiveprot\n";

// systemd "hybrid": v1 controllers, name=systemd, and the unified mount systemd uses for tracking.
const char* kSystemdHybrid =
    "25 18 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755\n"
    "26 25 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 "
    "rw,nsdelegate\n"
    "27 25 0:24 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup "
    "rw,xattr,name=systemd\n"
    "30 25 0:27 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,memory\n"
    "31 25 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup "
    "rw,cpu,cpuacct\n";

// Only a named hierarchy plus cgroup2 (a v2 system that keeps name=systemd for old containers).
const char* kV2WithNamedV1 =
    "26 23 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw\n"
    "27 23 0:24 / /run/systemd-v1 rw,relatime - cgroup cgroup rw,name=systemd\n";

} // namespace

class TestCgroupLayout : public QObject {
    Q_OBJECT
private slots:
    void decision_data();
    void decision();
    void v1MountsOfCiMachine();
    void joinedControllersShareDirectory();
    void escapedMountPoint();
    void firstMountOfHierarchyWins();
    void malformed_data();
    void malformed();
    void controllerList();
    void procCgroup();
    void procCgroupMalformed();
    void detectFromFixtureFiles();
    void hostLayoutIsReadable();
};

void TestCgroupLayout::decision_data() {
    QTest::addColumn<QByteArray>("mountinfo");
    QTest::addColumn<QByteArray>("controllers");
    QTest::addColumn<CgroupVersion>("version");
    QTest::addColumn<CgroupBackend>("backend");
    auto with = [](const char* m) { return QByteArray(kRootLines) + m; };
    QTest::newRow("hybrid like CI: unified holds hugetlb")
        << with(kHybridLikeCi) << QByteArray("hugetlb\n") << CgroupVersion::Hybrid << CgroupBackend::V1;
    QTest::newRow("hybrid, unified empty") << with(kHybridLikeCi) << QByteArray("") << CgroupVersion::Hybrid
                                           << CgroupBackend::V1;
    QTest::newRow("systemd hybrid") << with(kSystemdHybrid) << QByteArray("\n") << CgroupVersion::Hybrid
                                    << CgroupBackend::V1;
    QTest::newRow("hybrid, unified has memory only")
        << with(kHybridLikeCi) << QByteArray("memory hugetlb\n") << CgroupVersion::Hybrid << CgroupBackend::V1;
    QTest::newRow("hybrid, unified has memory and cpu")
        << with(kHybridLikeCi) << QByteArray("cpu memory pids\n") << CgroupVersion::Hybrid << CgroupBackend::V2;
    QTest::newRow("v1 joined cpu,cpuacct") << with(kV1Joined) << QByteArray() << CgroupVersion::V1
                                           << CgroupBackend::V1;
    QTest::newRow("pure v2") << with(kPureV2) << QByteArray("cpuset cpu io memory hugetlb pids rdma misc\n")
                             << CgroupVersion::V2 << CgroupBackend::V2;
    QTest::newRow("pure v2, missing memory and cpu")
        << with(kPureV2) << QByteArray("io pids\n") << CgroupVersion::V2 << CgroupBackend::V2;
    QTest::newRow("pure v2, no controllers") << with(kPureV2) << QByteArray() << CgroupVersion::V2
                                             << CgroupBackend::V2;
    QTest::newRow("v2 plus named v1 only") << with(kV2WithNamedV1) << QByteArray("cpu memory\n")
                                           << CgroupVersion::V2 << CgroupBackend::V2;
    QTest::newRow("no cgroups at all") << with("") << QByteArray("cpu memory\n") << CgroupVersion::None
                                       << CgroupBackend::None;
}

void TestCgroupLayout::decision() {
    QFETCH(QByteArray, mountinfo);
    QFETCH(QByteArray, controllers);
    QFETCH(CgroupVersion, version);
    QFETCH(CgroupBackend, backend);
    auto layout = parseCgroupLayout(mountinfo.toStdString(), controllers.toStdString());
    QVERIFY2(layout, layout ? "" : layout.error().message.c_str());
    QCOMPARE(cgroupVersionName(layout->version), cgroupVersionName(version));
    QCOMPARE(int(backendFor(*layout)), int(backend));
}

void TestCgroupLayout::v1MountsOfCiMachine() {
    auto layout = parseCgroupLayout(kHybridLikeCi, "hugetlb\n");
    QVERIFY(layout);
    QCOMPARE(layout->v1Mounts.at("memory"), fs::path("/sys/fs/cgroup/memory"));
    QCOMPARE(layout->v1Mounts.at("cpu"), fs::path("/sys/fs/cgroup/cpu"));
    QCOMPARE(layout->v1Mounts.at("cpuacct"), fs::path("/sys/fs/cgroup/cpuacct"));
    QCOMPARE(layout->v1Mounts.at("name=systemd"), fs::path("/sys/fs/cgroup/systemd"));
    QCOMPARE(layout->v1Mounts.size(), std::size_t(9));
    QVERIFY(!layout->v1Mounts.contains("rw"));
    QCOMPARE(layout->unifiedRoot, fs::path("/sys/fs/cgroup/unified"));
    QCOMPARE(layout->v2Controllers, (std::set<std::string>{"hugetlb"}));
}

void TestCgroupLayout::joinedControllersShareDirectory() {
    auto layout = parseCgroupLayout(kV1Joined, "");
    QVERIFY(layout);
    QCOMPARE(layout->v1Mounts.at("cpu"), fs::path("/sys/fs/cgroup/cpu,cpuacct"));
    QCOMPARE(layout->v1Mounts.at("cpuacct"), fs::path("/sys/fs/cgroup/cpu,cpuacct"));
    QCOMPARE(layout->v1Mounts.at("net_prio"), fs::path("/sys/fs/cgroup/net_cls,net_prio"));
    QVERIFY(!layout->v1Mounts.contains("xattr"));
    QVERIFY(layout->unifiedRoot.empty());
    QVERIFY(layout->v2Controllers.empty());
}

void TestCgroupLayout::escapedMountPoint() {
    auto layout = parseCgroupLayout("40 1 0:40 / /srv/my\\040cgroups rw - cgroup2 cgroup2 rw\n", "memory cpu");
    QVERIFY(layout);
    QCOMPARE(layout->unifiedRoot, fs::path("/srv/my cgroups"));
}

void TestCgroupLayout::firstMountOfHierarchyWins() {
    std::string text = std::string(kHybridLikeCi) +
                       "90 27 0:32 /docker/abc /var/lib/x/memory rw,relatime - cgroup cgroup rw,memory\n"
                       "91 27 0:38 / /var/lib/x/unified rw,relatime - cgroup2 cgroup2 rw\n";
    auto layout = parseCgroupLayout(text, "");
    QVERIFY(layout);
    QCOMPARE(layout->v1Mounts.at("memory"), fs::path("/sys/fs/cgroup/memory"));
    QCOMPARE(layout->unifiedRoot, fs::path("/sys/fs/cgroup/unified"));
}

void TestCgroupLayout::malformed_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("too few fields") << QByteArray("31 23 0:28 / /sys/fs/cgroup\n");
    QTest::newRow("no separator") << QByteArray("31 23 0:28 / /sys/fs/cgroup rw,relatime x tmpfs tmpfs rw\n");
    QTest::newRow("nothing after separator") << QByteArray("31 23 0:28 / /sys/fs/cgroup rw,relatime a b - tmpfs\n");
    QTest::newRow("good then bad") << QByteArray(QByteArray(kPureV2) + "garbage\n");
}

void TestCgroupLayout::malformed() {
    QFETCH(QByteArray, text);
    auto r = parseMountInfo(text.toStdString());
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Corrupt);
    QVERIFY(r.error().message.starts_with("malformed mountinfo line"));
}

void TestCgroupLayout::controllerList() {
    QCOMPARE(parseControllerList("cpuset cpu io memory hugetlb pids rdma misc\n").size(), std::size_t(8));
    QCOMPARE(parseControllerList("\n"), std::set<std::string>{});
    QCOMPARE(v1ControllersOf("rw,cpu,cpuacct,release_agent=/x,clone_children"),
             (std::set<std::string>{"cpu", "cpuacct"}));
    QCOMPARE(v1ControllersOf("rw,xattr,name=systemd"), (std::set<std::string>{"name=systemd"}));
}

void TestCgroupLayout::procCgroup() {
    auto r = parseProcCgroup("9:name=systemd:/\n4:memory:/process_api/a43550f1\n2:cpu,cpuacct:/\n0::/\n");
    QVERIFY(r);
    QCOMPARE(r->at("memory"), std::string("/process_api/a43550f1"));
    QCOMPARE(r->at("cpu,cpuacct"), std::string("/"));
    QCOMPARE(r->at("name=systemd"), std::string("/"));
    QCOMPARE(r->at(""), std::string("/"));
    auto v2 = parseProcCgroup("0::/user.slice/user-1000.slice/session-2.scope\n");
    QVERIFY(v2);
    QCOMPARE(v2->at(""), std::string("/user.slice/user-1000.slice/session-2.scope"));
}

void TestCgroupLayout::procCgroupMalformed() {
    auto r = parseProcCgroup("4:memory\n");
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Corrupt);
}

void TestCgroupLayout::detectFromFixtureFiles() {
    TempDir t;
    fs::path unified = t / "unified";
    fs::create_directories(unified);
    writeText(unified / "cgroup.controllers", "cpu io memory pids\n");
    writeText(t / "mountinfo", std::string(kRootLines) + "41 31 0:38 / " + unified.string() +
                                   " rw,relatime - cgroup2 cgroup2 rw\n");
    auto layout = detectLayout(t / "mountinfo");
    QVERIFY2(layout, layout ? "" : layout.error().message.c_str());
    QCOMPARE(layout->version, CgroupVersion::V2);
    QCOMPARE(layout->unifiedRoot, unified);
    QCOMPARE(layout->v2Controllers, (std::set<std::string>{"cpu", "io", "memory", "pids"}));
    QVERIFY(!detectLayout(t / "missing"));
}

void TestCgroupLayout::hostLayoutIsReadable() {
    // Whatever this machine has, reading it must work (it never writes anything).
    auto layout = detectHostLayout();
    QVERIFY2(layout, layout ? "" : layout.error().message.c_str());
    qInfo("host cgroups: %s, backend %d", cgroupVersionName(layout->version), int(backendFor(*layout)));
}

QTEST_APPLESS_MAIN(TestCgroupLayout)
#include "tst_runtime_cgroup_layout.moc"
