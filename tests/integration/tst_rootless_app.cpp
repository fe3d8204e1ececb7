// The desktop app and the CLI as a real ordinary user whose HOME cannot hold a store (read-only or
// missing), with no subordinate ranges, with XDG_RUNTIME_DIR its own, unset or unwritable, and with
// the pause lock held by a stuck process (BERTH_TEST_PRIVILEGED: a throwaway user made with
// useradd). berth-desktop must paint and quit (BERTH_EXIT_AFTER_FIRST_PAINT=1), and settle and
// save its screenshot (it used to wait forever for a listing that never came); `berth ps` must
// fail in one line naming the directory (or the lock) at fault. Nothing may hang: every run has a
// 30 s limit and a hang shows as a timeout.
#include "test_env.h"
#include "test_user.h"

#include <QtTest>

#include <fcntl.h>
#include <memory>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace berth::test;
namespace fs = std::filesystem;

namespace {

QString q(const fs::path& p) {
    return QString::fromStdString(p.string());
}

constexpr int kLimitMs = 30000;

// A directory the user can enter but not write: root's, mode 0555.
fs::path readOnlyDir(const fs::path& p) {
    fs::create_directories(p);
    ::chmod(p.c_str(), 0555);
    return p;
}

} // namespace

class TestRootlessApp : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_dirs;  // the read-only HOME, screenshots; removed after the user
    std::unique_ptr<TestUser> m_user; // no subordinate ranges: single-id mode
    QString m_desktop;

    QStringList envFor(const QString& home, const QString& runtimeDir) const {
        return {QStringLiteral("HOME=") + home, QStringLiteral("XDG_RUNTIME_DIR=") + runtimeDir,
                QStringLiteral("QT_QPA_PLATFORM=offscreen")};
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: makes a throwaway user (BERTH_TEST_PRIVILEGED)");
        if (!haveTool(QStringLiteral("useradd"))) QSKIP("useradd missing");
        m_desktop = QFileInfo(berthBinary()).absolutePath() + QStringLiteral("/berth-desktop");
        if (!QFileInfo(m_desktop).isExecutable()) QSKIP("berth-desktop is not built (BERTH_BUILD_GUI=OFF)");
        m_dirs = std::make_unique<TempDir>();
        ::chmod(m_dirs->path().c_str(), 0755);
        readOnlyDir(m_dirs->path() / "ro-home");
        readOnlyDir(m_dirs->path() / "ro-run");
        fs::create_directories(m_dirs->path() / "shots");
        ::chmod((m_dirs->path() / "shots").c_str(), 0777);
        m_user = std::make_unique<TestUser>(false);
        QVERIFY2(m_user->isValid(), qPrintable(m_user->error()));
    }

    // The user's processes (its pause process), the account and its directories go even when a
    // test function failed.
    void cleanupTestCase() {
        if (m_user) {
            // Qt's own runtime directory when XDG_RUNTIME_DIR is unset or unusable.
            const fs::path qtRuntime = "/tmp/runtime-" + m_user->name();
            struct stat st {};
            std::error_code ec;
            if (::lstat(qtRuntime.c_str(), &st) == 0 && st.st_uid == m_user->uid())
                fs::remove_all(qtRuntime, ec);
        }
        m_user.reset();
        m_dirs.reset();
    }

    void appAndCliNeverHang_data() {
        QTest::addColumn<QString>("home");
        QTest::addColumn<QString>("runtimeDir"); // empty: unset
        QTest::addColumn<bool>("holdPauseLock");
        QTest::addColumn<QStringList>("named"); // the CLI's error names one of these
        QTest::addColumn<bool>("joinFails");
        if (!m_user) return;
        const QString roHome = q(m_dirs->path() / "ro-home"),
                      missingHome = q(m_dirs->path() / "missing/home"), roRun = q(m_dirs->path() / "ro-run"),
                      run = q(m_user->runtimeDir());
        const QString fallback = QStringLiteral("/tmp/berth-run-%1").arg(m_user->uid());
        QTest::newRow("read-only HOME") << roHome << run << false << QStringList{roHome} << false;
        QTest::newRow("missing HOME") << missingHome << run << false << QStringList{missingHome} << false;
        // Unset: /tmp/berth-run-<uid>, which works where /tmp is writable, else the join says so.
        QTest::newRow("read-only HOME, XDG_RUNTIME_DIR unset")
            << roHome << QString() << false << QStringList{roHome, fallback} << false;
        QTest::newRow("missing HOME, XDG_RUNTIME_DIR unwritable")
            << missingHome << roRun << false << QStringList{roRun} << true;
        QTest::newRow("read-only HOME, pause lock held")
            << roHome << run << true << QStringList{QStringLiteral("pause.lock")} << true;
    }

    void appAndCliNeverHang() {
        QFETCH(QString, home);
        QFETCH(QString, runtimeDir);
        QFETCH(bool, holdPauseLock);
        QFETCH(QStringList, named);
        QFETCH(bool, joinFails);
        const QStringList env = envFor(home, runtimeDir);

        // A berth stopped while it held the pause lock (root may lock the user's file).
        int lock = -1;
        if (holdPauseLock) {
            const fs::path dir = fs::path(runtimeDir.toStdString()) / "berth";
            fs::create_directories(dir);
            QVERIFY(::chown(dir.c_str(), m_user->uid(), m_user->gid()) == 0);
            ::chmod(dir.c_str(), 0700);
            lock = ::open((dir / "pause.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
            QVERIFY(lock >= 0);
            QVERIFY(::fchown(lock, m_user->uid(), m_user->gid()) == 0);
            QVERIFY(::flock(lock, LOCK_EX) == 0);
        }
        struct Unlock {
            int fd;
            ~Unlock() {
                if (fd >= 0) ::close(fd);
            }
        } unlock{lock};

        auto painted = m_user->run(m_desktop.toStdString(), {}, kLimitMs,
                                   env + QStringList{QStringLiteral("BERTH_EXIT_AFTER_FIRST_PAINT=1")});
        QVERIFY2(painted.exitCode == 0, qPrintable(painted.err));
        QVERIFY2(painted.out.contains(QStringLiteral("first-paint-ms ")), qPrintable(painted.out));
        // A failed join is said on stderr and the app starts anyway (the banner shows it).
        QCOMPARE(painted.err.contains(QStringLiteral("berth-desktop: rootless mode: ")), joinFails);

        // --screenshot waits for the window to settle: with no store to list it must still come.
        const QString shot = q(m_dirs->path() / "shots" / "containers.png");
        QFile::remove(shot);
        auto settled = m_user->run(
            m_desktop.toStdString(),
            {QStringLiteral("--page"), QStringLiteral("containers"), QStringLiteral("--screenshot"), shot},
            kLimitMs, env);
        QVERIFY2(settled.exitCode == 0, qPrintable(settled.err));
        QVERIFY(QFileInfo(shot).size() > 0);

        auto ps = m_user->berth({QStringLiteral("ps")}, kLimitMs, env);
        QVERIFY2(ps.exitCode > 0, qPrintable(ps.err)); // -1: it hung or crashed
        const QString line = ps.err.trimmed();
        QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
        QVERIFY2(line.startsWith(QStringLiteral("Error: ")), qPrintable(line));
        bool namesOne = false;
        for (const QString& n : named)
            namesOne |= line.contains(n);
        QVERIFY2(namesOne, qPrintable(line + QStringLiteral(" (expected one of: ") +
                                      named.join(QStringLiteral(", ")) + QLatin1Char(')')));
    }
};

QTEST_MAIN(TestRootlessApp)
#include "tst_rootless_app.moc"
