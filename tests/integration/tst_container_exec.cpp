// `berth exec` on the real kernel through the CLI (BERTH_TEST_PRIVILEGED: namespaces, cgroups):
// the exec'd process sees what the container's own processes see (hostname, pid namespace,
// capabilities, seccomp, cgroup), exit codes pass through as Docker's, and the host's berth binary
// is never what a container process finds behind /proc/<pid>/exe (CVE-2019-5736).
#include "test_env.h"

#include <QtTest>
#include <chrono>
#include <thread>

using namespace berth::test;
namespace fs = std::filesystem;

class TestContainerExec : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    fs::path root() const { return m_root->path(); }
    CommandResult berth(const QStringList& args, const QByteArray& input = {}) {
        return runBerth(root(), args, 60000, {}, input);
    }
    CommandResult execIn(const QString& name, const QString& script, const QStringList& flags = {}) {
        return berth(QStringList{QStringLiteral("exec")} + flags +
                     QStringList{name, QStringLiteral("sh"), QStringLiteral("-c"), script});
    }
    void startLoop(const QString& name, const QStringList& extra = {}) {
        auto r = berth(QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name} + extra +
                       QStringList{QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"),
                                   QStringLiteral("while true; do sleep 0.2; done")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    // The host pid of a process whose cmdline is exactly args and whose cgroup is berth's.
    static int findHostPid(const std::string& cmdline) {
        for (int attempt = 0; attempt < 50; ++attempt) {
            for (const auto& e : fs::directory_iterator("/proc")) {
                std::string pid = e.path().filename();
                if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
                if (readText(e.path() / "cmdline") == cmdline && readText(e.path() / "cgroup").find("/berth/") != std::string::npos)
                    return std::stoi(pid);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return 0;
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: exec joins a container's namespaces and cgroup");
        m_root = std::make_unique<TempDir>();
        auto r = berth({QStringLiteral("load"), QStringLiteral("-i"), QString::fromStdString((demoDir() / "berth-demo-hello.tar").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        startLoop(QStringLiteral("execbox"), {QStringLiteral("--hostname"), QStringLiteral("exechost"), QStringLiteral("-e"), QStringLiteral("FROMRUN=yes")});
    }
    void cleanupTestCase() {
        if (!m_root) return;
        for (const char* n : {"execbox", "nnp", "stopped"})
            berth({QStringLiteral("rm"), QStringLiteral("-f"), QString::fromLatin1(n)});
    }

    void exitCodes_data() {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("passes the code through") << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 7")} << 7 << QString();
        QTest::newRow("killed by a signal") << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("kill -9 $$")} << 137 << QString();
        QTest::newRow("not found") << QStringList{QStringLiteral("no-such-program")} << 127
                                   << QStringLiteral("exec: \"no-such-program\": executable file not found in $PATH");
        QTest::newRow("not executable") << QStringList{QStringLiteral("/etc/hostname")} << 126 << QStringLiteral("OCI runtime exec failed");
    }
    void exitCodes() {
        QFETCH(QStringList, command);
        QFETCH(int, code);
        QFETCH(QString, message);
        auto r = berth(QStringList{QStringLiteral("exec"), QStringLiteral("execbox")} + command);
        QCOMPARE(r.exitCode, code);
        if (!message.isEmpty()) QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void seesTheContainer() {
        auto r = execIn(QStringLiteral("execbox"), QStringLiteral("echo $$; hostname; echo $FROMRUN; ps -o pid,args | grep -c '^ *1 sh'; "
                                                           "grep -E '^(CapEff|Seccomp|NoNewPrivs):' /proc/self/status; id -u; pwd"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        int pid = lines.value(0).toInt();
        QVERIFY2(pid > 1 && pid < 1000, qPrintable(r.out));
        QCOMPARE(lines.value(1), QStringLiteral("exechost"));
        QCOMPARE(lines.value(2), QStringLiteral("yes"));
        QCOMPARE(lines.value(3), QStringLiteral("1"));
        QCOMPARE(lines.value(4), QStringLiteral("CapEff:\t00000000a80425fb"));
        QCOMPARE(lines.value(5), QStringLiteral("NoNewPrivs:\t0"));
        QCOMPARE(lines.value(6), QStringLiteral("Seccomp:\t2"));
        QCOMPARE(lines.value(7), QStringLiteral("0"));
        QCOMPARE(lines.value(8), QStringLiteral("/"));
    }

    void userWorkdirAndEnv() {
        auto r = execIn(QStringLiteral("execbox"), QStringLiteral("id -u; grep CapEff /proc/self/status; pwd; echo $K $FROMRUN"),
                        {QStringLiteral("-u"), QStringLiteral("www-data"), QStringLiteral("-w"), QStringLiteral("/tmp"),
                         QStringLiteral("-e"), QStringLiteral("K=V"), QStringLiteral("-e"), QStringLiteral("FROMRUN=over")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("33\nCapEff:\t0000000000000000\n/tmp\nV over\n"));
        auto bad = berth({QStringLiteral("exec"), QStringLiteral("-u"), QStringLiteral("nobody-here"), QStringLiteral("execbox"), QStringLiteral("true")});
        QCOMPARE(bad.exitCode, 126);
        QVERIFY2(bad.err.contains(QStringLiteral("unable to find user nobody-here")), qPrintable(bad.err));
    }

    void sameCgroup() {
        auto mine = berth({QStringLiteral("exec"), QStringLiteral("execbox"), QStringLiteral("cat"), QStringLiteral("/proc/self/cgroup")});
        auto init = berth({QStringLiteral("exec"), QStringLiteral("execbox"), QStringLiteral("cat"), QStringLiteral("/proc/1/cgroup")});
        QVERIFY2(mine.exitCode == 0 && init.exitCode == 0, qPrintable(mine.err + init.err));
        QVERIFY(!mine.out.isEmpty());
        QCOMPARE(mine.out, init.out);
    }

    void stdinOnlyWithInteractive() {
        auto r = berth({QStringLiteral("exec"), QStringLiteral("-i"), QStringLiteral("execbox"), QStringLiteral("cat")}, "hello stdin\n");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("hello stdin\n"));
        auto none = berth({QStringLiteral("exec"), QStringLiteral("execbox"), QStringLiteral("cat")}, "ignored\n");
        QCOMPARE(none.exitCode, 0);
        QCOMPARE(none.out, QString());
        auto tty = berth({QStringLiteral("exec"), QStringLiteral("-it"), QStringLiteral("execbox"), QStringLiteral("sh")});
        QCOMPARE(tty.exitCode, 1);
        QVERIFY2(tty.err.contains(QStringLiteral("the input device is not a TTY")), qPrintable(tty.err));
    }

    // -t gives the process a pty of its own from the container's devpts (Docker's exec -t), not
    // the caller's terminal: `tty` names /dev/pts/N, the container lists it, the pty turns "\n"
    // into "\r\n", and the exit code still passes through.
    void ttyIsItsOwnPty() {
        auto r = execIn(QStringLiteral("execbox"), QStringLiteral("tty; ls /dev/pts; exit 3"), {QStringLiteral("-t")});
        QCOMPARE(r.exitCode, 3);
        QStringList lines = r.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 2, qPrintable(r.out));
        QVERIFY2(lines[0].startsWith(QStringLiteral("/dev/pts/")), qPrintable(r.out));
        QString number = lines[0].mid(QStringLiteral("/dev/pts/").size());
        QVERIFY2(lines.mid(1).join(QLatin1Char(' ')).split(QLatin1Char(' ')).contains(number), qPrintable(r.out));
        // Without -t nothing changes: no terminal, plain newlines.
        auto plain = execIn(QStringLiteral("execbox"), QStringLiteral("tty; true"));
        QCOMPARE(plain.out, QStringLiteral("not a tty\n"));
        // A start failure under -t is still reported as Docker does.
        auto missing = berth({QStringLiteral("exec"), QStringLiteral("-t"), QStringLiteral("execbox"), QStringLiteral("no-such-program")});
        QCOMPARE(missing.exitCode, 127);
    }

    // -it from a real terminal (script(1) gives berth one): keys reach the container's shell
    // through the pty, which sees a terminal on stdin, and the exit code comes back.
    void interactiveTtyRelaysInput() {
        if (!haveTool(QStringLiteral("script"))) QSKIP("script(1) is not installed");
        QString command = berthBinary() + QStringLiteral(" --root ") + QString::fromStdString(root().string()) +
                          QStringLiteral(" exec -it execbox sh");
        auto r = run(QStringLiteral("script"), {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")}, 30000, {},
                     "[ -t 0 ] && echo stdin-is-a-tty; echo hi-$((6*7))\nexit 5\n");
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.out.contains(QStringLiteral("stdin-is-a-tty\r\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("hi-42\r\n")), qPrintable(r.out));
    }

    void detachReturnsAtOnce() {
        auto start = std::chrono::steady_clock::now();
        auto r = execIn(QStringLiteral("execbox"), QStringLiteral("sleep 1; echo done > /tmp/detached"), {QStringLiteral("-d")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QString());
        QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(900));
        QCOMPARE(execIn(QStringLiteral("execbox"), QStringLiteral("cat /tmp/detached")).exitCode, 1);
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        auto seen = execIn(QStringLiteral("execbox"), QStringLiteral("cat /tmp/detached"));
        QCOMPARE(seen.out, QStringLiteral("done\n"));
    }

    // CVE-2019-5736: what the container could open behind the exec'd process is its own binary.
    void exeIsTheContainersBinary() {
        auto r = berth({QStringLiteral("exec"), QStringLiteral("-d"), QStringLiteral("execbox"), QStringLiteral("sleep"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        int pid = findHostPid(std::string("sleep\0" "2\0", 8));
        QVERIFY(pid > 0);
        std::error_code ec;
        auto exe = fs::read_symlink("/proc/" + std::to_string(pid) + "/exe", ec).string();
        QVERIFY2(!ec, qPrintable(QString::fromStdString(ec.message())));
        QVERIFY2(exe.find("busybox") != std::string::npos, exe.c_str());
        QVERIFY2(exe.find(berthBinary().toStdString()) == std::string::npos, exe.c_str());
        QVERIFY(readText("/proc/" + std::to_string(pid) + "/status").find("Uid:\t0") != std::string::npos);
    }

    void noNewPrivilegesFollowsTheContainer() {
        startLoop(QStringLiteral("nnp"), {QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges")});
        auto r = execIn(QStringLiteral("nnp"), QStringLiteral("grep NoNewPrivs /proc/self/status"));
        QCOMPARE(r.out, QStringLiteral("NoNewPrivs:\t1\n"));
        berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("nnp")});
    }

    void refusedWhenNotRunning() {
        // The paused case ("is paused, unpause the container before exec") is not tested here yet:
        // rm -f of a paused container currently leaves it frozen (see the report).
        auto created = berth({QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("stopped"), QStringLiteral("berth-demo/hello")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        auto s = berth({QStringLiteral("exec"), QStringLiteral("stopped"), QStringLiteral("true")});
        QCOMPARE(s.exitCode, 1);
        QVERIFY2(s.err.contains(QStringLiteral("is not running")), qPrintable(s.err));
        berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("stopped")});
    }

    void recordsAnEvent() {
        auto r = berth({QStringLiteral("events"), QStringLiteral("--since"), QStringLiteral("0"), QStringLiteral("--until"), QStringLiteral("0s")});
        if (r.exitCode != 0) QSKIP("berth events is not available");
        QVERIFY2(r.out.contains(QStringLiteral("exec_start: sh -c exit 7")), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestContainerExec)
#include "tst_container_exec.moc"
