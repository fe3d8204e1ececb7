// NetworkStore (user networks on disk), automatic subnets, overlap checks, Ipam leases with DNS
// names (and the old lease format), and the nft isolation scripts: all pure, no kernel objects.
#include "network/ipam.h"
#include "network/nat_rules.h"
#include "network/network_store.h"
#include "test_env.h"

#include <QtTest>

using namespace berth::network;

class TestNetworkStore : public QObject {
    Q_OBJECT
private slots:
    void pickSubnetSkipsTaken() {
        QCOMPARE(QString::fromStdString(*pickSubnet({})), QStringLiteral("10.89.0.0/24"));
        QCOMPARE(QString::fromStdString(*pickSubnet({"10.88.0.0/16", "10.89.0.0/24", "10.89.1.0/24"})),
                 QStringLiteral("10.89.2.0/24"));
        // A wide subnet covering 10.89.0–3 pushes the pick past it.
        QCOMPARE(QString::fromStdString(*pickSubnet({"10.89.0.0/22"})), QStringLiteral("10.89.4.0/24"));
        QVERIFY(!pickSubnet({"10.89.0.0/16"}));
    }

    void overlap() {
        QVERIFY(subnetsOverlap(*Subnet::parse("10.0.0.0/8"), *Subnet::parse("10.89.3.0/24")));
        QVERIFY(!subnetsOverlap(*Subnet::parse("10.89.0.0/24"), *Subnet::parse("10.89.1.0/24")));
    }

    void names() {
        QVERIFY(validateNetworkName("my-net_1.x").has_value());
        QVERIFY(!validateNetworkName("-bad").has_value());
        QVERIFY(!validateNetworkName("a b").has_value());
        QVERIFY(!validateNetworkName("").has_value());
    }

    void roundTrip() {
        berth::test::TempDir dir;
        auto store = NetworkStore::open(dir / "networks");
        QVERIFY(store.has_value());
        auto all = *store->list();
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(QString::fromStdString(all[0].name), QStringLiteral("bridge"));
        QCOMPARE(QString::fromStdString(all[0].bridge), QStringLiteral("berth0"));
        QCOMPARE(QString::fromStdString(all[2].driver), QStringLiteral("null"));

        auto a = store->create({"alpha", "bridge", "", "", {}});
        QVERIFY2(a.has_value(), a ? "" : a.error().message.c_str());
        QCOMPARE(a->id.size(), std::size_t(64));
        QCOMPARE(QString::fromStdString(a->subnet), QStringLiteral("10.89.0.0/24"));
        QCOMPARE(QString::fromStdString(a->gateway), QStringLiteral("10.89.0.1"));
        QCOMPARE(QString::fromStdString(a->bridge), QString::fromStdString("br-" + a->id.substr(0, 12)));
        QVERIFY(a->bridge.size() <= 15);
        auto b = store->create({"beta", "bridge", "", "", {}});
        QCOMPARE(QString::fromStdString(b->subnet), QStringLiteral("10.89.1.0/24"));
        auto c = store->create({"gamma", "bridge", "192.168.50.0/24", "192.168.50.254", {{"k", "v"}}});
        QVERIFY(c.has_value());

        auto dup = store->create({"alpha", "bridge", "", "", {}});
        QVERIFY(!dup && dup.error().code == berth::ErrorCode::AlreadyExists);
        QVERIFY(!store->create({"builtin", "bridge", "10.88.5.0/24", "", {}})); // inside the default bridge's subnet
        QVERIFY(!store->create({"gw", "bridge", "10.90.0.0/24", "10.91.0.1", {}}));
        QVERIFY(!store->create({"drv", "macvlan", "", "", {}}));
        QVERIFY(!store->create({"bridge", "bridge", "", "", {}}));

        // A second store object on the same directory sees the same networks (another process).
        auto again = NetworkStore::open(dir / "networks");
        auto found = again->find("gamma");
        QVERIFY(found.has_value());
        QCOMPARE(QString::fromStdString(found->gateway), QStringLiteral("192.168.50.254"));
        QCOMPARE(QString::fromStdString(found->labels["k"]), QStringLiteral("v"));
        QCOMPARE(QString::fromStdString(again->find(a->id.substr(0, 12))->name), QStringLiteral("alpha"));
        QVERIFY(!again->find("nope"));

        auto cfg = again->bridgeConfig(*found);
        QCOMPARE(QString::fromStdString(cfg.network), QStringLiteral("gamma"));
        QCOMPARE(QString::fromStdString(cfg.gateway), QStringLiteral("192.168.50.254"));
        QVERIFY(cfg.ipamFile == dir / "networks" / (found->id + ".json"));
        auto def = again->bridgeConfig(all[0]);
        QCOMPARE(QString::fromStdString(def.bridge), QStringLiteral("berth0"));
        QVERIFY(def.ipamFile.empty());

        QVERIFY(again->remove(a->id).has_value());
        QVERIFY(!store->find("alpha"));
        QCOMPARE(store->list()->size(), std::size_t(5));
        // The freed subnet is handed out again.
        QCOMPARE(QString::fromStdString(store->create({"delta", "bridge", "", "", {}})->subnet), QStringLiteral("10.89.0.0/24"));
    }

    void leasesCarryNames() {
        berth::test::TempDir dir;
        auto ipam = Ipam::open(dir / "ipam.json", IpamConfig{"n", *Subnet::parse("10.89.0.0/24"), std::nullopt});
        QVERIFY(ipam.has_value());
        QCOMPARE(formatIpv4(*ipam->allocate("c1", {"web", "abc", "alias"})), std::string("10.89.0.2"));
        QCOMPARE(formatIpv4(*ipam->allocate("c2")), std::string("10.89.0.3"));
        auto leases = *ipam->leases();
        QCOMPARE(leases.size(), std::size_t(2));
        QCOMPARE(leases[0].names, (std::vector<std::string>{"web", "abc", "alias"}));
        QVERIFY(leases[1].names.empty());
        // The old format (address strings) still reads.
        berth::test::writeText(dir / "old.json", R"({"network":"n","subnet":"10.89.0.0/24","leases":{"x":"10.89.0.9"}})");
        auto old = Ipam::open(dir / "old.json", IpamConfig{"n", *Subnet::parse("10.89.0.0/24"), std::nullopt});
        QVERIFY(old.has_value());
        QCOMPARE(formatIpv4(old->leases()->at(0).address), std::string("10.89.0.9"));
    }

    void isolationScripts() {
        std::string table = tableScript();
        QVERIFY(table.find("add set ip berth bridges { type ifname; }") != std::string::npos);
        QVERIFY(table.find("add chain ip berth forward { type filter hook forward priority 0; policy accept; }") != std::string::npos);
        auto s = isolationScript("mynet", "br-0123456789ab");
        QVERIFY(s.has_value());
        QCOMPARE(QString::fromStdString(*s),
                 QStringLiteral("add element ip berth bridges { \"br-0123456789ab\" }\n"
                                "add rule ip berth forward iifname \"br-0123456789ab\" oifname @bridges oifname != "
                                "\"br-0123456789ab\" drop comment \"berth-net:mynet\"\n"));
        QVERIFY(!isolationScript("bad name", "br-x"));
        QVERIFY(!isolationScript("n", "bridge-name-too-long"));
        auto rm = removeIsolationElementScript("br-0123456789ab");
        QVERIFY(rm.has_value() && rm->find("delete element ip berth bridges { \"br-0123456789ab\" }") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestNetworkStore)
#include "tst_network_store.moc"
