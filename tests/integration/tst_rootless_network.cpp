// Rootless user networks as a real ordinary user (BERTH_TEST_PRIVILEGED: useradd, network
// namespaces): two containers on a user network find each other by name and alias through the
// embedded DNS server, a published port answers on 127.0.0.1, two networks stay isolated, and once
// the containers are gone the user's network namespace, its slirp4netns and the networks leave
// nothing behind. Everything runs inside a network namespace this test creates (slirp4netns's
// "outside" is that namespace), with /dev/net/tun bound to a 0666 node (udev's mode) in a private
// mount namespace, as root before dropping to the user.
#include "test_env.h"
#include "test_user.h"

#include <QProcess>
#include <QtTest>

#include <csignal>
#include <random>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace berth::test;
namespace fs = std::filesystem;

class TestRootlessNetwork : public QObject {
    Q_OBJECT

    std::unique_ptr<TestUser> m_user;
    std::unique_ptr<TempDir> m_dev; // the 0666 tun node
    QString m_netns;
    int m_port = 0;

    CommandResult inNs(const QString& program, const QStringList& args, int timeoutMs = 60000) {
        return run(QStringLiteral("nsenter"), QStringList{"--net=/run/netns/" + m_netns, program} + args,
                   timeoutMs);
    }
    // berth as the test user, in the test's network namespace, with a usable /dev/net/tun.
    CommandResult berth(const QStringList& args, int timeoutMs = 120000) {
        const QString script = QStringLiteral(
            "mount --bind \"$TUN\" /dev/net/tun && cd \"$UHOME\" && exec setpriv --reuid=\"$UID_\" "
            "--regid=\"$GID_\" "
            "--clear-groups env -i HOME=\"$UHOME\" USER=\"$UNAME\" LOGNAME=\"$UNAME\" "
            "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin XDG_RUNTIME_DIR=\"$URUN\" \"$@\"");
        QStringList env{"TUN=" + QString::fromStdString((m_dev->path() / "tun").string()),
                        "UHOME=" + QString::fromStdString(m_user->home().string()),
                        "UID_=" + QString::number(m_user->uid()),
                        "GID_=" + QString::number(m_user->gid()),
                        "UNAME=" + QString::fromStdString(m_user->name()),
                        "URUN=" + QString::fromStdString(m_user->runtimeDir().string())};
        const QStringList shell{"unshare", "--mount", "--propagation", "private", "sh", "-c",
                                script,    "sh",      berthBinary()};
        return inNs(QStringLiteral("env"), env + shell + args, timeoutMs);
    }
    CommandResult fetchFrom(const QString& container, const QString& url) {
        return berth({"exec", container, "timeout", "5", "wget", "-q", "-O", "-", url});
    }
    QString addressOn(const QString& container, const QString& network) {
        return berth({"inspect", "-f", "{{.NetworkSettings.Networks." + network + ".IPAddress}}", container})
            .out.trimmed();
    }
    // The user's live processes named comm (berth-netns, slirp4netns); zombies hold nothing.
    int processesNamed(const std::string& comm) {
        int n = 0;
        for (pid_t p : m_user->processes()) {
            const fs::path proc = "/proc/" + std::to_string(p);
            const std::string stat = readText(proc / "stat");
            const auto paren = stat.rfind(')');
            const bool zombie =
                paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] == 'Z';
            if (!zombie && readText(proc / "comm") == comm + "\n") ++n;
        }
        return n;
    }

