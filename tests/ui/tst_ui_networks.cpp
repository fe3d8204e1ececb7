// The Networks page on a real temp store: NetworkListModel and NetworkMemberModel under
// QAbstractItemModelTester; the `berth network …` lines the page echoes; the create dialog's live
// command line; and the flow create → listed → remove → gone through NetworkBridge, plus a network
// made behind the app's back (the engine called directly, as the CLI would) appearing on its own;
// connect and disconnect of a stopped container, listed without an address.
// A network is only a record until a container uses it, but removing one also clears kernel
// objects it might own: as root the test first moves into a network namespace of its own
// (unshare), so nothing it does can touch the host's links or nftables.
#include "bridge/network_bridge.h"
#include "bridge/network_reader.h"
#include "models/container_list_model.h"
#include "models/network_list_model.h"
#include "models/network_member_model.h"
#include "demo_store.h"
#include "views/network_create_dialog.h"
#include "views/networks_page.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <sched.h>

using namespace berth;
using namespace berth::ui;

namespace {

QString path(const std::filesystem::path& p) {
    return QString::fromStdString(p.string());
}

NetworkInfo makeNetwork(const QString& name, const QString& idChar, bool builtin = false) {
    NetworkInfo n;
    n.name = name;
    n.id = QString(64, idChar.at(0));
    n.driver = QStringLiteral("bridge");
    n.subnet = QStringLiteral("10.89.1.0/24");
    n.gateway = QStringLiteral("10.89.1.1");
    n.builtin = builtin;
    return n;
}

} // namespace

class TstUiNetworks : public QObject {
    Q_OBJECT
    bool m_ownNetns = false;

private slots:
    void initTestCase() {
        // Every thread the test starts later inherits this namespace.
        m_ownNetns = test::isRoot() && ::unshare(CLONE_NEWNET) == 0;
    }

