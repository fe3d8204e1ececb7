// Network events in the app: the Events table shows one sensibly (the network's name, the
// container it joined), the lifecycle view ignores it, and NetworkBridge lists the networks again
// when an event says they changed, without waiting for its poll (which this test never starts). The
// event reaches the bridge through ContainerWatcher's reading of the real events log.
#include "bridge/container_watcher.h"
#include "bridge/network_bridge.h"
#include "models/event_list_model.h"
#include "test_env.h"

#include "engine/engine.h"
#include "runtime/event_log.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace berth;
using namespace berth::ui;

namespace {

ContainerEvent makeEvent(const QString& type, const QString& action) {
    ContainerEvent e;
    e.type = type;
    e.action = action;
    return e;
}

} // namespace

class TstUiNetworkEvents : public QObject {
    Q_OBJECT

private slots:
    void eventsTableShowsANetworkEvent() {
        EventListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ContainerEvent e = makeEvent(QStringLiteral("network"), QStringLiteral("connect"));
        e.id = QString(64, QLatin1Char('a'));
        e.name = QStringLiteral("shop");
        e.container = QString(64, QLatin1Char('c'));
        e.timeNano = 1'700'000'000'000'000'000LL;
        model.addEvents({e});
        QCOMPARE(model.index(0, EventListModel::TypeColumn).data().toString(), QStringLiteral("network"));
        QCOMPARE(model.index(0, EventListModel::ActionColumn).data().toString(), QStringLiteral("connect"));
        QCOMPARE(model.index(0, EventListModel::NameColumn).data().toString(), QStringLiteral("shop"));
        const QString details = model.index(0, EventListModel::DetailsColumn).data().toString();
        QVERIFY2(details.contains(QStringLiteral("container=cccccccccccc")) &&
                     details.contains(QStringLiteral("id=aaaaaaaaaaaa")) &&
                     !details.contains(QStringLiteral("exitCode")),
                 qPrintable(details));
        QCOMPARE(model.headerData(EventListModel::NameColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Name"));
    }

    void whichEventsChangeNetworks() {
        QVERIFY(
            NetworkBridge::changesNetworks(makeEvent(QStringLiteral("network"), QStringLiteral("create"))));
        QVERIFY(NetworkBridge::changesNetworks(
            makeEvent(QStringLiteral("network"), QStringLiteral("disconnect"))));
        QVERIFY(
            NetworkBridge::changesNetworks(makeEvent(QStringLiteral("container"), QStringLiteral("start"))));
        QVERIFY(
            NetworkBridge::changesNetworks(makeEvent(QStringLiteral("container"), QStringLiteral("die"))));
        QVERIFY(
            !NetworkBridge::changesNetworks(makeEvent(QStringLiteral("container"), QStringLiteral("pause"))));
        QVERIFY(!NetworkBridge::changesNetworks(makeEvent(QStringLiteral("image"), QStringLiteral("pull"))));
    }

    // A network event appended to the log (as `berth network create` does) reaches the watcher,
    // and the bridge, fed with it, lists the networks again.
    void bridgeRefreshesOnNetworkEvents() {
        test::TempDir dir;
        const std::filesystem::path root = dir.path() / "store";
        std::filesystem::create_directories(root);
        NetworkBridge bridge(QString::fromStdString(root.string()));
        QSignalSpy listed(&bridge, &NetworkBridge::networksChanged);
        ContainerWatcher watcher(root);
        QObject::connect(&watcher, &ContainerWatcher::eventsRead, &bridge, &NetworkBridge::followEvents);
        watcher.startWatching(50);
        QTest::qWait(300);
        const int before = static_cast<int>(listed.count());
        runtime::EventLog log(root / "events.jsonl");
        QVERIFY(
            log.append(runtime::networkEvent("create", std::string(64, 'a'), "shop", "bridge")).has_value());
        QTRY_VERIFY_WITH_TIMEOUT(listed.count() > before, 5000);
        const int after = static_cast<int>(listed.count());
        runtime::Event paused;
        paused.action = "pause";
        paused.id = std::string(64, 'f');
        QVERIFY(log.append(paused).has_value());
        QTest::qWait(400);
        QCOMPARE(static_cast<int>(listed.count()), after); // a pause changes no network
    }
};

QTEST_MAIN(TstUiNetworkEvents)
#include "tst_ui_network_events.moc"
