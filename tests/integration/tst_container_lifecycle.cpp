// Containers on the real kernel through the berth CLI (BERTH_TEST_PRIVILEGED: namespaces, mounts,
// cgroups): what the program inside sees, exit codes, the lifecycle verbs, restart policies,
// limits, and that nothing is left behind.
#include "test_env.h"

#include <QtTest>
#include <csignal>
#include <fstream>

using namespace berth::test;
namespace fs = std::filesystem;

class TestContainerLifecycle : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    fs::path root() const { return m_root->path(); }
    CommandResult berth(const QStringList& args, int timeoutMs = 60000) { return runBerth(root(), args, timeoutMs); }
    CommandResult runIn(const QStringList& extra, const QString& script) {
        QStringList args{QStringLiteral("run"), QStringLiteral("--rm")};
        args += extra;
        args += {QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"), script};
        return berth(args);
    }
    static bool mountedBelow(const fs::path& dir) {
        return readText("/proc/self/mounts").find(" " + dir.string() + "/") != std::string::npos;
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: containers use namespaces, mounts and cgroups");
        m_root = std::make_unique<TempDir>();
        for (const char* a : {"berth-demo-hello.tar", "berth-demo-web.tar"}) {
            auto r = berth({QStringLiteral("load"), QStringLiteral("-i"), QString::fromStdString((demoDir() / a).string())});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
    }

    void runsTheImageCommand() {
        auto r = berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("berth-demo/hello")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Hello from Berth!")));
        QVERIFY(r.out.contains(QStringLiteral("Berth에서 보내는 인사입니다!")));
    }

    void exitCodes_data() {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<int>("code");
        QTest::newRow("success") << QStringList{QStringLiteral("true")} << 0;
        QTest::newRow("passes the code through") << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 3")} << 3;
        QTest::newRow("not found") << QStringList{QStringLiteral("no-such-program")} << 127;
        QTest::newRow("cannot execute") << QStringList{QStringLiteral("/etc/passwd")} << 126;
    }
    void exitCodes() {
        QFETCH(QStringList, command);
        QFETCH(int, code);
        QStringList args{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("berth-demo/hello")};
        auto r = berth(args + command);
        QCOMPARE(r.exitCode, code);
        if (code >= 126) QVERIFY2(r.err.startsWith(QStringLiteral("Error: exec: ")), qPrintable(r.err));
    }

    void isolatedByDefault() {
        auto r = runIn({QStringLiteral("--hostname"), QStringLiteral("lab1")},
                       QStringLiteral("echo pid=$$; hostname; grep -E '^(CapEff|CapInh|CapAmb|Seccomp):' /proc/self/status; "
                                      "ls /proc | grep -cE '^[0-9]+$'; ip link 2>/dev/null | grep -c '^[0-9]'; "
                                      "cat /proc/keys 2>&1 | wc -c; (echo 0 > /proc/sys/kernel/panic) 2>&1 | grep -c Read-only; "
                                      "mount -t tmpfs none /mnt 2>&1 | grep -c denied; ls /dev | tr '\\n' ' '"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QStringLiteral("pid=1"));
        QCOMPARE(lines.value(1), QStringLiteral("lab1"));
        QCOMPARE(lines.value(2), QStringLiteral("CapInh:\t0000000000000000"));
        QCOMPARE(lines.value(3), QStringLiteral("CapEff:\t00000000a80425fb")); // Docker's 14 defaults
        QCOMPARE(lines.value(4), QStringLiteral("CapAmb:\t0000000000000000"));
        QCOMPARE(lines.value(5), QStringLiteral("Seccomp:\t2"));
        QVERIFY2(lines.value(6).toInt() <= 3, qPrintable(r.out));        // only our own processes
        QCOMPARE(lines.value(7), QStringLiteral("1"));                      // only lo
        QCOMPARE(lines.value(8), QStringLiteral("0"));                      // /proc/keys masked
        QCOMPARE(lines.value(9), QStringLiteral("1"));                      // /proc/sys read-only
        QCOMPARE(lines.value(10), QStringLiteral("1"));                     // mount refused
        QVERIFY2(!lines.value(11).contains(QStringLiteral("vda")) && lines.value(11).contains(QStringLiteral("null")), qPrintable(lines.value(11)));
    }

    void processSettings() {
        auto r = berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("-e"), QStringLiteral("GREETING=annyeong"),
                        QStringLiteral("-w"), QStringLiteral("/work/dir"), QStringLiteral("-u"), QStringLiteral("www-data"),
                        QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("echo $GREETING; pwd; id; grep CapEff /proc/self/status")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QStringLiteral("annyeong"));
        QCOMPARE(lines.value(1), QStringLiteral("/work/dir"));
        QCOMPARE(lines.value(2), QStringLiteral("uid=33(www-data) gid=33(www-data) groups=33(www-data)"));
        QCOMPARE(lines.value(3), QStringLiteral("CapEff:\t0000000000000000"));
        auto bad = runIn({QStringLiteral("-u"), QStringLiteral("nobody-here")}, QStringLiteral("true"));
        QCOMPARE(bad.exitCode, 125);
        QVERIFY2(bad.err.contains(QStringLiteral("unable to find user nobody-here")), qPrintable(bad.err));
    }

    void securityFlags() {
        auto dropped = runIn({QStringLiteral("--cap-drop"), QStringLiteral("ALL"), QStringLiteral("--cap-add"), QStringLiteral("NET_BIND_SERVICE")},
                             QStringLiteral("grep CapEff /proc/self/status"));
        QCOMPARE(dropped.out.trimmed(), QStringLiteral("CapEff:\t0000000000000400"));
        auto nnp = runIn({QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges")}, QStringLiteral("grep NoNewPrivs /proc/self/status"));
        QCOMPARE(nnp.out.trimmed(), QStringLiteral("NoNewPrivs:\t1"));
        auto unconfined = runIn({QStringLiteral("--security-opt"), QStringLiteral("seccomp=unconfined")}, QStringLiteral("grep ^Seccomp: /proc/self/status"));
        QCOMPARE(unconfined.out.trimmed(), QStringLiteral("Seccomp:\t0"));
        auto ro = runIn({QStringLiteral("--read-only")}, QStringLiteral("touch /x 2>&1; echo rc=$?"));
        QVERIFY2(ro.out.contains(QStringLiteral("Read-only file system")), qPrintable(ro.out));
    }

    void volumesAndTmpfs() {
        TempDir host;
        writeText(host.path() / "from-host.txt", "shared with the container\n");
        QString bind = QString::fromStdString(host.path().string()) + QStringLiteral(":/data");
        auto r = runIn({QStringLiteral("-v"), bind, QStringLiteral("--tmpfs"), QStringLiteral("/scratch")},
                       QStringLiteral("cat /data/from-host.txt; echo written > /data/from-container.txt; mount | grep -c ' /scratch type tmpfs'"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("shared with the container")));
        QCOMPARE(readText(host.path() / "from-container.txt"), std::string("written\n"));
        auto ro = runIn({QStringLiteral("-v"), bind + QStringLiteral(":ro")}, QStringLiteral("echo x > /data/y 2>&1; echo rc=$?"));
        QVERIFY2(ro.out.contains(QStringLiteral("rc=1")), qPrintable(ro.out));
    }

    void detachedLifecycle() {
        auto run = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), QStringLiteral("lc"),
                          QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"),
                          QStringLiteral("trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.trimmed().size(), 64);
        QTRY_VERIFY_WITH_TIMEOUT(berth({QStringLiteral("logs"), QStringLiteral("lc")}).out.contains(QStringLiteral("ready")), 5000);
        auto ps = berth({QStringLiteral("ps")});
        QVERIFY2(ps.out.contains(QStringLiteral("lc")) && ps.out.contains(QStringLiteral("Up ")), qPrintable(ps.out));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("lc")}).exitCode, 1); // running: refused without -f
        auto stop = berth({QStringLiteral("stop"), QStringLiteral("lc")});
        QCOMPARE(stop.exitCode, 0);
        QCOMPARE(berth({QStringLiteral("wait"), QStringLiteral("lc")}).out.trimmed(), QStringLiteral("0"));
        QVERIFY(berth({QStringLiteral("logs"), QStringLiteral("lc")}).out.contains(QStringLiteral("bye")));
        auto status = berth({QStringLiteral("container"), QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Status}}"), QStringLiteral("lc")});
        QCOMPARE(status.out.trimmed(), QStringLiteral("exited"));
        QVERIFY(berth({QStringLiteral("ps"), QStringLiteral("-a")}).out.contains(QStringLiteral("Exited (0)")));
        auto start = berth({QStringLiteral("start"), QStringLiteral("lc")});
        QCOMPARE(start.exitCode, 0);
        QCOMPARE(berth({QStringLiteral("kill"), QStringLiteral("lc")}).exitCode, 0);
        QCOMPARE(berth({QStringLiteral("wait"), QStringLiteral("lc")}).out.trimmed(), QStringLiteral("137"));
        QCOMPARE(berth({QStringLiteral("rename"), QStringLiteral("lc"), QStringLiteral("lc2")}).exitCode, 0);
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("lc2")}).exitCode, 0);
        QVERIFY(!berth({QStringLiteral("ps"), QStringLiteral("-a")}).out.contains(QStringLiteral("lc2")));
        // The image is in use while a container exists, not after.
        QCOMPARE(berth({QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("holder"), QStringLiteral("berth-demo/web")}).exitCode, 0);
        auto rmi = berth({QStringLiteral("rmi"), QStringLiteral("berth-demo/web")});
        QCOMPARE(rmi.exitCode, 1);
        QVERIFY(rmi.err.contains(QStringLiteral("being used by container")));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("holder")}).exitCode, 0);
        QVERIFY(!mountedBelow(root()));
    }

    void restartPolicyOnFailure() {
        auto run = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), QStringLiteral("flaky"),
                          QStringLiteral("--restart"), QStringLiteral("on-failure:2"), QStringLiteral("berth-demo/hello"),
                          QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo attempt; exit 4")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        auto count = [&] {
            return berth({QStringLiteral("container"), QStringLiteral("inspect"), QStringLiteral("-f"),
                          QStringLiteral("{{.RestartCount}} {{.State.Status}}"), QStringLiteral("flaky")}).out.trimmed();
        };
        QTRY_COMPARE_WITH_TIMEOUT(count(), QStringLiteral("2 exited"), 10000);
        QCOMPARE(berth({QStringLiteral("logs"), QStringLiteral("flaky")}).out.count(QStringLiteral("attempt")), 3);
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("flaky")}).exitCode, 0);
    }

    void memoryLimitOomKills() {
        // 64 MiB of memory (and no more swap) for a program that wants 200 MiB: the kernel kills it.
        auto run = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("-m"), QStringLiteral("64m"), QStringLiteral("--memory-swap"),
                          QStringLiteral("64m"), QStringLiteral("--pids-limit"), QStringLiteral("20"), QStringLiteral("--name"), QStringLiteral("hog"),
                          QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"),
                          QStringLiteral("cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null; head -c 200m /dev/zero | tail > /dev/null")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QString id = run.out.trimmed();
        QCOMPARE(berth({QStringLiteral("wait"), QStringLiteral("hog")}).out.trimmed(), QStringLiteral("137"));
        auto oom = berth({QStringLiteral("container"), QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.OOMKilled}}"), QStringLiteral("hog")});
        QCOMPARE(oom.out.trimmed(), QStringLiteral("true"));
        QVERIFY(readText(root() / "events.jsonl").find("\"oom\"") != std::string::npos);
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("hog")}).exitCode, 0);
        // Its cgroups went with it (only this container's: other tests may run containers meanwhile).
        for (const char* controller : {"memory", "pids", "cpu", "freezer"})
            QVERIFY2(!fs::exists(fs::path("/sys/fs/cgroup") / controller / "berth" / id.toStdString()), controller);
    }

    void pauseTopStats() {
        QCOMPARE(berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), QStringLiteral("obs"), QStringLiteral("berth-demo/hello"),
                        QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("while true; do sleep 0.1; done")}).exitCode, 0);
        auto top = berth({QStringLiteral("top"), QStringLiteral("obs")});
        QVERIFY2(top.exitCode == 0 && top.out.contains(QStringLiteral("while true")), qPrintable(top.out + top.err));
        auto stats = berth({QStringLiteral("stats"), QStringLiteral("--no-stream"), QStringLiteral("obs")});
        QVERIFY2(stats.exitCode == 0 && stats.out.contains(QStringLiteral("obs")) && stats.out.contains(QStringLiteral("MEM USAGE")), qPrintable(stats.out + stats.err));
        QCOMPARE(berth({QStringLiteral("pause"), QStringLiteral("obs")}).exitCode, 0);
        QVERIFY(berth({QStringLiteral("ps")}).out.contains(QStringLiteral("(Paused)")));
        QCOMPARE(berth({QStringLiteral("pause"), QStringLiteral("obs")}).exitCode, 1); // already paused
        QCOMPARE(berth({QStringLiteral("unpause"), QStringLiteral("obs")}).exitCode, 0);
        QVERIFY(!berth({QStringLiteral("ps")}).out.contains(QStringLiteral("(Paused)")));
        // A paused container can be removed by force: it is thawed so SIGKILL lands.
        QCOMPARE(berth({QStringLiteral("pause"), QStringLiteral("obs")}).exitCode, 0);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("obs")}, 20000).exitCode, 0);
        QVERIFY(timer.elapsed() < 10000);
        std::string log = readText(root() / "events.jsonl");
        QVERIFY(log.find("\"pause\"") != std::string::npos && log.find("\"unpause\"") != std::string::npos);
    }

    void killedShimLeavesAnExitedContainer() {
        QCOMPARE(berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), QStringLiteral("orphan"), QStringLiteral("berth-demo/hello"),
                        QStringLiteral("sleep"), QStringLiteral("300")}).exitCode, 0);
        auto state = readText(root() / "containers" / berth({QStringLiteral("container"), QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.Id}}"), QStringLiteral("orphan")}).out.trimmed().toStdString() / "state.json");
        auto at = state.find("\"shimPid\":");
        QVERIFY(at != std::string::npos);
        int shim = std::atoi(state.c_str() + at + 10);
        QVERIFY(shim > 1);
        QCOMPARE(::kill(shim, SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(berth({QStringLiteral("ps"), QStringLiteral("-a")}).out.contains(QStringLiteral("Exited (137)")), 5000);
        QCOMPARE(berth({QStringLiteral("wait"), QStringLiteral("orphan")}).out.trimmed(), QStringLiteral("137"));
        QString id = berth({QStringLiteral("container"), QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.Id}}"), QStringLiteral("orphan")}).out.trimmed();
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("orphan")}).exitCode, 0);
        // The shim could not clean up its cgroup; rm did.
        QVERIFY(!fs::exists(fs::path("/sys/fs/cgroup/memory/berth") / id.toStdString()));
    }

    // state.json is replaced without fsync: after a power cut it may be empty. Such a container
    // still lists (exited), starts and is removed; its network files come back at start.
    void emptiedStateAndNetworkFilesAreRepaired() {
        QCOMPARE(berth({QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("cut"), QStringLiteral("berth-demo/hello"),
                        QStringLiteral("cat"), QStringLiteral("/etc/hosts")}).exitCode, 0);
        QString id = berth({QStringLiteral("container"), QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.Id}}"), QStringLiteral("cut")}).out.trimmed();
        fs::path dir = root() / "containers" / id.toStdString();
        for (const char* name : {"state.json", "hosts"}) std::ofstream(dir / name, std::ios::trunc).flush();
        QVERIFY(fs::file_size(dir / "state.json") == 0);
        auto ps = berth({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--filter"), QStringLiteral("name=cut")});
        QVERIFY2(ps.out.contains(QStringLiteral("Exited")), qPrintable(ps.out + ps.err));
        auto started = berth({QStringLiteral("start"), QStringLiteral("-a"), QStringLiteral("cut")});
        QCOMPARE(started.exitCode, 0);
        QVERIFY2(started.out.contains(QStringLiteral("localhost")), qPrintable(started.out + started.err));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("cut")}).exitCode, 0);
        QVERIFY(!fs::exists(dir));
    }

    void containersOutliveTheCli() {
        // The CLI that started it is gone the moment `run -d` returns; the container keeps running.
        QCOMPARE(berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), QStringLiteral("lives"), QStringLiteral("berth-demo/hello"),
                        QStringLiteral("sleep"), QStringLiteral("300")}).exitCode, 0);
        QTest::qWait(300);
        QVERIFY(berth({QStringLiteral("ps")}).out.contains(QStringLiteral("lives")));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("lives")}).exitCode, 0);
    }

    void moreRunFlags() {
        TempDir files;
        writeText(files.path() / "vars.env", "# a comment\nCOLOR=blue\nSIZE=large\n");
        auto envFile = runIn({QStringLiteral("--env-file"), QString::fromStdString((files.path() / "vars.env").string())}, QStringLiteral("echo $COLOR-$SIZE"));
        QCOMPARE(envFile.out.trimmed(), QStringLiteral("blue-large"));
        auto entry = berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--entrypoint"), QStringLiteral("echo"),
                            QStringLiteral("berth-demo/hello"), QStringLiteral("from"), QStringLiteral("entrypoint")});
        QCOMPARE(entry.out.trimmed(), QStringLiteral("from entrypoint"));
        auto limits = runIn({QStringLiteral("--cpus"), QStringLiteral("0.5"), QStringLiteral("--cpu-shares"), QStringLiteral("512"),
                             QStringLiteral("--pids-limit"), QStringLiteral("33")},
                            QStringLiteral("cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.shares /sys/fs/cgroup/pids/pids.max 2>/dev/null || "
                                           "cat /sys/fs/cgroup/cpu.max /sys/fs/cgroup/cpu.weight /sys/fs/cgroup/pids.max"));
        QVERIFY2(limits.exitCode == 0, qPrintable(limits.err));
        QStringList l = limits.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(l.size() == 3 && (l[0] == QStringLiteral("50000") || l[0].startsWith(QStringLiteral("50000 "))) && l[2] == QStringLiteral("33"), qPrintable(limits.out));
        auto host = runIn({QStringLiteral("--network"), QStringLiteral("host")}, QStringLiteral("ls /sys/class/net | wc -l"));
        auto none = runIn({}, QStringLiteral("ls /sys/class/net | wc -l"));
        QVERIFY2(host.out.trimmed().toInt() > none.out.trimmed().toInt(), qPrintable(host.out + QStringLiteral(" vs ") + none.out));
    }

    void stopSignalAndTimeout() {
        QCOMPARE(berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), QStringLiteral("usr1"), QStringLiteral("--stop-signal"), QStringLiteral("SIGUSR1"),
                        QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("trap 'echo got-usr1; exit 5' USR1; while true; do sleep 0.1; done")}).exitCode, 0);
        QTest::qWait(300);
        QCOMPARE(berth({QStringLiteral("stop"), QStringLiteral("usr1")}).exitCode, 0);
        QCOMPARE(berth({QStringLiteral("wait"), QStringLiteral("usr1")}).out.trimmed(), QStringLiteral("5"));
        QVERIFY(berth({QStringLiteral("logs"), QStringLiteral("usr1")}).out.contains(QStringLiteral("got-usr1")));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("usr1")}).exitCode, 0);
        // pid 1 ignores SIGTERM without a handler: after --stop-timeout 1 it is killed (137).
        QCOMPARE(berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), QStringLiteral("deaf"), QStringLiteral("--stop-timeout"), QStringLiteral("1"),
                        QStringLiteral("berth-demo/hello"), QStringLiteral("sleep"), QStringLiteral("300")}).exitCode, 0);
        QElapsedTimer t;
        t.start();
        QCOMPARE(berth({QStringLiteral("stop"), QStringLiteral("deaf")}).exitCode, 0);
        QVERIFY2(t.elapsed() >= 900 && t.elapsed() < 8000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(berth({QStringLiteral("wait"), QStringLiteral("deaf")}).out.trimmed(), QStringLiteral("137"));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("deaf")}).exitCode, 0);
    }

    void stdinAndTerminal() {
        auto in = berth({QStringLiteral("run"), QStringLiteral("-i"), QStringLiteral("--rm"), QStringLiteral("berth-demo/hello"),
                         QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("wc -l; exit 4")}, 30000);
        // runBerth gives no stdin: EOF at once, zero lines.
        QCOMPARE(in.exitCode, 4);
        QCOMPARE(in.out.trimmed(), QStringLiteral("0"));
        auto fed = runBerth(root(), {QStringLiteral("run"), QStringLiteral("-i"), QStringLiteral("--rm"), QStringLiteral("berth-demo/hello"), QStringLiteral("cat")},
                            30000, {}, "through stdin\n");
        QCOMPARE(fed.exitCode, 0);
        QCOMPARE(fed.out, QStringLiteral("through stdin\n"));
        auto tty = berth({QStringLiteral("run"), QStringLiteral("-t"), QStringLiteral("--rm"), QStringLiteral("berth-demo/hello"), QStringLiteral("sh"),
                          QStringLiteral("-c"), QStringLiteral("tty; echo $TERM; ls -l /dev/console | cut -c1")});
        QCOMPARE(tty.exitCode, 0);
        QVERIFY2(tty.out.contains(QStringLiteral("/dev/pts/0")) && tty.out.contains(QStringLiteral("xterm")) && tty.out.contains(QStringLiteral("c")), qPrintable(tty.out));
        // attach: a detached -i container reads what the attached client sends.
        QCOMPARE(berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("-i"), QStringLiteral("--name"), QStringLiteral("att"),
                        QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("read x; echo got $x; exit 2")}).exitCode, 0);
        auto att = runBerth(root(), {QStringLiteral("attach"), QStringLiteral("att")}, 30000, {}, "val\n");
        QCOMPARE(att.exitCode, 2);
        QCOMPARE(att.out.trimmed(), QStringLiteral("got val"));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("att")}).exitCode, 0);
        auto notTty = runBerth(root(), {QStringLiteral("run"), QStringLiteral("-it"), QStringLiteral("--rm"), QStringLiteral("berth-demo/hello"), QStringLiteral("true")}, 30000, {}, "x");
        QCOMPARE(notTty.exitCode, 1);
        QVERIFY(notTty.err.contains(QStringLiteral("not a TTY")));
    }

    void logsRotateWithoutLosingAttachedOutput() {
        // Attached output comes through the shim, not the log: even a log rotating every ~190
        // lines loses nothing on the terminal, while the files on disk stay bounded.
        auto r = berth({QStringLiteral("run"), QStringLiteral("--name"), QStringLiteral("chatty"), QStringLiteral("--log-opt"), QStringLiteral("max-size=10k"),
                        QStringLiteral("--log-opt"), QStringLiteral("max-file=2"), QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count(QLatin1Char('\n')), 2000);
        QString id = berth({QStringLiteral("container"), QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.Id}}"), QStringLiteral("chatty")}).out.trimmed();
        fs::path dir = root() / "containers" / id.toStdString();
        QVERIFY(fs::exists(dir / (id.toStdString() + "-json.log.1")));
        QVERIFY(!fs::exists(dir / (id.toStdString() + "-json.log.2")));
        QVERIFY(fs::file_size(dir / (id.toStdString() + "-json.log")) <= 10240 + 200);
        auto logs = berth({QStringLiteral("logs"), QStringLiteral("--tail"), QStringLiteral("1"), QStringLiteral("chatty")});
        QCOMPARE(logs.out.trimmed(), QStringLiteral("line-1999"));
        QCOMPARE(berth({QStringLiteral("logs"), QStringLiteral("--since"), QStringLiteral("2099-01-01T00:00:00Z"), QStringLiteral("chatty")}).out, QString());
        QVERIFY(berth({QStringLiteral("logs"), QStringLiteral("--since"), QStringLiteral("10m"), QStringLiteral("chatty")}).out.contains(QStringLiteral("line-1999")));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("chatty")}).exitCode, 0);
    }

    void eventsAreRecorded() {
        QCOMPARE(berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--name"), QStringLiteral("ev"), QStringLiteral("berth-demo/hello"), QStringLiteral("true")}).exitCode, 0);
        std::string log = readText(root() / "events.jsonl");
        for (const char* action : {"\"create\"", "\"start\"", "\"die\"", "\"destroy\""})
            QVERIFY2(log.find(action) != std::string::npos, action);
    }

    void cleanupTestCase() {
        if (!m_root) return;
        auto all = berth({QStringLiteral("ps"), QStringLiteral("-aq")});
        for (auto& id : all.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) berth({QStringLiteral("rm"), QStringLiteral("-f"), id});
        QVERIFY(!mountedBelow(root()));
    }
};

QTEST_GUILESS_MAIN(TestContainerLifecycle)
#include "tst_container_lifecycle.moc"