    void listModelUnderTester() {
        NetworkListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        NetworkInfo bridge = makeNetwork(QStringLiteral("bridge"), QStringLiteral("a"), true);
        NetworkInfo web = makeNetwork(QStringLiteral("web"), QStringLiteral("b"));
        web.members << NetworkMember{QString(64, QLatin1Char('c')), QStringLiteral("db"),
                                     QStringLiteral("running"), QStringLiteral("10.89.1.2/24")};
        model.setNetworks({bridge, web});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, NetworkListModel::NameColumn).data().toString(),
                 QStringLiteral("bridge (built-in)"));
        QCOMPARE(model.index(0, NetworkListModel::DriverColumn).data().toString(),
                 QStringLiteral("bridge (default)"));
        QVERIFY(model.index(0, 0).data(NetworkListModel::BuiltinRole).toBool());
        QCOMPARE(model.index(1, NetworkListModel::IdColumn).data().toString(), QString(12, QLatin1Char('b')));
        QCOMPARE(model.index(1, NetworkListModel::ContainersColumn).data().toInt(), 1);
        QCOMPARE(model.index(1, NetworkListModel::SubnetColumn).data().toString(),
                 QStringLiteral("10.89.1.0/24"));
        // Merged by id: an update changes the row in place, a gone network is removed.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        web.members.clear();
        model.setNetworks({bridge, web});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(1, NetworkListModel::ContainersColumn).data().toInt(), 0);
        model.setNetworks({bridge});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOfName(QStringLiteral("web")), -1);
    }

    void memberModelUnderTester() {
        NetworkMemberModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        NetworkMember m{QString(64, QLatin1Char('d')), QStringLiteral("api"), QStringLiteral("running"),
                        QStringLiteral("10.89.1.3/24")};
        m.aliases = {QStringLiteral("backend"), QStringLiteral("v1")};
        m.ports = {PortMapping{QStringLiteral("127.0.0.1"), 8080, 80, QStringLiteral("tcp")}};
        NetworkMember stopped{QString(64, QLatin1Char('e')), QStringLiteral("old"), QStringLiteral("exited")};
        model.setMembers({m, stopped});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, NetworkMemberModel::AddressColumn).data().toString(),
                 QStringLiteral("10.89.1.3/24"));
        QCOMPARE(model.index(0, NetworkMemberModel::AliasesColumn).data().toString(),
                 QStringLiteral("backend, v1"));
        QCOMPARE(model.index(0, NetworkMemberModel::PortsColumn).data().toString(),
                 QStringLiteral("127.0.0.1:8080->80/tcp"));
        QCOMPARE(model.index(1, NetworkMemberModel::AddressColumn).data().toString(), QStringLiteral("—"));
        model.setMembers({});
        QCOMPARE(model.rowCount(), 0);
    }

    void cliLines() {
        const CliCommand cli;
        NetworkRequest r;
        r.name = QStringLiteral("web");
        QCOMPARE(cli.networkCreate(r), QStringLiteral("berth network create web"));
        r.subnet = QStringLiteral("10.89.7.0/24");
        r.gateway = QStringLiteral("10.89.7.254");
        r.labels.insert(QStringLiteral("tier"), QStringLiteral("front end"));
        QCOMPARE(cli.networkCreate(r),
                 QStringLiteral("berth network create --subnet 10.89.7.0/24 --gateway 10.89.7.254 "
                                "--label 'tier=front end' web"));
        QCOMPARE(cli.networkRemove(QStringLiteral("web")), QStringLiteral("berth network rm web"));
        QCOMPARE(
            cli.networkConnect(QStringLiteral("web"), QStringLiteral("db"), {QStringLiteral("database")}),
            QStringLiteral("berth network connect --alias database web db"));
        QCOMPARE(cli.networkDisconnect(QStringLiteral("web"), QStringLiteral("db")),
                 QStringLiteral("berth network disconnect web db"));
    }

    void createDialogFollowsTheForm() {
        NetworkCreateDialog dialog{CliCommand()};
        QVERIFY(!dialog.createButton()->isEnabled()); // no name yet
        QCOMPARE(dialog.preview()->text(), QStringLiteral("berth network create NAME"));
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("shop"));
        QCOMPARE(dialog.preview()->text(), QStringLiteral("berth network create shop"));
        QVERIFY(dialog.createButton()->isEnabled());
        dialog.gatewayEdit()->setText(QStringLiteral("10.89.9.1"));
        QVERIFY(!dialog.createButton()->isEnabled()); // a gateway needs a subnet, as the CLI says
        dialog.subnetEdit()->setText(QStringLiteral("10.89.9.0/24"));
        QVERIFY(dialog.createButton()->isEnabled());
        QCOMPARE(dialog.preview()->text(),
                 QStringLiteral("berth network create --subnet 10.89.9.0/24 --gateway 10.89.9.1 shop"));
        QCOMPARE(dialog.request().subnet, QStringLiteral("10.89.9.0/24"));
    }

    void createAndRemoveThroughThePage() {
        if (!m_ownNetns)
            QSKIP("needs root to work in a network namespace of its own (removing a network clears kernel "
                  "objects)");
        test::TempDir dir;
        const QString root = path(dir / "store");
        NetworkBridge bridge(root);
        NetworkListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ContainerListModel containers;
        connect(&bridge, &NetworkBridge::networksChanged, &model, &NetworkListModel::setNetworks);
        NetworksPage page(&bridge, &model, &containers, CliCommand(root));
        page.show();
        QSignalSpy echoed(&page, &NetworksPage::commandIssued);
        bridge.startWatching(200);
        QTRY_COMPARE(model.rowCount(), 3); // bridge, host, none
        page.selectName(QStringLiteral("bridge"));
        QVERIFY(!page.removeAction()->isEnabled()); // built-in

        NetworkRequest r;
        r.name = QStringLiteral("berth-gui-shop");
        r.labels.insert(QStringLiteral("course"), QStringLiteral("net101"));
        page.createNetwork(r);
        QCOMPARE(echoed.count(), 1);
        QCOMPARE(
            echoed.last().at(0).toString(),
            QStringLiteral("berth --root %1 network create --label course=net101 berth-gui-shop").arg(root));
        QTRY_VERIFY(model.rowOfName(QStringLiteral("berth-gui-shop")) >= 0);
        const NetworkInfo* shop = model.networkAt(model.rowOfName(QStringLiteral("berth-gui-shop")));
        QVERIFY(shop->subnet.startsWith(QStringLiteral("10.89.")));
        QCOMPARE(shop->labels.value(QStringLiteral("course")), QStringLiteral("net101"));
        QVERIFY(!shop->builtin);
        page.selectName(QStringLiteral("berth-gui-shop"));
        QVERIFY(page.removeAction()->isEnabled());
        QCOMPARE(page.memberModel()->rowCount(), 0);

        // The engine's refusal is shown as it is.
        page.removeNetwork(QStringLiteral("host"));
        QTRY_VERIFY(page.errorLabel()->isVisible());
        QVERIFY2(page.errorLabel()->text().contains(QStringLiteral("pre-defined network")),
                 qPrintable(page.errorLabel()->text()));

        page.removeNetwork(QStringLiteral("berth-gui-shop"));
        QCOMPARE(echoed.last().at(0).toString(),
                 QStringLiteral("berth --root %1 network rm berth-gui-shop").arg(root));
        QTRY_COMPARE(model.rowOfName(QStringLiteral("berth-gui-shop")), -1);
        QCOMPARE(model.rowCount(), 3);

        // Made behind the app's back, as `berth network create` in a terminal would: listed on its own.
        {
            auto engine = engine::Engine::open(engine::EngineOptions{dir / "store"});
            QVERIFY(engine);
            network::NetworkCreateRequest cli;
            cli.name = "berth-gui-cli";
            QVERIFY((*engine)->createNetwork(cli).has_value());
        }
        QTRY_VERIFY_WITH_TIMEOUT(model.rowOfName(QStringLiteral("berth-gui-cli")) >= 0, 5000);
    }

    void connectAndDisconnectAStoppedContainer() {
        if (!m_ownNetns) QSKIP("needs root to work in a network namespace of its own");
        test::TempDir dir;
        QVERIFY(!test::loadDemoStore(dir / "store").images.isEmpty());
        {
            auto engine = engine::Engine::open(engine::EngineOptions{dir / "store"});
            QVERIFY(engine);
            engine::CreateOptions o;
            o.image = "berth-demo/hello";
            o.name = "member";
            o.networkMode = "bridge";
            QVERIFY((*engine)->createContainer(o).has_value());
            network::NetworkCreateRequest r;
            r.name = "berth-gui-shop";
            QVERIFY((*engine)->createNetwork(r).has_value());
        }
        const QString root = path(dir / "store");
        NetworkBridge bridge(root);
        NetworkListModel model;
        ContainerListModel containers;
        connect(&bridge, &NetworkBridge::networksChanged, &model, &NetworkListModel::setNetworks);
        NetworksPage page(&bridge, &model, &containers, CliCommand(root));
        QSignalSpy echoed(&page, &NetworksPage::commandIssued);
        bridge.startWatching(200);
        QTRY_COMPARE(model.rowCount(), 4);
        // A stopped container is on its network too, without an address until it starts.
        const auto bridgeRow = model.index(model.rowOfName(QStringLiteral("bridge")), NetworkListModel::ContainersColumn);
        QCOMPARE(bridgeRow.data().toInt(), 1);

        page.selectName(QStringLiteral("berth-gui-shop"));
        QVERIFY(page.connectAction()->isEnabled());
        page.connectContainer(QStringLiteral("berth-gui-shop"), QStringLiteral("member"), {QStringLiteral("db")});
        QCOMPARE(echoed.last().at(0).toString(),
                 QStringLiteral("berth --root %1 network connect --alias db berth-gui-shop member").arg(root));
        QTRY_COMPARE(page.memberModel()->rowCount(), 1);
        QCOMPARE(page.memberModel()->index(0, NetworkMemberModel::NameColumn).data().toString(), QStringLiteral("member"));
        QCOMPARE(page.memberModel()->index(0, NetworkMemberModel::AddressColumn).data().toString(), QStringLiteral("—"));

        page.disconnectContainer(QStringLiteral("berth-gui-shop"), QStringLiteral("member"));
        QCOMPARE(echoed.last().at(0).toString(),
                 QStringLiteral("berth --root %1 network disconnect berth-gui-shop member").arg(root));
        QTRY_COMPARE(page.memberModel()->rowCount(), 0);
        if (auto engine = engine::Engine::open(engine::EngineOptions{dir / "store"}))
            (void)(*engine)->removeContainer("member", true);
    }

    void signatureFollowsTheRecords() {
        test::TempDir dir;
        auto engine = engine::Engine::open(engine::EngineOptions{dir / "store"});
        QVERIFY(engine);
        QVERIFY((*engine)->listNetworks().has_value());
        const std::string before = networkRecordsSignature(dir / "store");
        QCOMPARE(networkRecordsSignature(dir / "store"), before);
        network::NetworkCreateRequest r;
        r.name = "berth-gui-sig";
        QVERIFY((*engine)->createNetwork(r).has_value());
        QVERIFY(networkRecordsSignature(dir / "store") != before);
        auto listed = readNetworks(**engine);
        QVERIFY(listed.has_value());
        QCOMPARE(listed->size(), 4);
        QCOMPARE(listed->last().name, QStringLiteral("berth-gui-sig"));
    }
};

QTEST_MAIN(TstUiNetworks)
#include "tst_ui_networks.moc"
