// Containers on the bridge network (BERTH_TEST_PRIVILEGED). Everything runs inside a network
// namespace this test creates — the bridge, the veths, the NAT table and the published ports —
// so the machine's own network is never touched; the namespace is deleted at the end.
#include "test_env.h"

#include <QtTest>
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
        QString links = inNs(QStringLiteral("ip"), {QStringLiteral("-br"), QStringLiteral("link")}).out;
        QVERIFY2(!links.contains(QStringLiteral("vb")), qPrintable(links));
        QString rules = inNs(QStringLiteral("nft"), {QStringLiteral("list"), QStringLiteral("ruleset")}).out;
        QVERIFY2(!rules.contains(QStringLiteral("dnat")), qPrintable(rules));
        std::string leases = readText(m_root->path() / "networks" / "bridge.json");
        QVERIFY2(leases.find("\"leases\": {}") != std::string::npos, leases.c_str()); // every address released
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
