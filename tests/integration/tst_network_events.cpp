// Network lifecycle details that follow Docker (BERTH_TEST_PRIVILEGED): network events in the
// events log and `berth events`, the network modes `network connect` refuses, host ports allocated
// at start rather than at create, and `network rm` of a network only stopped containers are on.
// Everything runs inside a network namespace this test creates and deletes.
#include "test_env.h"

#include <QtTest>
#include <random>

using namespace berth::test;
namespace fs = std::filesystem;

class TestNetworkEvents : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    QString m_netns;
    int m_port = 0;

    CommandResult inNs(const QString& program, const QStringList& args, int timeoutMs = 60000) {
        QStringList all{QStringLiteral("--net=/run/netns/") + m_netns, program};
        return run(QStringLiteral("nsenter"), all + args, timeoutMs);
    }
    CommandResult berth(const QStringList& args) {
        return inNs(berthBinary(),
                    QStringList{QStringLiteral("--root"), QString::fromStdString(m_root->path().string())} +
                        args);
    }
    QString idOf(const QString& container) {
        return berth({"inspect", "-f", "{{.Id}}", container}).out.trimmed();
    }
    QString networkId(const QString& network) {
        return berth({"network", "inspect", "-f", "{{.Id}}", network}).out.trimmed();
    }
    // `berth events` lines so far that mention `needle`, without their timestamps.
    QStringList eventLines(const QString& needle) {
        auto r = berth({"events", "--since", "0", "--until", "0s"});
        QStringList out;
        for (auto& line : r.out.split('\n', Qt::SkipEmptyParts))
            if (line.contains(needle)) out << line.section(' ', 1);
        return out;
    }
    // A container's start, die, connect and disconnect events, but those of evnet (its `network
    // connect` and `disconnect`); kill and stop are the CLI's, create has no network side.
    QStringList lifecycle(const QString& id) {
        QStringList seen;
        for (auto& line : eventLines(id)) {
            const QString action = line.section(' ', 0, 1);
            if (!line.contains("name=evnet") && action != "container kill" && action != "container stop" &&
                action != "container create")
                seen << action;
        }
        return seen;
    }
    QString status(const QString& container) {
        return berth({"inspect", "-f", "{{.State.Status}}", container}).out.trimmed();
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: network namespaces, bridges and nftables");
        for (const char* tool : {"ip", "nft", "nsenter", "busybox", "timeout"})
            if (!haveTool(QString::fromLatin1(tool)))
                QSKIP(qPrintable(QStringLiteral("needs ") + QString::fromLatin1(tool)));
        const unsigned r = std::random_device{}();
        m_netns = QStringLiteral("berth-t-nev-%1").arg(r % 1000000);
        m_port = 20000 + static_cast<int>(r % 20000);
        QCOMPARE(run("ip", {"netns", "add", m_netns}).exitCode, 0);
        QCOMPARE(inNs("ip", {"link", "set", "lo", "up"}).exitCode, 0);
        m_root = std::make_unique<TempDir>();
        auto load =
            berth({"load", "-i", QString::fromStdString((demoDir() / "berth-demo-web.tar").string())});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err));
    }

    // create, connect, disconnect, destroy: Docker's four network actions, in order, in its format.
    void networkVerbsAreEvents() {
        auto created = berth({"network", "create", "evnet"});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString net = created.out.trimmed();
        auto ctr = berth({"run", "-d", "--network", "bridge", "--name", "ev1", "--entrypoint", "sleep",
                          "berth-demo/web", "300"});
        QVERIFY2(ctr.exitCode == 0, qPrintable(ctr.err));
        const QString id = ctr.out.trimmed();
        QCOMPARE(berth({"network", "connect", "evnet", "ev1"}).exitCode, 0);
        QCOMPARE(berth({"network", "disconnect", "evnet", "ev1"}).exitCode, 0);
        QCOMPARE(berth({"network", "rm", "evnet"}).exitCode, 0);
        const QStringList lines = eventLines(net);
        const QStringList want{
            QStringLiteral("network create %1 (name=evnet, type=bridge)").arg(net),
            QStringLiteral("network connect %1 (container=%2, name=evnet, type=bridge)").arg(net, id),
            QStringLiteral("network disconnect %1 (container=%2, name=evnet, type=bridge)").arg(net, id),
            QStringLiteral("network destroy %1 (name=evnet, type=bridge)").arg(net)};
        QCOMPARE(lines, want);
        // The raw log has Docker's shape: Type network, the network's id as the actor.
        std::string log = readText(m_root->path() / "events.jsonl");
        QVERIFY(log.find("\"Type\":\"network\"") != std::string::npos);
    }

    // A start connects the container to its network before its start event; its exit
    // disconnects it after its die event, as Docker's daemon logs them.
    void startAndStopConnectAndDisconnect() {
        const QString id = idOf("ev1");
        const QString bridge = networkId("bridge");
        QCOMPARE(bridge.size(), 64);
        QCOMPARE(berth({"stop", "-t", "0", "ev1"}).exitCode, 0);
        QCOMPARE(berth({"start", "ev1"}).exitCode, 0);
        QCOMPARE(berth({"stop", "-t", "0", "ev1"}).exitCode, 0);
        // The shim logs die and disconnect just after stop returns.
        const QStringList cycle{"network connect", "container start", "container die", "network disconnect"};
        QTRY_COMPARE_WITH_TIMEOUT(lifecycle(id), cycle + cycle, 5000);
        QVERIFY(
            eventLines(
                QStringLiteral("network connect %1 (container=%2, name=bridge, type=bridge)").arg(bridge, id))
                .size() == 2);
    }

    // Docker's refusals for namespaces that take no other network.
    void connectRefusesSharedAndPrivateModes() {
        QCOMPARE(berth({"network", "create", "evnet2"}).exitCode, 0);
        QCOMPARE(berth({"start", "ev1"}).exitCode, 0);
        const QString shared = "container sharing network namespace with another container or host cannot be "
                               "connected to any other network";
        const QString none = "container cannot be connected to multiple networks with one of the networks in "
                             "private (none) mode";
        struct Case {
            const char* name;
            const char* mode;
            QString message;
        } cases[] = {{"onhost", "host", shared},
                     {"onnone", "none", none},
                     {"joined", "container:ev1", shared},
                     {"slirp", "slirp4netns", "networks can only be joined in bridge mode"}};
        for (auto& c : cases) {
            auto made = berth({"create", "--network", c.mode, "--name", c.name, "berth-demo/web"});
            QVERIFY2(made.exitCode == 0, qPrintable(made.err));
            auto r = berth({"network", "connect", "evnet2", c.name});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(c.message), qPrintable(QString::fromLatin1(c.mode) + ": " + r.err));
            QCOMPARE(berth({"rm", c.name}).exitCode, 0);
        }
        // Joining host or none from a bridge container is refused too.
        QVERIFY2(berth({"network", "connect", "host", "ev1"}).err.contains(shared), "host");
        QVERIFY2(berth({"network", "connect", "none", "ev1"}).err.contains(none), "none");
        QCOMPARE(berth({"network", "rm", "evnet2"}).exitCode, 0);
    }

    // Two stopped containers may name one host port; the second to start is refused, cleanly.
    void portsAreAllocatedAtStart() {
        const QString spec = QStringLiteral("127.0.0.1:%1:80").arg(m_port);
        for (const char* n : {"pa", "pb"}) {
            auto c = berth({"create", "--network", "bridge", "-p", spec, "--name", n, "berth-demo/web"});
            QVERIFY2(c.exitCode == 0, qPrintable(QString::fromLatin1(n) + ": " + c.err));
        }
        QCOMPARE(berth({"start", "pa"}).exitCode, 0);
        auto second = berth({"start", "pb"});
        QCOMPARE(second.exitCode, 125);
        QVERIFY2(second.err.contains(
                     QStringLiteral("bind for 127.0.0.1:%1 failed: port is already allocated").arg(m_port)),
                 qPrintable(second.err));
        QVERIFY2(status("pb") != "running", qPrintable(status("pb")));
        QCOMPARE(status("pa"), QStringLiteral("running"));
        // Nothing of pb's start is left: no lease, no port rule, no host link.
        const QString pb = idOf("pb");
        const std::string leases = readText(m_root->path() / "networks" / "bridge.json");
        QVERIFY2(leases.find(pb.toStdString()) == std::string::npos, leases.c_str());
        const QString rules = inNs("nft", {"list", "table", "ip", "berth"}).out;
        QVERIFY2(!rules.contains("berth:" + pb) && rules.contains("berth:" + idOf("pa")), qPrintable(rules));
        QVERIFY(!inNs("ip", {"-o", "link"}).out.contains("vb" + pb.left(11)));
        QTRY_VERIFY_WITH_TIMEOUT(inNs("timeout", {"5", "busybox", "wget", "-q", "-O-",
                                                  QStringLiteral("http://127.0.0.1:%1/").arg(m_port)})
                                     .out.contains("Berth"),
                                 10000);
        // `run` refuses it before creating anything.
        auto ran = berth({"run", "-d", "--network", "bridge", "-p", spec, "--name", "pc", "berth-demo/web"});
        QCOMPARE(ran.exitCode, 125);
        QVERIFY2(ran.err.contains("port is already allocated"), qPrintable(ran.err));
        QVERIFY(!berth({"ps", "-a"}).out.contains("pc"));
        // Once pa stops, pb gets the port.
        QCOMPARE(berth({"stop", "-t", "0", "pa"}).exitCode, 0);
        auto again = berth({"start", "pb"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QTRY_VERIFY_WITH_TIMEOUT(inNs("timeout", {"5", "busybox", "wget", "-q", "-O-",
                                                  QStringLiteral("http://127.0.0.1:%1/").arg(m_port)})
                                     .out.contains("Berth"),
                                 10000);
        QCOMPARE(berth({"rm", "-f", "pa", "pb"}).exitCode, 0);
    }

    // Docker: only running containers are endpoints. A network whose containers are stopped can be
    // removed; such a container then fails to start ("network … not found") until it is
    // disconnected with --force (a network joined with connect) or recreated.
    void removeNetworkOfStoppedContainers() {
        QCOMPARE(berth({"network", "create", "netr"}).exitCode, 0);
        QCOMPARE(berth({"run", "-d", "--network", "netr", "--name", "r1", "--entrypoint", "sleep",
                        "berth-demo/web", "300"})
                     .exitCode,
                 0);
        auto busy = berth({"network", "rm", "netr"});
        QCOMPARE(busy.exitCode, 1);
        QVERIFY2(busy.err.contains("network netr has active endpoints"), qPrintable(busy.err));
        QCOMPARE(berth({"stop", "-t", "0", "r1"}).exitCode, 0);
        QVERIFY(!berth({"network", "inspect", "netr"}).out.contains("r1"));
        auto rm = berth({"network", "rm", "netr"});
        QVERIFY2(rm.exitCode == 0, qPrintable(rm.err));
        auto start = berth({"start", "r1"});
        QVERIFY(start.exitCode != 0);
        QVERIFY2(start.err.contains("network netr not found"), qPrintable(start.err));

        QCOMPARE(berth({"network", "create", "netq"}).exitCode, 0);
        QCOMPARE(berth({"network", "connect", "netq", "ev1"}).exitCode, 0);
        QCOMPARE(berth({"stop", "-t", "0", "ev1"}).exitCode, 0);
        QCOMPARE(berth({"network", "rm", "netq"}).exitCode, 0);
        auto stale = berth({"start", "ev1"});
        QVERIFY2(stale.exitCode != 0 && stale.err.contains("network netq not found"), qPrintable(stale.err));
        auto plain = berth({"network", "disconnect", "netq", "ev1"});
        QVERIFY2(plain.exitCode != 0 && plain.err.contains("network netq not found"), qPrintable(plain.err));
        auto forced = berth({"network", "disconnect", "-f", "netq", "ev1"});
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        auto fixed = berth({"start", "ev1"});
        QVERIFY2(fixed.exitCode == 0, qPrintable(fixed.err));
        QCOMPARE(berth({"rm", "-f", "r1", "ev1"}).exitCode, 0);
    }

    // The shim wires the bridge while the init mounts the rootfs, and rewrites /etc/hosts in
    // place: the program still starts with eth0 up and its own address in /etc/hosts.
    void programStartsWithItsNetwork() {
        for (int i = 0; i < 5; ++i) {
            auto r = berth({"run", "--rm", "--network", "bridge", "--hostname", "h1", "berth-demo/web", "sh",
                            "-c", "ip -4 -o addr show eth0; cat /etc/hosts; ip route"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const QString ip = r.out.section("inet ", 1).section('/', 0, 0);
            QVERIFY2(ip.startsWith("10.88."), qPrintable(r.out));
            QVERIFY2(r.out.contains(ip + "\th1"), qPrintable(r.out));
            QVERIFY2(r.out.contains("default via 10.88.0.1"), qPrintable(r.out));
        }
    }

    // A program that cannot start leaves nothing on the network: its lease, port rule and host
    // link go at once (the shim wired them while the init was setting up), not at the next sweep.
    void failedExecReleasesItsNetwork() {
        const QString spec = QStringLiteral("127.0.0.1:%1:80").arg(m_port + 1);
        auto r = berth({"run", "-d", "--network", "bridge", "-p", spec, "--name", "bad", "berth-demo/web",
                        "/no/such/program"});
        QCOMPARE(r.exitCode, 127);
        const QString id = idOf("bad");
        QCOMPARE(id.size(), 64);
        QTRY_VERIFY_WITH_TIMEOUT(
            readText(m_root->path() / "networks" / "bridge.json").find(id.toStdString()) == std::string::npos,
            5000);
        QTRY_VERIFY_WITH_TIMEOUT(!inNs("nft", {"list", "table", "ip", "berth"}).out.contains("berth:" + id),
                                 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!inNs("ip", {"-o", "link"}).out.contains("vb" + id.left(11)), 5000);
        QCOMPARE(berth({"rm", "bad"}).exitCode, 0);
    }

    void cleanupTestCase() {
        if (m_root) {
            auto all = berth({"ps", "-aq"});
            for (auto& id : all.out.split('\n', Qt::SkipEmptyParts))
                berth({"rm", "-f", id});
            for (const char* n : {"evnet", "evnet2", "netr", "netq"})
                berth({"network", "rm", "-f", QString::fromLatin1(n)});
        }
        if (!m_netns.isEmpty()) run("ip", {"netns", "delete", m_netns});
    }
};

QTEST_GUILESS_MAIN(TestNetworkEvents)
#include "tst_network_events.moc"