private slots:
    void initTestCase() {
        if (!isRoot())
            QSKIP("needs root: makes a throwaway user and network namespaces (BERTH_TEST_PRIVILEGED)");
        for (const char* tool : {"ip", "nsenter", "unshare", "setpriv", "mount", "busybox", "useradd",
                                 "slirp4netns", "newuidmap", "newgidmap"})
            if (!haveTool(QString::fromLatin1(tool)))
                QSKIP(qPrintable(QStringLiteral("needs ") + QString::fromLatin1(tool)));
        m_dev = std::make_unique<TempDir>();
        const fs::path tun = m_dev->path() / "tun";
        if (::mknod(tun.c_str(), S_IFCHR | 0666, makedev(10, 200)) != 0)
            QSKIP("cannot make a tun device node");
        ::chmod(tun.c_str(), 0666);
        std::random_device rd;
        m_netns = QStringLiteral("berth-t-rlnet-%1").arg(rd() % 1000000);
        m_port = static_cast<int>(20000 + rd() % 20000);
        QCOMPARE(run("ip", {"netns", "add", m_netns}).exitCode, 0);
        QCOMPARE(inNs("ip", {"link", "set", "lo", "up"}).exitCode, 0);
        m_user = std::make_unique<TestUser>(true);
        QVERIFY2(m_user->isValid(), qPrintable(m_user->error()));
        auto info = berth({"info"});
        if (info.exitCode != 0 && info.err.contains("user namespace"))
            QSKIP(qPrintable("no user namespaces: " + info.err.trimmed()));
        QVERIFY2(info.exitCode == 0, qPrintable(QString::number(info.exitCode) + " " + info.err + info.out));
        QVERIFY2(info.out.contains("user networks with name resolution"), qPrintable(info.out));
        auto load =
            berth({"load", "-i", QString::fromStdString((demoDir() / "berth-demo-web.tar").string())});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err));
    }

    void containersResolveEachOtherByNameAndAlias() {
        auto n1 = berth({"network", "create", "n1"});
        QVERIFY2(n1.exitCode == 0, qPrintable(n1.err));
        QCOMPARE(processesNamed("berth-netns"), 0); // made at the first attach, not at create
        auto web = berth({"run", "-d", "--network", "n1", "--network-alias", "webalias", "--name", "web1",
                          "-p", QStringLiteral("127.0.0.1:%1:80").arg(m_port), "berth-demo/web"});
        QVERIFY2(web.exitCode == 0, qPrintable(web.err));
        auto client = berth({"run", "-d", "--network", "n1", "--name", "client1", "--entrypoint", "sleep",
                             "berth-demo/web", "300"});
        QVERIFY2(client.exitCode == 0, qPrintable(client.err));
        QCOMPARE(processesNamed("berth-netns"), 1); // one namespace for both
        QCOMPARE(processesNamed("slirp4netns"), 1);
        const QString webIp = addressOn("web1", "n1"), clientIp = addressOn("client1", "n1");
        QVERIFY2(webIp.startsWith("10.89.") && clientIp.startsWith("10.89.") && webIp != clientIp,
                 qPrintable(webIp + " " + clientIp));
        auto byName = berth({"exec", "client1", "nslookup", "web1", "127.0.0.11"});
        QVERIFY2(byName.exitCode == 0 && byName.out.contains(webIp), qPrintable(byName.out + byName.err));
        auto byAlias = berth({"exec", "client1", "nslookup", "webalias", "127.0.0.11"});
        QVERIFY2(byAlias.exitCode == 0 && byAlias.out.contains(webIp), qPrintable(byAlias.out + byAlias.err));
        auto back = berth({"exec", "web1", "nslookup", "client1", "127.0.0.11"});
        QVERIFY2(back.exitCode == 0 && back.out.contains(clientIp), qPrintable(back.out + back.err));
        // Traffic by name, across the bridge in the user's namespace.
        auto ping = berth({"exec", "client1", "ping", "-c", "1", "-W", "5", "web1"});
        QVERIFY2(ping.exitCode == 0, qPrintable(ping.out + ping.err));
        QTRY_VERIFY_WITH_TIMEOUT(fetchFrom("client1", "http://webalias/").out.contains("Berth"), 10000);
        // The published port answers on the host's 127.0.0.1 (the shim forwards it).
        QTRY_VERIFY_WITH_TIMEOUT(inNs("timeout", {"5", "busybox", "wget", "-q", "-O-",
                                                  QStringLiteral("http://127.0.0.1:%1/").arg(m_port)})
                                     .out.contains("Hello from a Berth container"),
                                 10000);
        QCOMPARE(berth({"port", "web1"}).out.trimmed(), QStringLiteral("80/tcp -> 127.0.0.1:%1").arg(m_port));
    }

    void networksAreIsolated() {
        auto n2 = berth({"network", "create", "n2"});
        QVERIFY2(n2.exitCode == 0, qPrintable(n2.err));
        auto other = berth({"run", "-d", "--network", "n2", "--name", "client2", "--entrypoint", "sleep",
                            "berth-demo/web", "300"});
        QVERIFY2(other.exitCode == 0, qPrintable(other.err));
        QCOMPARE(processesNamed("berth-netns"), 1);
        const QString webIp = addressOn("web1", "n1");
        QVERIFY(fetchFrom("client1", "http://" + webIp + "/").out.contains("Berth"));
        auto across = fetchFrom("client2", "http://" + webIp + "/");
        QVERIFY2(!across.out.contains("Berth"), qPrintable(across.out));
        auto byName = berth({"exec", "client2", "nslookup", "web1", "127.0.0.11"});
        QVERIFY2(!byName.out.contains(webIp), qPrintable(byName.out));
        // Joined to n1 as well (the engine attaches it in the user's namespace), it reaches web1 by name.
        auto connect = berth({"network", "connect", "n1", "client2"});
        QVERIFY2(connect.exitCode == 0, qPrintable(connect.err));
        QTRY_VERIFY_WITH_TIMEOUT(fetchFrom("client2", "http://web1/").out.contains("Berth"), 10000);
        auto disconnect = berth({"network", "disconnect", "n1", "client2"});
        QVERIFY2(disconnect.exitCode == 0, qPrintable(disconnect.err));
        QVERIFY(!fetchFrom("client2", "http://" + webIp + "/").out.contains("Berth"));
    }

    // Outbound traffic leaves through the namespace's slirp4netns: a server on the test
    // namespace's own address (slirp's "outside") answers a container on n2.
    void containersReachOut() {
        QCOMPARE(inNs("ip", {"link", "add", "bt-out", "type", "veth", "peer", "name", "bt-outp"}).exitCode,
                 0);
        QCOMPARE(inNs("ip", {"link", "set", "bt-outp", "up"}).exitCode, 0);
        QCOMPARE(inNs("ip", {"addr", "add", "192.0.2.10/24", "dev", "bt-out"}).exitCode, 0);
        QCOMPARE(inNs("ip", {"link", "set", "bt-out", "up"}).exitCode, 0);
        TempDir www;
        writeText(www.path() / "hello.txt", "hello from outside\n");
        fs::permissions(www.path(), fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
        QProcess httpd;
        httpd.start("nsenter", {"--net=/run/netns/" + m_netns, "busybox", "httpd", "-f", "-p",
                                QStringLiteral("192.0.2.10:%1").arg(m_port + 1), "-h",
                                QString::fromStdString(www.path().string())});
        QVERIFY(httpd.waitForStarted());
        QTest::qWait(300);
        auto r = fetchFrom("client2", QStringLiteral("http://192.0.2.10:%1/hello.txt").arg(m_port + 1));
        httpd.kill();
        httpd.waitForFinished();
        QVERIFY2(r.out.contains("hello from outside"), qPrintable(r.out + r.err));
    }

    // The last container leaving takes the namespace and its slirp4netns; the next one brings them back.
    void teardownLeavesNothing() {
        QCOMPARE(berth({"rm", "-f", "web1", "client1"}).exitCode, 0);
        QCOMPARE(processesNamed("berth-netns"), 1); // client2 still holds it
        QCOMPARE(berth({"rm", "-f", "client2"}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(processesNamed("berth-netns"), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(processesNamed("slirp4netns"), 0, 5000);
        auto again = berth({"run", "--rm", "--network", "n1", "--name", "again", "berth-demo/web", "nslookup",
                            "again", "127.0.0.11"});
        QVERIFY2(again.exitCode == 0 && again.out.contains("10.89."), qPrintable(again.out + again.err));
        QTRY_COMPARE_WITH_TIMEOUT(processesNamed("berth-netns"), 0, 5000);
        QCOMPARE(berth({"network", "rm", "n1", "n2"}).exitCode, 0);
        QCOMPARE(processesNamed("berth-netns"), 0);
        QCOMPARE(processesNamed("slirp4netns"), 0);
        QVERIFY(!fs::exists(m_user->runtimeDir() / "berth/netns.pid"));
        const std::string mounts = readText("/proc/self/mountinfo");
        QVERIFY(mounts.find(m_user->home().string()) == std::string::npos);
        QVERIFY(mounts.find(m_user->runtimeDir().string()) == std::string::npos);
    }

    // A shim killed with SIGKILL releases nothing: `rm` of its container still stops the namespace.
    void killedShimLeavesNothingAfterRm() {
        QCOMPARE(berth({"network", "create", "n3"}).exitCode, 0);
        auto r = berth({"run", "-d", "--network", "n3", "--name", "orphan", "--entrypoint", "sleep",
                        "berth-demo/web", "300"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(processesNamed("berth-netns"), 1);
        pid_t shim = 0;
        for (pid_t p : m_user->processes())
            if (readText("/proc/" + std::to_string(p) + "/comm") == "berth-shim\n") shim = p;
        QVERIFY(shim > 0);
        QCOMPARE(::kill(shim, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(processesNamed("berth-shim"), 0, 5000);
        QCOMPARE(processesNamed("berth-netns"), 1); // nobody was left to stop it
        QCOMPARE(berth({"rm", "-f", "orphan"}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(processesNamed("berth-netns"), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(processesNamed("slirp4netns"), 0, 5000);
        QCOMPARE(berth({"network", "rm", "n3"}).exitCode, 0);
    }

    void cleanupTestCase() {
        if (m_user && m_user->isValid() && !m_netns.isEmpty()) {
            for (auto& id : berth({"ps", "-aq"}).out.split('\n', Qt::SkipEmptyParts))
                berth({"rm", "-f", id});
            berth({"network", "prune", "-f"});
        }
        m_user.reset(); // kills whatever of the user's is left
        if (!m_netns.isEmpty()) run("ip", {"netns", "delete", m_netns});
        m_dev.reset();
    }
};

QTEST_GUILESS_MAIN(TestRootlessNetwork)
#include "tst_rootless_network.moc"
