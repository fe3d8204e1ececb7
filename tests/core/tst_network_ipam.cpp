// Subnet parsing and Ipam: lowest free address, never network/broadcast/gateway, leases that
// survive reopening and are never handed out twice across instances sharing one state file.
#include "network/ipam.h"
#include "test_env.h"

#include <QtTest>

#include <set>

using namespace berth::network;
using berth::test::TempDir;

namespace {

Subnet subnetOf(const char* text) { return *Subnet::parse(text); }
Ipv4 ip(const char* text) { return *parseIpv4(text); }

Ipam openIpam(const std::filesystem::path& state, const char* subnet) {
    auto ipam = Ipam::open(state, IpamConfig{"berth0", subnetOf(subnet), std::nullopt});
    if (!ipam) qFatal("open: %s", ipam.error().what().c_str());
    return std::move(*ipam);
}

} // namespace

class TestNetworkIpam : public QObject {
    Q_OBJECT
private slots:
    void parseSubnet_data();
    void parseSubnet();
    void allocatesLowestSkippingGateway();
    void sameIdGetsSameLease();
    void exhaustion();
    void reuseAfterRelease();
    void persistsAcrossReopen();
    void twoInstancesNeverDuplicate();
    void tinySubnetsRefused_data();
    void tinySubnetsRefused();
    void otherSubnetInStateRefused();
    void corruptStateRefused();
};

void TestNetworkIpam::parseSubnet_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("formatted");
    QTest::newRow("slash16") << "10.88.0.0/16" << true << "10.88.0.0/16";
    QTest::newRow("slash24") << "10.213.7.0/24" << true << "10.213.7.0/24";
    QTest::newRow("slash0") << "0.0.0.0/0" << true << "0.0.0.0/0";
    QTest::newRow("slash32") << "10.1.2.3/32" << true << "10.1.2.3/32";
    QTest::newRow("host bits set") << "10.88.0.1/16" << false << "";
    QTest::newRow("no prefix") << "10.88.0.0" << false << "";
    QTest::newRow("empty prefix") << "10.88.0.0/" << false << "";
    QTest::newRow("prefix 33") << "10.0.0.0/33" << false << "";
    QTest::newRow("negative prefix") << "10.0.0.0/-1" << false << "";
    QTest::newRow("prefix garbage") << "10.0.0.0/8x" << false << "";
    QTest::newRow("three octets") << "10.0.0/8" << false << "";
    QTest::newRow("octet 256") << "10.256.0.0/16" << false << "";
    QTest::newRow("leading zero") << "010.0.0.0/8" << false << "";
    QTest::newRow("ipv6") << "fd00::/64" << false << "";
    QTest::newRow("empty") << "" << false << "";
}

void TestNetworkIpam::parseSubnet() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, formatted);
    auto s = Subnet::parse(text.toStdString());
    QCOMPARE(s.has_value(), ok);
    if (ok) QCOMPARE(QString::fromStdString(s->toString()), formatted);
    else QVERIFY(s.error().what().find("subnet") == 0);
}

void TestNetworkIpam::allocatesLowestSkippingGateway() {
    TempDir dir;
    Ipam ipam = openIpam(dir / "ipam.json", "10.88.0.0/16");
    QCOMPARE(formatIpv4(ipam.gateway()), std::string("10.88.0.1"));
    QCOMPARE(formatIpv4(*ipam.allocate("a")), std::string("10.88.0.2"));
    QCOMPARE(formatIpv4(*ipam.allocate("b")), std::string("10.88.0.3"));
}

void TestNetworkIpam::sameIdGetsSameLease() {
    TempDir dir;
    Ipam ipam = openIpam(dir / "ipam.json", "10.88.0.0/24");
    Ipv4 first = *ipam.allocate("a");
    QCOMPARE(*ipam.allocate("a"), first);
    QCOMPARE(ipam.leases()->size(), size_t(1));
}

