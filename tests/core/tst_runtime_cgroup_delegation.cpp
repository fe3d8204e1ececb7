// Finding the cgroup v2 subtree delegated to the user, on fixture trees owned the way systemd
// leaves them (user@<uid>.service and below chowned to the user), and the v2 backend driven there:
// containers' cgroups go to <delegated>/berth/<id>, the delegated root's cgroup.subtree_control is
// left alone, and a limit whose controller is not delegated is refused with what to do.
// Ownership needs chown, hence root; without it the test skips.
#include "cgroup_fixture.h"
#include "runtime/cgroups/cgroup_manager.h"
#include "verify_ok.h"

#include <QtTest>

#include <unistd.h>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;

namespace {

constexpr uid_t kUser = 4242;
const std::string kService = "user.slice/user-4242.slice/user@4242.service";
const std::string kScope = kService + "/app.slice/berth.scope";

void chownTo(const fs::path& path, uid_t uid) {
    if (::chown(path.c_str(), uid, uid) != 0) qFatal("chown %s: %s", path.c_str(), strerror(errno));
}

// A directory of the unified tree with the files delegation and the v2 backend look at.
void cgroupDir(const fs::path& dir, const std::string& controllers, const std::string& enabled) {
    populateV2(dir, controllers);
    writeText(dir / "cgroup.subtree_control", enabled + "\n");
}

// The unified root, the user's slice (root's), the service and everything below (the user's).
void systemdTree(const fs::path& root) {
    cgroupDir(root, "cpu io memory pids", "cpu io memory pids");
    cgroupDir(root / "user.slice", "cpu io memory pids", "cpu memory pids");
    cgroupDir(root / "user.slice/user-4242.slice", "cpu memory pids", "memory pids");
    cgroupDir(root / kService, "memory pids", "memory pids");
    cgroupDir(root / kService / "app.slice", "memory pids", "");
    cgroupDir(root / kScope, "", "");
    for (const auto& dir : {root / kService, root / kService / "app.slice", root / kScope}) {
        chownTo(dir, kUser);
        chownTo(dir / "cgroup.procs", kUser);
        chownTo(dir / "cgroup.subtree_control", kUser);
    }
}

std::string trimmed(const fs::path& p) {
    auto s = readText(p);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

} // namespace

class TestCgroupDelegation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void nearestDelegatedAncestor();
    void procsFileMustBeTheUsersToo();
    void nothingDelegated();
    void containersGoUnderTheDelegatedRoot();
    void undelegatedControllerIsRefusedWithAdvice();
};

void TestCgroupDelegation::initTestCase() {
    if (!isRoot()) QSKIP("needs root to chown the fixture tree as systemd does");
}

void TestCgroupDelegation::nearestDelegatedAncestor() {
    TempDir t;
    fs::path root = t / "unified";
    systemdTree(root);
    auto found = findDelegatedCgroup(root, "/" + kScope, kUser);
    QVERIFY(found.has_value());
    QCOMPARE(found->dir, root / kScope);
    QVERIFY(found->controllers.empty()); // the scope enables nothing for children

    // From app.slice up: app.slice itself is the user's.
    found = findDelegatedCgroup(root, "/" + kService + "/app.slice", kUser);
    QVERIFY(found.has_value());
    QCOMPARE(found->dir, root / kService / "app.slice");

    // The scope given back to root (a system scope): the walk goes up to app.slice.
    chownTo(root / kScope, 0);
    found = findDelegatedCgroup(root, "/" + kScope, kUser);
    QVERIFY(found.has_value());
    QCOMPARE(found->dir, root / kService / "app.slice");

    // And app.slice too: the service, with the controllers it enables.
    chownTo(root / kService / "app.slice", 0);
    found = findDelegatedCgroup(root, "/" + kScope, kUser);
    QVERIFY(found.has_value());
    QCOMPARE(found->dir, root / kService);
    QCOMPARE(found->controllers, (std::set<std::string>{"memory", "pids"}));
}

