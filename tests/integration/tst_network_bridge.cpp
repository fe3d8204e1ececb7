// Bridge networking end to end, entirely inside network namespaces this test creates (the real host
// is never touched). BERTH_TEST_PRIVILEGED: needs root, `ip`, `nft` and busybox.
//   host netns (berth-t-host-*): bridge bt0 10.213.7.1/24, the berth nft table
//   container netns A and B: eth0 from a veth pair, an address from Ipam, a default route
#include "verify_ok.h"
#include "network/bridge_network.h"
#include "network/ipam.h"
#include "network/nat_rules.h"
#include "network/netlink.h"
#include "support/file_util.h"
#include "support/unique_fd.h"
#include "test_env.h"

#include <QProcess>
#include <QThread>
#include <QtTest>

#include <fcntl.h>

using namespace berth::network;
using berth::Status;
using berth::test::run;

namespace {

const std::string kNetwork = "bt";
const std::string kBridge = "bt0";
const std::string kSubnet = "10.213.7.0/24";

// Creates a named netns and deletes it on destruction, even when the test failed half-way.
class TestNetns {
public:
    explicit TestNetns(const QString& role)
        : m_name("berth-t-" + role + "-" + QString::fromStdString(berth::randomHex(3))) {
        if (run("ip", {"netns", "add", m_name}).exitCode == 0)
            m_fd.reset(::open(("/run/netns/" + m_name).toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC));
    }
    ~TestNetns() {
        m_fd.reset();
        run("ip", {"netns", "del", m_name});
    }
    const QString& name() const { return m_name; }
    int fd() const { return m_fd.get(); }
    // `ip netns exec <name> args…`
    berth::test::CommandResult exec(const QStringList& args, int timeoutMs = 10000) const {
        return run("ip", QStringList{"netns", "exec", m_name} + args, timeoutMs);
    }

private:
    QString m_name;
    berth::UniqueFd m_fd;
};


// Inside the container netns: rename the peer to eth0, address it, route via the gateway.
Status configureContainer(const std::string& peer, Ipv4 address, Ipv4 gateway) {
    BERTH_CHECK(setUp("lo", true));
    BERTH_CHECK(renameLink(peer, "eth0"));
    BERTH_CHECK(addAddress("eth0", address, 24));
    BERTH_CHECK(setUp("eth0", true));
    return addDefaultRoute(gateway);
}

// In the host netns: a veth pair whose host end joins the bridge and whose peer moves to `netnsFd`.
Status plugContainer(const std::string& hostEnd, const std::string& peer, int netnsFd) {
    BERTH_CHECK(createVethPair(hostEnd, peer, 1500, ownerAlias(kNetwork)));
    BERTH_CHECK(setMaster(hostEnd, kBridge));
    BERTH_CHECK(setUp(hostEnd, true));
    return moveToNetns(peer, netnsFd);
}

bool noBerthLinks(const TestNetns& ns) {
    auto r = ns.exec({"ip", "-o", "link", "show"});
    return r.exitCode == 0 && !r.out.contains("berth:") && !r.out.contains("bt0");
}

} // namespace

class TestNetworkBridge : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void containersReachEachOtherAndPublishedPort();
    void createRemoveLoopLeavesNothing();
    void sweepReleasesDeadEndpoints();
};

void TestNetworkBridge::initTestCase() {
    if (!berth::test::isRoot()) QSKIP("needs root to create network namespaces");
    for (const char* tool : {"ip", "nft", "busybox", "timeout"})
        if (!berth::test::haveTool(tool)) QSKIP(qPrintable(QString("needs %1 (apt-get install -y nftables busybox)").arg(tool)));
}

