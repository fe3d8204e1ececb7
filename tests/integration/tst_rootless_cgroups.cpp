// Rootless containers without a cgroup of their own, end to end (BERTH_TEST_PRIVILEGED: the test
// makes the user namespace as root). The CLI runs as root of a user namespace mapping 0 → 4100000,
// as rootless Berth does; this machine delegates no cgroup to that user (cgroup v1, and its cgroup2
// tree is root's), so containers run under the no-cgroup backend: `stats --no-stream` draws from
// the processes, `top` lists them (an exec'd one too), pause stops them and unpause continues
// them, and a limit is refused with one line saying why.
#include "runtime/cgroups/process_tree.h"
#include "test_env.h"
#include "userns_runner.h"

#include <QtTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

constexpr uid_t kHostUid = 4100000;

void chownTree(const fs::path& dir, uid_t uid) {
    (void)::lchown(dir.c_str(), uid, uid);
    for (const auto& e : fs::recursive_directory_iterator(dir))
        (void)::lchown(e.path().c_str(), uid, uid);
}

char stateOf(int pid) {
    auto s = runtime::readProcessStat("/proc", pid);
    return s ? s->state : '?';
}

} // namespace

class TestRootlessCgroups : public QObject {
    Q_OBJECT

    std::unique_ptr<UserNamespaceRunner> m_ns;
    std::unique_ptr<TempDir> m_root;
    CommandResult berth(const QStringList& args) { return m_ns->runBerth(m_root->path(), args, 60000); }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: the test creates the user namespace and writes its id maps");
        m_ns = std::make_unique<UserNamespaceRunner>(kHostUid);
        QVERIFY2(m_ns->error().isEmpty(), qPrintable(m_ns->error()));
        m_root = std::make_unique<TempDir>();
        chownTree(m_root->path(), kHostUid);
        auto r = berth({QStringLiteral("load"), QStringLiteral("-i"),
                        QString::fromStdString((demoDir() / "berth-demo-hello.tar").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void cleanupTestCase() {
        if (!m_ns || !m_root) return;
        berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("cgbox")});
        // The CLI's runtime directory when XDG_RUNTIME_DIR is unset (rootless_paths).
        std::error_code ec;
        const fs::path runtimeDir = "/tmp/berth-run-" + std::to_string(kHostUid);
        struct stat st {};
        if (::lstat(runtimeDir.c_str(), &st) == 0 && st.st_uid == kHostUid) fs::remove_all(runtimeDir, ec);
    }

    void limitsAreRefused() {
        auto r = berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"),
                        QStringLiteral("none"), QStringLiteral("--memory"), QStringLiteral("64m"),
                        QStringLiteral("--name"), QStringLiteral("cglimit"),
                        QStringLiteral("berth-demo/hello"), QStringLiteral("true")});
        QVERIFY(r.exitCode != 0);
        QCOMPARE(r.err.trimmed(),
                 QStringLiteral(
                     "Error: container cglimit: --memory needs a cgroup delegated to your user (cgroup v2 "
                     "with systemd); this machine has none — run without limits, or as root"));
    }

    void statsTopPauseAndUnpause() {
        auto r = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"),
                        QStringLiteral("none"), QStringLiteral("--name"), QStringLiteral("cgbox"),
                        QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("while :; do :; done")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = berth({QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Pid}}"),
                   QStringLiteral("cgbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const int pid = r.out.trimmed().toInt();
        QVERIFY2(pid > 0, qPrintable(r.out));

        // A process exec started joins the pid namespace from outside the init's tree: top lists it.
        r = berth({QStringLiteral("exec"), QStringLiteral("-d"), QStringLiteral("cgbox"),
                   QStringLiteral("sleep"), QStringLiteral("300")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QTRY_VERIFY_WITH_TIMEOUT(
            berth({QStringLiteral("top"), QStringLiteral("cgbox")}).out.contains(QStringLiteral("sleep 300")),
            10000);
        r = berth({QStringLiteral("top"), QStringLiteral("cgbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("while :")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QString::number(pid)), qPrintable(r.out));

        // The row of the spinning container: CPU above zero, memory used, both processes counted.
        r = berth({QStringLiteral("stats"), QStringLiteral("--no-stream"), QStringLiteral("cgbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString row;
        for (const auto& line : r.out.split(QLatin1Char('\n')))
            if (line.contains(QStringLiteral("cgbox"))) row = line;
        QVERIFY2(!row.isEmpty(), qPrintable(r.out));
        const QStringList cells = row.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QVERIFY2(cells.value(2).chopped(1).toDouble() > 0, qPrintable(row));
        QVERIFY2(!cells.value(3).startsWith(QStringLiteral("0B")), qPrintable(row));
        QVERIFY2(cells.last().toInt() >= 2, qPrintable(row));

        r = berth({QStringLiteral("pause"), QStringLiteral("cgbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(stateOf(pid), 'T');
        r = berth({QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Status}}"),
                   QStringLiteral("cgbox")});
        QCOMPARE(r.out.trimmed(), QStringLiteral("paused"));
        r = berth({QStringLiteral("unpause"), QStringLiteral("cgbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(stateOf(pid) != 'T');

        r = berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("cgbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(pid) == '?', 10000);
    }
};

QTEST_APPLESS_MAIN(TestRootlessCgroups)
#include "tst_rootless_cgroups.moc"
