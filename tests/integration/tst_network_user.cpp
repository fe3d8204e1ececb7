// User-defined networks end to end (BERTH_TEST_PRIVILEGED): `berth network` verbs, containers that
// find each other by name and alias on one network and cannot reach each other across two,
// --add-host, --dns, -P, container:<name>, and teardown that leaves no link, rule or lease.
// Everything runs inside a network namespace this test creates and deletes.
#include "test_env.h"

#include <QtTest>
#include <random>

using namespace berth::test;
namespace fs = std::filesystem;

class TestNetworkUser : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    QString m_netns;

    CommandResult inNs(const QString& program, const QStringList& args, int timeoutMs = 60000) {
        QStringList all{QStringLiteral("--net=/run/netns/") + m_netns, program};
        return run(QStringLiteral("nsenter"), all + args, timeoutMs);
    }
    CommandResult berth(const QStringList& args) {
        return inNs(berthBinary(), QStringList{QStringLiteral("--root"), QString::fromStdString(m_root->path().string())} + args);
    }
    // `wget` from inside a container of the network (busybox wget -T crashes, hence timeout).
    CommandResult fetchFrom(const QString& container, const QString& url) {
        return berth({"exec", container, "timeout", "5", "wget", "-q", "-O", "-", url});
    }
    QString lsNetworks() { return berth({"network", "ls"}).out; }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: network namespaces, bridges and nftables");
        for (const char* tool : {"ip", "nft", "nsenter", "busybox", "timeout"})
            if (!haveTool(QString::fromLatin1(tool))) QSKIP(qPrintable(QStringLiteral("needs ") + QString::fromLatin1(tool)));
        m_netns = QStringLiteral("berth-t-unet-%1").arg(std::random_device{}() % 1000000);
        QCOMPARE(run("ip", {"netns", "add", m_netns}).exitCode, 0);
        QCOMPARE(inNs("ip", {"link", "set", "lo", "up"}).exitCode, 0);
        m_root = std::make_unique<TempDir>();
        auto load = berth({"load", "-i", QString::fromStdString((demoDir() / "berth-demo-web.tar").string())});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err));
    }

    void createListInspect() {
        auto ls = lsNetworks();
        QVERIFY2(ls.startsWith("NETWORK ID"), qPrintable(ls));
        for (const char* n : {"bridge", "host", "none"}) QVERIFY2(ls.contains(QString::fromLatin1(n)), qPrintable(ls));
        auto a = berth({"network", "create", "neta"});
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        QCOMPARE(a.out.trimmed().size(), 64);
        auto again = berth({"network", "create", "neta"});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already exists"), qPrintable(again.err));
        auto b = berth({"network", "create", "--subnet", "10.77.0.0/24", "--gateway", "10.77.0.254", "netb"});
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        auto overlap = berth({"network", "create", "--subnet", "10.77.0.0/16", "netc"});
        QCOMPARE(overlap.exitCode, 1);
        QVERIFY2(overlap.err.contains("overlaps"), qPrintable(overlap.err));
        QVERIFY(lsNetworks().contains("neta"));
        QCOMPARE(berth({"network", "ls", "--filter", "type=custom", "--format", "{{.Name}} {{.Driver}}"}).out,
                 QStringLiteral("neta bridge\nnetb bridge\n"));
        auto sub = berth({"network", "inspect", "-f", "{{json .IPAM.Config}}", "netb"});
        QCOMPARE(sub.out.trimmed(), QStringLiteral(R"([{"Gateway":"10.77.0.254","Subnet":"10.77.0.0/24"}])"));
        auto insp = berth({"network", "inspect", "neta"});
        QVERIFY2(insp.exitCode == 0 && insp.out.trimmed().startsWith('['), qPrintable(insp.err));
        QVERIFY(insp.out.contains("\"Driver\": \"bridge\"") && insp.out.contains("\"Subnet\": \"10.89."));
        auto missing = berth({"network", "inspect", "nosuchnet"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("network nosuchnet not found"), qPrintable(missing.err));
        QCOMPARE(berth({"network", "rm", "bridge"}).exitCode, 1);
    }

    void sameNetworkByNameAndAlias() {
        auto web = berth({"run", "-d", "--network", "neta", "--network-alias", "webalias", "--name", "web1", "berth-demo/web"});
        QVERIFY2(web.exitCode == 0, qPrintable(web.err));
        auto client = berth({"run", "-d", "--network", "neta", "--name", "client1", "--entrypoint", "sleep", "berth-demo/web", "300"});
        QVERIFY2(client.exitCode == 0, qPrintable(client.err));
        QTRY_VERIFY_WITH_TIMEOUT(fetchFrom("client1", "http://web1/").out.contains("Berth"), 10000);
        auto byAlias = fetchFrom("client1", "http://webalias/");
        QVERIFY2(byAlias.out.contains("Berth"), qPrintable(byAlias.out + byAlias.err));
        auto resolv = berth({"exec", "client1", "cat", "/etc/resolv.conf"});
        QVERIFY2(resolv.out.contains("nameserver 127.0.0.11"), qPrintable(resolv.out));
        // Reverse lookup of a neighbour's address gives its name on the network, as Docker's.
        QString webIp = berth({"inspect", "-f", "{{.NetworkSettings.Networks.neta.IPAddress}}", "web1"}).out.trimmed();
        auto ptr = berth({"exec", "client1", "nslookup", webIp, "127.0.0.11"});
        QVERIFY2(ptr.out.contains("web1.neta"), qPrintable(webIp + "|" + ptr.out + ptr.err));
        auto insp = berth({"network", "inspect", "neta"});
        QVERIFY2(insp.out.contains("\"web1\"") && insp.out.contains("\"client1\""), qPrintable(insp.out));
        auto busy = berth({"network", "rm", "neta"});
        QCOMPARE(busy.exitCode, 1);
        QVERIFY2(busy.err.contains("network neta has active endpoints"), qPrintable(busy.err));
    }

    void differentNetworksAreIsolated() {
        auto other = berth({"run", "-d", "--network", "netb", "--name", "client2", "--entrypoint", "sleep", "berth-demo/web", "300"});
        QVERIFY2(other.exitCode == 0, qPrintable(other.err));
        QString ip = berth({"inspect", "-f", "{{.NetworkSettings.Networks.neta.IPAddress}}", "web1"}).out.trimmed();
        QVERIFY2(ip.startsWith("10.89."), qPrintable(ip));
        // The same fetch works from web1's own network and fails from the other one.
        QVERIFY(fetchFrom("client1", "http://" + ip + "/").out.contains("Berth"));
        auto across = fetchFrom("client2", "http://" + ip + "/");
        QVERIFY2(!across.out.contains("Berth"), qPrintable(across.out));
        auto byName = fetchFrom("client2", "http://web1/");
        QVERIFY(!byName.out.contains("Berth"));
        // The default bridge has no embedded DNS: names do not resolve there.
        auto onBridge = berth({"run", "--rm", "--network", "bridge", "berth-demo/web", "cat", "/etc/resolv.conf"});
        QVERIFY2(onBridge.exitCode == 0 && !onBridge.out.contains("127.0.0.11"), qPrintable(onBridge.out + onBridge.err));
    }

    void connectAndDisconnect() {
        auto c = berth({"network", "connect", "--alias", "c2", "neta", "client2"});
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        QVERIFY(berth({"exec", "client2", "ip", "addr", "show", "eth1"}).out.contains("10.89."));
        QTRY_VERIFY_WITH_TIMEOUT(fetchFrom("client2", "http://web1/").out.contains("Berth"), 10000);
        // Its alias on neta resolves for neta's containers, to its neta address.
        QString eth1 = berth({"exec", "client2", "ip", "-4", "-o", "addr", "show", "eth1"}).out.section("inet ", 1).section('/', 0, 0);
        auto alias = berth({"exec", "client1", "nslookup", "c2", "127.0.0.11"});
        QVERIFY2(!eth1.isEmpty() && alias.out.contains(eth1), qPrintable(eth1 + "|" + alias.out + alias.err));
        auto d = berth({"network", "disconnect", "neta", "client2"});
        QVERIFY2(d.exitCode == 0, qPrintable(d.err));
        QVERIFY(berth({"exec", "client2", "ip", "addr", "show", "eth1"}).exitCode != 0);
        QVERIFY(!berth({"network", "inspect", "neta"}).out.contains("client2"));
        // A restart (stop, then start at once) attaches again and serves names again.
        QCOMPARE(berth({"stop", "-t", "0", "client1"}).exitCode, 0);
        auto start = berth({"start", "client1"});
        QVERIFY2(start.exitCode == 0, qPrintable(start.err));
        QTRY_VERIFY_WITH_TIMEOUT(fetchFrom("client1", "http://web1/").out.contains("Berth"), 10000);
    }

    void hostsDnsAndPublishAll() {
        auto r = berth({"run", "--rm", "--network", "bridge", "--add-host", "db.example:10.1.2.3", "--dns", "10.9.9.9",
                        "berth-demo/web", "sh", "-c", "cat /etc/hosts /etc/resolv.conf"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("10.1.2.3\tdb.example"), qPrintable(r.out));
        QVERIFY2(r.out.contains("nameserver 10.9.9.9"), qPrintable(r.out));
        auto bad = berth({"run", "--rm", "--add-host", "nocolon", "berth-demo/web", "true"});
        QCOMPARE(bad.exitCode, 125);
        auto p = berth({"run", "-d", "--network", "neta", "-P", "--expose", "8081/udp", "--name", "pub", "berth-demo/web"});
        QVERIFY2(p.exitCode == 0, qPrintable(p.err));
        auto ports = berth({"port", "pub"}).out;
        QVERIFY2(ports.contains("80/tcp -> 127.0.0.1:") && ports.contains("8081/udp -> 127.0.0.1:"), qPrintable(ports));
        int port = ports.section("80/tcp -> 127.0.0.1:", 1).section('\n', 0, 0).toInt();
        QVERIFY(port > 0);
        QTRY_VERIFY_WITH_TIMEOUT(inNs("timeout", {"5", "busybox", "wget", "-q", "-O-", QStringLiteral("http://127.0.0.1:%1/").arg(port)})
                                     .out.contains("Berth"), 10000);
        QCOMPARE(berth({"rm", "-f", "pub"}).exitCode, 0);
    }

    void containerNetworkMode() {
        auto r = berth({"run", "--rm", "--network", "container:web1", "berth-demo/web", "sh", "-c",
                        "ip -4 -o addr show eth0; cat /etc/hostname"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString ip = berth({"inspect", "-f", "{{.NetworkSettings.Networks.neta.IPAddress}}", "web1"}).out.trimmed();
        QVERIFY2(r.out.contains(ip + "/"), qPrintable(r.out));
        // It shares web1's localhost too.
        auto local = berth({"run", "--rm", "--network", "container:web1", "berth-demo/web", "timeout", "5", "wget", "-q", "-O", "-",
                            "http://127.0.0.1/"});
        QVERIFY2(local.out.contains("Berth"), qPrintable(local.out + local.err));
        auto conflict = berth({"run", "--rm", "--network", "container:web1", "-p", "9999:80", "berth-demo/web", "true"});
        QCOMPARE(conflict.exitCode, 125);
    }

    // Docker's prune keeps only the networks of running containers (a stopped container's goes, and
    // its next start fails), and takes --filter until= and label=.
    void pruneKeepsRunningContainersNetworksOnly() {
        QCOMPARE(berth({"network", "create", "pstop"}).exitCode, 0);
        auto r = berth({"run", "-d", "--network", "pstop", "--name", "pstopped", "--entrypoint", "sleep",
                        "berth-demo/web", "300"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(berth({"stop", "-t", "0", "pstopped"}).exitCode, 0);
        QCOMPARE(berth({"network", "create", "--label", "keep=yes", "plabel"}).exitCode, 0);
        QCOMPARE(berth({"network", "create", "--label", "keep=no", "plabel2"}).exitCode, 0);

        QCOMPARE(berth({"network", "prune", "-f", "--filter", "label=keep=yes"}).out,
                 QStringLiteral("Deleted Networks:\nplabel\n"));
        QCOMPARE(berth({"network", "prune", "-f", "--filter", "until=2000-01-01T00:00:00Z"}).out, QString());
        QCOMPARE(
            berth({"network", "prune", "-f", "--filter", "label!=keep=no", "--filter", "label=nosuch"}).out,
            QString());
        auto bad = berth({"network", "prune", "-f", "--filter", "colour=red"});
        QCOMPARE(bad.exitCode, 125);
        QCOMPARE(bad.err.trimmed(), QStringLiteral("Error: invalid filter 'colour'"));
        QVERIFY(lsNetworks().contains("plabel2"));

        auto prune = berth({"network", "prune", "-f", "--filter", "until=0s"});
        QVERIFY2(prune.exitCode == 0, qPrintable(prune.err));
        QVERIFY2(prune.out.contains("pstop\n") && prune.out.contains("plabel2\n"), qPrintable(prune.out));
        // Running containers (web1 and client1 on neta, client2 on netb) keep theirs.
        QVERIFY2(!prune.out.contains("neta") && !prune.out.contains("netb"), qPrintable(prune.out));
        QString ls = lsNetworks();
        QVERIFY2(ls.contains("neta") && ls.contains("netb") && !ls.contains("pstop") &&
                     !ls.contains("plabel2"),
                 qPrintable(ls));

        auto start = berth({"start", "pstopped"});
        QVERIFY(start.exitCode != 0);
        QVERIFY2(start.err.contains("network pstop not found"), qPrintable(start.err));
        QCOMPARE(berth({"inspect", "-f", "{{.State.Running}}", "pstopped"}).out.trimmed(),
                 QStringLiteral("false"));
        QCOMPARE(berth({"rm", "-f", "pstopped"}).exitCode, 0);
    }

    void teardownLeavesNothing() {
        QCOMPARE(berth({"rm", "-f", "web1", "client1", "client2"}).exitCode, 0);
        auto rm = berth({"network", "rm", "neta"});
        QVERIFY2(rm.exitCode == 0, qPrintable(rm.err));
        berth({"network", "create", "unused"});
        auto prune = berth({"network", "prune", "-f"});
        QVERIFY2(prune.out.contains("Deleted Networks:") && prune.out.contains("netb") && prune.out.contains("unused"),
                 qPrintable(prune.out + prune.err));
        QString ls = lsNetworks();
        QVERIFY2(!ls.contains("neta") && !ls.contains("netb") && !ls.contains("unused"), qPrintable(ls));
        QString links = inNs("ip", {"-o", "link"}).out;
        QVERIFY2(!links.contains("br-") && !links.contains("vb") && !links.contains("berth:net"), qPrintable(links));
        QString rules = inNs("nft", {"list", "table", "ip", "berth"}).out;
        QVERIFY2(!rules.contains("berth-net:neta") && !rules.contains("berth-net:netb") && !rules.contains("dnat") &&
                     !rules.contains("br-"), qPrintable(rules));
        QString addrs = inNs("ip", {"-o", "addr"}).out;
        QVERIFY2(!addrs.contains("10.89.") && !addrs.contains("10.77."), qPrintable(addrs));
        for (auto& entry : fs::directory_iterator(m_root->path() / "networks")) {
            auto name = entry.path().filename().string();
            if (name == "networks.json" || name.ends_with(".lock")) continue;
            std::string text = readText(entry.path());
            QVERIFY2(text.find("\"leases\": {}") != std::string::npos, (name + ": " + text).c_str());
        }
    }

    void cleanupTestCase() {
        if (m_root) {
            auto all = berth({"ps", "-aq"});
            for (auto& id : all.out.split('\n', Qt::SkipEmptyParts)) berth({"rm", "-f", id});
            for (const char* n : {"neta", "netb", "unused", "pstop", "plabel", "plabel2"})
                berth({"network", "rm", "-f", QString::fromLatin1(n)});
        }
        if (!m_netns.isEmpty()) run("ip", {"netns", "delete", m_netns});
    }
};

QTEST_GUILESS_MAIN(TestNetworkUser)
#include "tst_network_user.moc"
