// One CgroupManager contract, both backends: every row runs against a v1 and a v2 fixture tree.
// Backend-specific file contents are in tst_runtime_cgroup_v1/_v2; here only what callers rely on.
#include "verify_ok.h"
#include "cgroup_fixture.h"
#include "runtime/cgroups/cgroup_manager.h"

#include <QtTest>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;

namespace {

constexpr std::int64_t MiB = 1 << 20;

// A fixture tree for backend ("v1" or "v2") with berth/c1 populated as the kernel would.
CgroupLayout fixtureFor(const QString& backend, const TempDir& t) {
    if (backend == QLatin1String("v1")) {
        auto layout = v1FixtureLayout(t.path());
        populateV1Tree(layout, "berth/c1");
        return layout;
    }
    auto layout = v2FixtureLayout(t / "unified");
    populateV2(t / "unified/berth", "cpu io memory pids");
    populateV2(t / "unified/berth/c1", "cpu io memory pids");
    return layout;
}


} // namespace

class TestCgroupConformance : public QObject {
    Q_OBJECT
private slots:
    void limitsReadBackThroughStats_data() { backends(); }
    void limitsReadBackThroughStats();
    void updateChangesOnlyWhatIsSet_data() { backends(); }
    void updateChangesOnlyWhatIsSet();
    void processesAreListedSorted_data() { backends(); }
    void processesAreListedSorted();
    void destroyIsBusyWhileProcessesRemain_data() { backends(); }
    void destroyIsBusyWhileProcessesRemain();
    void invalidResourcesWriteNothing_data() { backends(); }
    void invalidResourcesWriteNothing();
    void statsOfMissingCgroupIsNotFound_data() { backends(); }
    void statsOfMissingCgroupIsNotFound();

private:
    void backends() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("v1") << QStringLiteral("v1");
        QTest::newRow("v2") << QStringLiteral("v2");
    }
};

void TestCgroupConformance::limitsReadBackThroughStats() {
    QFETCH(QString, backend);
    TempDir t;
    auto m = makeCgroupManager(fixtureFor(backend, t), "berth/c1");
    VERIFY_OK(m);
    QCOMPARE((*m)->path(), std::string("berth/c1"));
    Resources r;
    r.memoryBytes = 64 * MiB;
    r.pidsLimit = 20;
    VERIFY_OK((*m)->create(r));
    auto s = (*m)->stats();
    VERIFY_OK(s);
    QCOMPARE(s->memoryLimit, std::uint64_t(64 * MiB));
    QCOMPARE(s->pidsLimit, std::uint64_t(20));
}

void TestCgroupConformance::updateChangesOnlyWhatIsSet() {
    QFETCH(QString, backend);
    TempDir t;
    auto m = makeCgroupManager(fixtureFor(backend, t), "berth/c1");
    VERIFY_OK(m);
    Resources r;
    r.memoryBytes = 64 * MiB;
    r.pidsLimit = 20;
    VERIFY_OK((*m)->create(r));
    Resources u;
    u.pidsLimit = -1;
    VERIFY_OK((*m)->update(u));
    auto s = (*m)->stats();
    VERIFY_OK(s);
    QCOMPARE(s->pidsLimit, std::uint64_t(0)); // unlimited
    QCOMPARE(s->memoryLimit, std::uint64_t(64 * MiB));
}

void TestCgroupConformance::processesAreListedSorted() {
    QFETCH(QString, backend);
    TempDir t;
    auto m = makeCgroupManager(fixtureFor(backend, t), "berth/c1");
    VERIFY_OK(m);
    VERIFY_OK((*m)->create({}));
    auto none = (*m)->processes();
    VERIFY_OK(none);
    QVERIFY(none->empty());
    VERIFY_OK((*m)->addProcess(4242));
    auto one = (*m)->processes();
    VERIFY_OK(one);
    QCOMPARE(*one, std::vector<pid_t>{4242});
}

void TestCgroupConformance::destroyIsBusyWhileProcessesRemain() {
    QFETCH(QString, backend);
    TempDir t;
    auto m = makeCgroupManager(fixtureFor(backend, t), "berth/c1");
    VERIFY_OK(m);
    VERIFY_OK((*m)->create({}));
    VERIFY_OK((*m)->addProcess(99));
    auto busy = (*m)->destroy();
    QVERIFY(!busy);
    QCOMPARE(busy.error().code, ErrorCode::Busy);
    QCOMPARE(busy.error().message, std::string("removing cgroup berth/c1: 1 processes remain (99)"));
    for (const auto& dir : (*m)->directories()) QVERIFY(fs::is_directory(dir));
    for (const auto& dir : (*m)->directories()) emptyDir(dir); // the kernel's part of rmdir
    VERIFY_OK((*m)->destroy());
    for (const auto& dir : (*m)->directories()) QVERIFY(!fs::exists(dir));
    VERIFY_OK((*m)->destroy());
}

void TestCgroupConformance::invalidResourcesWriteNothing() {
    QFETCH(QString, backend);
    TempDir t;
    auto m = makeCgroupManager(fixtureFor(backend, t), "berth/c1");
    VERIFY_OK(m);
    VERIFY_OK((*m)->create({}));
    auto before = (*m)->stats();
    VERIFY_OK(before);
    Resources bad;
    bad.memoryBytes = 64 * MiB;
    bad.memorySwapBytes = 32 * MiB; // memory+swap below memory
    bad.pidsLimit = 7;
    auto updated = (*m)->update(bad);
    QVERIFY(!updated);
    QCOMPARE(updated.error().code, ErrorCode::InvalidArgument);
    auto after = (*m)->stats();
    VERIFY_OK(after);
    QCOMPARE(after->memoryLimit, before->memoryLimit);
    QCOMPARE(after->pidsLimit, before->pidsLimit);
}

void TestCgroupConformance::statsOfMissingCgroupIsNotFound() {
    QFETCH(QString, backend);
    TempDir t;
    auto m = makeCgroupManager(fixtureFor(backend, t), "berth/never-created");
    VERIFY_OK(m);
    auto s = (*m)->stats();
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::NotFound);
}

QTEST_APPLESS_MAIN(TestCgroupConformance)
#include "tst_runtime_cgroup_conformance.moc"