void TestNetworkBridge::containersReachEachOtherAndPublishedPort() {
    TestNetns host("host"), a("a"), b("b");
    QVERIFY(host.fd() >= 0 && a.fd() >= 0 && b.fd() >= 0);
    berth::test::TempDir dir;
    auto ipam = Ipam::open(dir / "ipam.json", IpamConfig{kNetwork, *Subnet::parse(kSubnet), std::nullopt});
    VERIFY_OK(ipam);
    const Ipv4 ipA = *ipam->allocate("ctr-a"), ipB = *ipam->allocate("ctr-b"), gw = ipam->gateway();

    VERIFY_OK(inNetns(host.fd(), [&]() -> Status {
        BERTH_CHECK(setUp("lo", true));
        BERTH_CHECK(createBridge(kBridge, 1500, ownerAlias(kNetwork)));
        BERTH_CHECK(addAddress(kBridge, gw, 24));
        BERTH_CHECK(setUp(kBridge, true));
        BERTH_CHECK(plugContainer("vbt-a", "cbt-a", a.fd()));
        return plugContainer("vbt-b", "cbt-b", b.fd());
    }));
    VERIFY_OK(inNetns(a.fd(), [&] { return configureContainer("cbt-a", ipA, gw); }));
    VERIFY_OK(inNetns(b.fd(), [&] { return configureContainer("cbt-b", ipB, gw); }));

    auto toB = a.exec({"busybox", "ping", "-c1", "-W2", QString::fromStdString(formatIpv4(ipB))});
    QVERIFY2(toB.exitCode == 0, qPrintable(toB.out + toB.err));
    auto toGw = a.exec({"busybox", "ping", "-c1", "-W2", QString::fromStdString(formatIpv4(gw))});
    QVERIFY2(toGw.exitCode == 0, qPrintable(toGw.out + toGw.err));

    // B serves a page on :80; the host reaches it through 127.0.0.1:18080 (hairpin via output DNAT).
    berth::test::writeText(dir / "www" / "index.html", "hello from berth\n");
    QProcess httpd;
    httpd.start("ip", {"netns", "exec", b.name(), "busybox", "httpd", "-f", "-p", "80", "-h",
                       QString::fromStdString((dir / "www").string())});
    QVERIFY(httpd.waitForStarted());
    NatRules nat;
    VERIFY_OK(inNetns(host.fd(), [&]() -> Status {
        BERTH_CHECK(nat.ensureTable());
        BERTH_CHECK(nat.addMasquerade(kNetwork, *Subnet::parse(kSubnet), kBridge));
        return nat.addPortMapping(PortMapping{"127.0.0.1", 18080, Protocol::Tcp, ipB, 80, "ctr-b"});
    }));
    berth::test::CommandResult page;
    for (int attempt = 0; attempt < 20 && !page.out.contains("hello from berth"); ++attempt) {
        if (attempt) QThread::msleep(150);
        page = host.exec({"timeout", "5", "busybox", "wget", "-q", "-O-", "http://127.0.0.1:18080/"});
    }
    httpd.kill();
    httpd.waitForFinished();
    QVERIFY2(page.out.contains("hello from berth"), qPrintable(page.out + page.err));

    // Teardown: rules by owner, then links by alias; nothing of ours may remain.
    VERIFY_OK(inNetns(host.fd(), [&]() -> Status {
        BERTH_CHECK(nat.removeFor("ctr-b"));
        BERTH_CHECK(nat.removeNetwork(kNetwork));
        auto left = BERTH_TRY(nat.rules());
        if (!left.empty()) return berth::fail(berth::ErrorCode::Internal, "rules left after removal");
        BERTH_CHECK(nat.dropAll());
        BERTH_TRY(deleteLinksWithAlias(ownerAlias(kNetwork)));
        return {};
    }));
    VERIFY_OK(ipam->release("ctr-a"));
    VERIFY_OK(ipam->release("ctr-b"));
    for (const TestNetns* ns : {&host, &a, &b}) QVERIFY2(noBerthLinks(*ns), qPrintable(ns->name()));
    QVERIFY(!b.exec({"ip", "-o", "addr"}).out.contains("10.213.7."));
    auto tables = host.exec({"nft", "list", "tables"});
    QCOMPARE(tables.exitCode, 0);
    QVERIFY2(!tables.out.contains("berth"), qPrintable(tables.out));
}

void TestNetworkBridge::createRemoveLoopLeavesNothing() {
    TestNetns host("loop");
    QVERIFY(host.fd() >= 0);
    berth::test::TempDir dir;
    auto ipam = Ipam::open(dir / "ipam.json", IpamConfig{kNetwork, *Subnet::parse(kSubnet), std::nullopt});
    VERIFY_OK(ipam);
    NatRules nat;
    VERIFY_OK(inNetns(host.fd(), [&]() -> Status {
        for (int i = 0; i < 50; ++i) {
            const std::string id = "loop-" + std::to_string(i), link = "vl" + std::to_string(i);
            Ipv4 ip = BERTH_TRY(ipam->allocate(id));
            BERTH_CHECK(createVethPair(link, link + "p", 0, ownerAlias(kNetwork)));
            BERTH_CHECK(addAddress(link, ip, 24));
            BERTH_CHECK(nat.addPortMapping(PortMapping{"127.0.0.1", std::uint16_t(20000 + i), Protocol::Udp, ip, 53, id}));
            BERTH_CHECK(nat.removeFor(id));
            BERTH_CHECK(deleteLink(link));
            BERTH_CHECK(ipam->release(id));
        }
        return {};
    }));
    auto links = host.exec({"ip", "-o", "link", "show"});
    QCOMPARE(links.out.count('\n'), 1); // only lo
    QVERIFY(!host.exec({"ip", "-o", "addr"}).out.contains("10.213."));
    auto rules = host.exec({"nft", "list", "table", "ip", "berth"});
    QVERIFY2(!rules.out.contains("dnat"), qPrintable(rules.out));
    QVERIFY(ipam->leases()->empty());
    VERIFY_OK(inNetns(host.fd(), [&] { return nat.dropAll(); }));
}

