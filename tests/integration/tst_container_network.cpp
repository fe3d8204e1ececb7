// Containers on the bridge network (BERTH_TEST_PRIVILEGED). Everything runs inside a network
// namespace this test creates — the bridge, the veths, the NAT table and the published ports —
// so the machine's own network is never touched; the namespace is deleted at the end.
#include "test_env.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <csignal>
#include <random>

using namespace berth::test;
namespace fs = std::filesystem;

class TestContainerNetwork : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    QString m_netns;
    QString m_extraNetns; // the "other machine" of everyAddressOnlyWhenAsked

    // berth, and any command, inside the test's network namespace (only the network is switched).
    CommandResult inNs(const QString& program, const QStringList& args, int timeoutMs = 60000) {
        QStringList all{QStringLiteral("--net=/run/netns/") + m_netns, program};
        return run(QStringLiteral("nsenter"), all + args, timeoutMs);
    }
    CommandResult berth(const QStringList& args) {
        return inNs(berthBinary(), QStringList{QStringLiteral("--root"), QString::fromStdString(m_root->path().string())} + args);
    }
    QString fetch(int port) {
        return inNs(QStringLiteral("timeout"), {QStringLiteral("5"), QStringLiteral("busybox"), QStringLiteral("wget"), QStringLiteral("-q"),
                                                QStringLiteral("-O-"), QStringLiteral("http://127.0.0.1:%1/").arg(port)}).out;
    }

    // Runs berth-demo/web publishing hostPort; returns its id once it answers.
    QString startPublished(const QString& name, int hostPort) {
        auto r = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("bridge"), QStringLiteral("-p"),
                        QStringLiteral("127.0.0.1:%1:80").arg(hostPort), QStringLiteral("--name"), name, QStringLiteral("berth-demo/web")});
        if (r.exitCode != 0) return {};
        QString id = r.out.trimmed();
        if (!holds(id)) return {};
        return id;
    }
    // Whether the container holds a lease on the default bridge or an nft rule of its own.
    bool holds(const QString& id) {
        std::string leases = readText(m_root->path() / "networks" / "bridge.json");
        QString rules = inNs(QStringLiteral("nft"), {QStringLiteral("list"), QStringLiteral("table"), QStringLiteral("ip"), QStringLiteral("berth")}).out;
        return leases.find(id.toStdString()) != std::string::npos || rules.contains(QStringLiteral("berth:") + id);
    }
    // SIGKILL to the container's shim and init, by pid, and waits until both are gone.
    void killByPid(const QString& id) {
        const fs::path state = m_root->path() / "containers" / id.toStdString() / "state.json";
        const auto s = QJsonDocument::fromJson(QByteArray::fromStdString(readText(state))).object();
        const int shim = s.value(QStringLiteral("shimPid")).toInt(), init = s.value(QStringLiteral("pid")).toInt();
        QVERIFY(shim > 0 && init > 0);
        ::kill(shim, SIGKILL);
        ::kill(init, SIGKILL);
        auto running = [](int pid) {
            std::string stat = readText("/proc/" + std::to_string(pid) + "/stat");
            auto paren = stat.rfind(')');
            return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
        };
        QTRY_VERIFY_WITH_TIMEOUT(!running(shim) && !running(init), 5000);
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: network namespaces, bridges and nftables");
        for (const char* tool : {"ip", "nft", "nsenter", "busybox", "timeout"})
            if (!haveTool(QString::fromLatin1(tool))) QSKIP(qPrintable(QStringLiteral("needs ") + QString::fromLatin1(tool)));
        m_netns = QStringLiteral("berth-t-net-%1").arg(std::random_device{}() % 1000000);
        QCOMPARE(run(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("add"), m_netns}).exitCode, 0);
        QCOMPARE(inNs(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"), QStringLiteral("up")}).exitCode, 0);
        m_root = std::make_unique<TempDir>();
        auto load = berth({QStringLiteral("load"), QStringLiteral("-i"), QString::fromStdString((demoDir() / "berth-demo-web.tar").string())});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err));
    }

    void publishedPortAnswersOnLoopback() {
        auto r = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("bridge"), QStringLiteral("-p"),
                        QStringLiteral("127.0.0.1:18080:80"), QStringLiteral("--name"), QStringLiteral("web1"), QStringLiteral("berth-demo/web")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QTRY_VERIFY_WITH_TIMEOUT(fetch(18080).contains(QStringLiteral("Hello from a Berth container")), 5000);
        QCOMPARE(berth({QStringLiteral("port"), QStringLiteral("web1")}).out.trimmed(), QStringLiteral("80/tcp -> 127.0.0.1:18080"));
        QVERIFY(berth({QStringLiteral("ps")}).out.contains(QStringLiteral("127.0.0.1:18080->80/tcp")));
        // The same port again is refused before anything starts.
        auto again = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("bridge"), QStringLiteral("-p"),
                            QStringLiteral("127.0.0.1:18080:80"), QStringLiteral("--name"), QStringLiteral("web2"), QStringLiteral("berth-demo/web")});
        QCOMPARE(again.exitCode, 125);
        QVERIFY2(again.err.contains(QStringLiteral("port is already allocated")), qPrintable(again.err));
        QVERIFY(!berth({QStringLiteral("ps"), QStringLiteral("-a")}).out.contains(QStringLiteral("web2")));
    }

    void automaticPortAndNeighbours() {
        auto r = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("bridge"), QStringLiteral("-p"),
                        QStringLiteral("80"), QStringLiteral("--name"), QStringLiteral("web3"), QStringLiteral("berth-demo/web")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString port = berth({QStringLiteral("port"), QStringLiteral("web3")}).out.trimmed().section(QLatin1Char(':'), -1);
        QVERIFY(port.toInt() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(fetch(port.toInt()).contains(QStringLiteral("Berth")), 5000);
        QString ip1 = berth({QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.NetworkSettings.IPAddress}}"), QStringLiteral("web1")}).out.trimmed();
        QString ip3 = berth({QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.NetworkSettings.IPAddress}}"), QStringLiteral("web3")}).out.trimmed();
        QVERIFY2(ip1.startsWith(QStringLiteral("10.88.")) && ip3.startsWith(QStringLiteral("10.88.")) && ip1 != ip3, qPrintable(ip1 + QLatin1Char(' ') + ip3));
        auto ping = berth({QStringLiteral("exec"), QStringLiteral("web3"), QStringLiteral("wget"), QStringLiteral("-q"), QStringLiteral("-O-"),
                           QStringLiteral("http://%1/").arg(ip1)});
        QVERIFY2(ping.out.contains(QStringLiteral("Berth")), qPrintable(ping.err));
    }

    // 0.0.0.0 publishes to other machines; the default 127.0.0.1 does not. "Another machine" is a
    // second namespace of this test, joined to the test's namespace by a veth pair.
    void everyAddressOnlyWhenAsked() {
        const QString client = m_netns + QStringLiteral("-c");
        QCOMPARE(run(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("add"), client}).exitCode, 0);
        m_extraNetns = client;
        auto ip = [](const QString& ns, const QString& cmd) {
            return run(QStringLiteral("ip"), QStringList{QStringLiteral("-n"), ns} + cmd.split(QLatin1Char(' '))).exitCode;
        };
        QCOMPARE(ip(m_netns, QStringLiteral("link add bt-out type veth peer name bt-in netns ") + client), 0);
        QCOMPARE(ip(m_netns, QStringLiteral("addr add 192.0.2.1/24 dev bt-out")), 0);
        QCOMPARE(ip(m_netns, QStringLiteral("link set bt-out up")), 0);
        QCOMPARE(ip(client, QStringLiteral("addr add 192.0.2.2/24 dev bt-in")), 0);
        QCOMPARE(ip(client, QStringLiteral("link set bt-in up")), 0);
        QCOMPARE(ip(client, QStringLiteral("link set lo up")), 0);
        auto r = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("bridge"), QStringLiteral("-p"),
                        QStringLiteral("0.0.0.0:18095:80"), QStringLiteral("--name"), QStringLiteral("webany"), QStringLiteral("berth-demo/web")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto fromClient = [&](int port) {
            return run(QStringLiteral("nsenter"), {QStringLiteral("--net=/run/netns/") + client, QStringLiteral("timeout"), QStringLiteral("3"),
                                                   QStringLiteral("busybox"), QStringLiteral("wget"), QStringLiteral("-q"), QStringLiteral("-O-"),
                                                   QStringLiteral("http://192.0.2.1:%1/").arg(port)}).out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(fromClient(18095).contains(QStringLiteral("Berth")), 5000);
        QVERIFY(fetch(18095).contains(QStringLiteral("Berth"))); // and from the host itself
        QVERIFY(fetch(18080).contains(QStringLiteral("Berth")));  // web1: 127.0.0.1 only…
        QVERIFY(!fromClient(18080).contains(QStringLiteral("Berth"))); // …so not from outside
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("webany")}).exitCode, 0);
    }

    // 200 start/remove cycles, every tenth with a published port, leave no link, rule or lease.
    void removingLeavesNothing() {
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("web1"), QStringLiteral("web3")}).exitCode, 0);
        for (int i = 0; i < 200; ++i) {
            QStringList args{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"), QStringLiteral("bridge")};
            if (i % 10 == 0) args << QStringLiteral("-p") << QStringLiteral("127.0.0.1:18090:80");
            auto r = berth(args << QStringLiteral("berth-demo/web") << QStringLiteral("true"));
            QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("cycle %1: ").arg(i) + r.err));
        }
        // The kernel deletes the last container's veth with its namespace, a moment after its shim exits.
        auto links = [&] { return inNs(QStringLiteral("ip"), {QStringLiteral("-br"), QStringLiteral("link")}).out; };
        QTRY_VERIFY2_WITH_TIMEOUT(!links().contains(QStringLiteral("vb")), qPrintable(links()), 5000);
        QString rules = inNs(QStringLiteral("nft"), {QStringLiteral("list"), QStringLiteral("ruleset")}).out;
        QVERIFY2(!rules.contains(QStringLiteral("dnat")), qPrintable(rules));
        std::string leases = readText(m_root->path() / "networks" / "bridge.json");
        QVERIFY2(leases.find("\"leases\": {}") != std::string::npos, leases.c_str()); // every address released
    }

    // Without --network a container joins the engine's default network: the bridge, unless
    // BERTH_DEFAULT_NETWORK (set to none for every test) says otherwise.
    void defaultNetworkIsTheBridge() {
        const QStringList root{QStringLiteral("--root"), QString::fromStdString(m_root->path().string())};
        auto noEnv = [&](const QStringList& args) {
            return inNs(QStringLiteral("env"), QStringList{QStringLiteral("-u"), QStringLiteral("BERTH_DEFAULT_NETWORK"), berthBinary()} + root + args);
        };
        QVERIFY(noEnv({QStringLiteral("info")}).out.contains(QStringLiteral("Default Network: bridge")));
        QVERIFY(berth({QStringLiteral("info")}).out.contains(QStringLiteral("Default Network: none")));
        auto r = noEnv({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("berth-demo/web"), QStringLiteral("ip"), QStringLiteral("-4"),
                        QStringLiteral("addr"), QStringLiteral("show"), QStringLiteral("eth0")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("inet 10.88.")), qPrintable(r.out));
        auto none = berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("berth-demo/web"), QStringLiteral("ip"), QStringLiteral("link")});
        QVERIFY2(none.exitCode == 0 && !none.out.contains(QStringLiteral("eth0")), qPrintable(none.out + none.err));
    }

    // inspect: every network with Docker's keys, the MAC the container really has.
    void inspectListsEveryNetwork() {
        QCOMPARE(berth({QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("insp")}).exitCode, 0);
        auto r = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("bridge"), QStringLiteral("--name"),
                        QStringLiteral("insp1"), QStringLiteral("berth-demo/web")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(berth({QStringLiteral("network"), QStringLiteral("connect"), QStringLiteral("insp"), QStringLiteral("insp1")}).exitCode, 0);
        auto field = [&](const QString& format) {
            return berth({QStringLiteral("inspect"), QStringLiteral("-f"), format, QStringLiteral("insp1")}).out.trimmed();
        };
        QString mac0 = field(QStringLiteral("{{.NetworkSettings.Networks.bridge.MacAddress}}"));
        QString mac1 = field(QStringLiteral("{{.NetworkSettings.Networks.insp.MacAddress}}"));
        QVERIFY2(mac0.startsWith(QStringLiteral("02:42:")) && mac1.startsWith(QStringLiteral("02:42:")) && mac0 != mac1, qPrintable(mac0 + QLatin1Char(' ') + mac1));
        QCOMPARE(field(QStringLiteral("{{.NetworkSettings.MacAddress}}")), mac0);
        QCOMPARE(field(QStringLiteral("{{.NetworkSettings.Networks.bridge.Gateway}}")), QStringLiteral("10.88.0.1"));
        QCOMPARE(field(QStringLiteral("{{.NetworkSettings.Networks.bridge.IPPrefixLen}}")), QStringLiteral("16"));
        QVERIFY(field(QStringLiteral("{{.NetworkSettings.Networks.insp.IPAddress}}")).startsWith(QStringLiteral("10.89.")));
        QCOMPARE(field(QStringLiteral("{{.NetworkSettings.Networks.insp.NetworkID}}")).size(), 64);
        auto link = berth({QStringLiteral("exec"), QStringLiteral("insp1"), QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("show"),
                           QStringLiteral("eth1")});
        QVERIFY2(link.out.contains(mac1), qPrintable(link.out));
        QVERIFY(berth({QStringLiteral("network"), QStringLiteral("inspect"), QStringLiteral("insp")}).out.contains(mac1));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("insp1")}).exitCode, 0);
        QCOMPARE(berth({QStringLiteral("network"), QStringLiteral("rm"), QStringLiteral("insp")}).exitCode, 0);
    }

    // A container whose shim and init were killed with SIGKILL leaves its lease and DNAT rules
    // behind; the next start on the network releases them.
    void crashIsRepairedAtNextStart() {
        auto id = startPublished(QStringLiteral("crash1"), 18097);
        QVERIFY(!id.isEmpty());
        killByPid(id);
        QVERIFY(holds(id)); // nothing released them yet
        auto r = berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"), QStringLiteral("bridge"), QStringLiteral("berth-demo/web"),
                        QStringLiteral("true")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!holds(id));
        QCOMPARE(berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("crash1")}).exitCode, 0);
    }

    // The container's directory taken away behind the engine's back, as `rm` does half-way
    // (renamed to .removing-<id>): the next start releases what it held though its shim lives.
    void removedDirectoryIsRepairedAtNextStart() {
        auto id = startPublished(QStringLiteral("crash2"), 18098);
        QVERIFY(!id.isEmpty());
        const fs::path dir = m_root->path() / "containers" / id.toStdString();
        const fs::path aside = m_root->path() / "containers" / (".removing-" + id.toStdString());
        const auto state = QJsonDocument::fromJson(QByteArray::fromStdString(readText(dir / "state.json"))).object();
        fs::rename(dir, aside);
        auto r = berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"), QStringLiteral("bridge"), QStringLiteral("berth-demo/web"),
                        QStringLiteral("true")});
        const bool released = !holds(id);
        fs::rename(aside, dir);
        ::kill(state.value(QStringLiteral("pid")).toInt(), SIGKILL);
        berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("crash2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(released);
    }

    void cleanupTestCase() {
        if (m_root) {
            auto all = berth({QStringLiteral("ps"), QStringLiteral("-aq")});
            for (auto& id : all.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) berth({QStringLiteral("rm"), QStringLiteral("-f"), id});
        }
        if (!m_extraNetns.isEmpty()) run(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("delete"), m_extraNetns});
        if (!m_netns.isEmpty()) run(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("delete"), m_netns});
    }
};

QTEST_GUILESS_MAIN(TestContainerNetwork)
#include "tst_container_network.moc"