void TestNetworkIpam::exhaustion() {
    // A /29 has 8 addresses: network, broadcast, gateway, and 5 for containers.
    TempDir dir;
    Ipam ipam = openIpam(dir / "ipam.json", "10.88.0.0/29");
    std::set<Ipv4> seen;
    for (int i = 0; i < 5; ++i) {
        auto a = ipam.allocate("c" + std::to_string(i));
        QVERIFY2(a.has_value(), a ? "" : a.error().what().c_str());
        QVERIFY(*a != ip("10.88.0.0") && *a != ip("10.88.0.7") && *a != ip("10.88.0.1"));
        QVERIFY(seen.insert(*a).second);
    }
    auto full = ipam.allocate("one-too-many");
    QVERIFY(!full);
    QCOMPARE(full.error().what(), std::string("network berth0: subnet 10.88.0.0/29 has no free address"));
    QCOMPARE(full.error().code, berth::ErrorCode::LimitExceeded);
}

void TestNetworkIpam::reuseAfterRelease() {
    TempDir dir;
    Ipam ipam = openIpam(dir / "ipam.json", "10.88.0.0/30"); // exactly one container address
    QCOMPARE(formatIpv4(*ipam.allocate("a")), std::string("10.88.0.2"));
    QVERIFY(!ipam.allocate("b"));
    QVERIFY(ipam.release("a"));
    QVERIFY(ipam.release("a")); // idempotent
    QCOMPARE(formatIpv4(*ipam.allocate("b")), std::string("10.88.0.2"));
}

void TestNetworkIpam::persistsAcrossReopen() {
    TempDir dir;
    {
        Ipam ipam = openIpam(dir / "state" / "ipam.json", "10.88.0.0/24");
        QVERIFY(ipam.allocate("a"));
        QVERIFY(ipam.allocate("b"));
        QVERIFY(ipam.release("a"));
    }
    Ipam again = openIpam(dir / "state" / "ipam.json", "10.88.0.0/24");
    auto leases = *again.leases();
    QCOMPARE(leases.size(), size_t(1));
    QCOMPARE(leases[0].containerId, std::string("b"));
    QCOMPARE(formatIpv4(leases[0].address), std::string("10.88.0.3"));
    QCOMPARE(formatIpv4(*again.allocate("c")), std::string("10.88.0.2")); // lowest free again
}

void TestNetworkIpam::twoInstancesNeverDuplicate() {
    // Each verb re-reads the file under the lock, so an instance never trusts a stale view.
    TempDir dir;
    Ipam one = openIpam(dir / "ipam.json", "10.88.0.0/24");
    Ipam two = openIpam(dir / "ipam.json", "10.88.0.0/24");
    std::set<Ipv4> seen;
    for (int i = 0; i < 20; ++i) {
        Ipam& ipam = i % 2 ? two : one;
        auto a = ipam.allocate("c" + std::to_string(i));
        QVERIFY(a.has_value());
        QVERIFY2(seen.insert(*a).second, formatIpv4(*a).c_str());
    }
    QVERIFY(one.release("c4"));
    QCOMPARE(formatIpv4(*two.allocate("late")), std::string("10.88.0.6"));
    QCOMPARE(one.leases()->size(), size_t(20));
}

void TestNetworkIpam::tinySubnetsRefused_data() {
    QTest::addColumn<QString>("subnet");
    QTest::newRow("slash31") << "10.88.0.0/31";
    QTest::newRow("slash32") << "10.88.0.5/32";
}

void TestNetworkIpam::tinySubnetsRefused() {
    QFETCH(QString, subnet);
    TempDir dir;
    auto ipam = Ipam::open(dir / "ipam.json", IpamConfig{"berth0", subnetOf(subnet.toLatin1()), std::nullopt});
    QVERIFY(!ipam);
    QVERIFY(ipam.error().what().find("too small") != std::string::npos);
}

void TestNetworkIpam::otherSubnetInStateRefused() {
    TempDir dir;
    openIpam(dir / "ipam.json", "10.88.0.0/24");
    auto other = Ipam::open(dir / "ipam.json", IpamConfig{"berth0", subnetOf("10.89.0.0/24"), std::nullopt});
    QVERIFY(!other);
    QVERIFY(other.error().what().find("10.88.0.0/24") != std::string::npos);
}

void TestNetworkIpam::corruptStateRefused() {
    TempDir dir;
    berth::test::writeText(dir / "ipam.json", "{not json");
    auto ipam = Ipam::open(dir / "ipam.json", IpamConfig{"berth0", subnetOf("10.88.0.0/24"), std::nullopt});
    QVERIFY(!ipam);
    QCOMPARE(ipam.error().code, berth::ErrorCode::Corrupt);
}

QTEST_GUILESS_MAIN(TestNetworkIpam)
#include "tst_network_ipam.moc"