// attachContainer records who holds each endpoint; sweepNetwork releases the endpoints whose holder
// is gone (a killed process) or whose container directory is gone, and nothing else.
void TestNetworkBridge::sweepReleasesDeadEndpoints() {
    TestNetns host("sweep"), c1("sw1"), c2("sw2"), c3("sw3");
    for (const TestNetns* ns : {&host, &c1, &c2, &c3}) QVERIFY(ns->fd() >= 0);
    berth::test::TempDir dir;
    BridgeConfig config;
    config.network = kNetwork;
    config.bridge = kBridge;
    config.subnet = kSubnet;
    config.stateDir = dir / "networks";
    config.containersDir = dir / "containers";
    const std::string dead(16, 'd'), live(16, 'a'), gone(16, 'e');
    for (auto& id : {dead, live}) std::filesystem::create_directories(config.containersDir / id);
    QProcess holder; // the "shim" of `dead`
    holder.start("sleep", {"60"});
    QVERIFY(holder.waitForStarted());
    EndpointOptions byHolder;
    byHolder.ownerPid = static_cast<int>(holder.processId());
    std::vector<std::string> released;
    VERIFY_OK(inNetns(host.fd(), [&]() -> Status {
        BERTH_TRY(attachContainer(config, dead, c1.fd(), {PortMapping{"127.0.0.1", 18091, Protocol::Tcp, 0, 80, {}}}, byHolder));
        BERTH_TRY(attachContainer(config, live, c2.fd(), {}));
        BERTH_TRY(attachContainer(config, gone, c3.fd(), {})); // no directory: dead whatever its holder
        released = BERTH_TRY(sweepNetwork(config));
        return {};
    }));
    QCOMPARE(released, std::vector<std::string>{gone});
    auto leases = Ipam::readLeases(config.stateDir / (kNetwork + ".json"), IpamConfig{kNetwork, *Subnet::parse(kSubnet), std::nullopt});
    VERIFY_OK(leases);
    QCOMPARE(leases->size(), std::size_t(2));
    for (auto& l : *leases) QVERIFY2(l.ownerPid > 0 && l.mac.starts_with("02:42:"), l.containerId.c_str());
    QVERIFY(host.exec({"nft", "list", "table", "ip", "berth"}).out.contains(QString::fromStdString("berth:" + dead)));

    holder.kill();
    holder.waitForFinished();
    VERIFY_OK(inNetns(host.fd(), [&]() -> Status {
        released = BERTH_TRY(sweepNetwork(config));
        return {};
    }));
    QCOMPARE(released, std::vector<std::string>{dead});
    leases = Ipam::readLeases(config.stateDir / (kNetwork + ".json"), IpamConfig{kNetwork, *Subnet::parse(kSubnet), std::nullopt});
    QCOMPARE(leases->size(), std::size_t(1));
    QCOMPARE(leases->front().containerId, live);
    auto rules = host.exec({"nft", "list", "table", "ip", "berth"}).out;
    QVERIFY2(!rules.contains(QString::fromStdString("berth:" + dead)) && !rules.contains("dnat"), qPrintable(rules));
    QVERIFY(!host.exec({"ip", "-o", "link"}).out.contains(QString::fromStdString("vb" + dead.substr(0, 12))));
    VERIFY_OK(inNetns(host.fd(), [&]() -> Status {
        BERTH_CHECK(detachContainer(config, live));
        return removeBridge(config);
    }));
    VERIFY_OK(inNetns(host.fd(), [] { return NatRules().dropAll(); }));
}

QTEST_GUILESS_MAIN(TestNetworkBridge)
#include "tst_network_bridge.moc"