void TestCgroupDelegation::procsFileMustBeTheUsersToo() {
    TempDir t;
    fs::path root = t / "unified";
    systemdTree(root);
    // A directory the user owns but whose cgroup.procs is root's cannot take processes.
    chownTo(root / kScope / "cgroup.procs", 0);
    auto found = findDelegatedCgroup(root, "/" + kScope, kUser);
    QVERIFY(found.has_value());
    QCOMPARE(found->dir, root / kService / "app.slice");
}

void TestCgroupDelegation::nothingDelegated() {
    TempDir t;
    fs::path root = t / "unified";
    systemdTree(root);
    // Another user, the root cgroup, a path outside the user's subtree, a path with "..".
    QVERIFY(!findDelegatedCgroup(root, "/" + kScope, kUser + 1));
    QVERIFY(!findDelegatedCgroup(root, "/", kUser));
    QVERIFY(!findDelegatedCgroup(root, "/system.slice/cron.service", kUser));
    QVERIFY(!findDelegatedCgroup(root, "/" + kService + "/../../..", kUser));
    // The walk stops at the unified root even when the directory above it is the user's.
    chownTo(t.path(), kUser);
    writeText(t / "cgroup.procs", "");
    chownTo(t / "cgroup.procs", kUser);
    QVERIFY(!findDelegatedCgroup(root, "/user.slice", kUser));
}

void TestCgroupDelegation::containersGoUnderTheDelegatedRoot() {
    TempDir t;
    fs::path root = t / "unified";
    systemdTree(root);
    fs::path service = root / kService;
    auto placement = choosePlacement(CgroupLayout{}, true, findDelegatedCgroup(root, "/" + kService, kUser));
    QCOMPARE(placement.mode, CgroupMode::Delegated);
    auto made = makeContainerCgroupManager(placement, "c1", {});
    VERIFY_OK(made);
    CgroupManager& m = **made;
    QCOMPARE(m.directories(), std::vector<fs::path>{service / "berth/c1"});
    // The kernel's part: berth/ and berth/c1 appear with what their parents enable.
    cgroupDir(service / "berth", "memory pids", "");
    cgroupDir(service / "berth/c1", "memory pids", "");
    Resources r;
    r.memoryBytes = 64 << 20;
    r.pidsLimit = 50;
    VERIFY_OK(m.create(r));
    QCOMPARE(trimmed(service / "cgroup.subtree_control"), std::string("memory pids")); // not rewritten
    QCOMPARE(trimmed(service / "berth/cgroup.subtree_control"), std::string("+memory +pids"));
    QCOMPARE(trimmed(service / "berth/c1/memory.max"), std::to_string(64 << 20));
    QCOMPARE(trimmed(service / "berth/c1/pids.max"), std::string("50"));
    VERIFY_OK(m.addProcess(1234));
    QCOMPARE(trimmed(service / "berth/c1/cgroup.procs"), std::string("1234"));
    // Nothing above the delegated root was written.
    QCOMPARE(trimmed(root / "user.slice/user-4242.slice/cgroup.subtree_control"), std::string("memory pids"));
}

void TestCgroupDelegation::undelegatedControllerIsRefusedWithAdvice() {
    TempDir t;
    fs::path root = t / "unified";
    systemdTree(root);
    fs::path service = root / kService;
    auto placement = choosePlacement(CgroupLayout{}, true, findDelegatedCgroup(root, "/" + kService, kUser));
    auto made = makeContainerCgroupManager(placement, "web", {});
    VERIFY_OK(made);
    Resources r;
    r.memoryBytes = 64 << 20;
    r.cpus = 1.5;
    auto refused = (*made)->create(r);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Unsupported);
    const std::string& msg = refused.error().message;
    QVERIFY2(msg.starts_with(
                 "container web: --cpus needs the cpu controller, which is not delegated to your user"),
             msg.c_str());
    QVERIFY2(msg.find("enables: memory pids") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("Delegate=cpu") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("run without --cpus") != std::string::npos, msg.c_str());
    QVERIFY(!fs::exists(service / "berth")); // refused before anything was made
    Resources update;
    update.cpuShares = 512;
    QCOMPARE((*made)->update(update).error().code, ErrorCode::Unsupported);
}

QTEST_APPLESS_MAIN(TestCgroupDelegation)
#include "tst_runtime_cgroup_delegation.moc"
