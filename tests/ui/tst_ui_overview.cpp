// The container details' Overview tab, first in the row: the empty state with nothing selected,
// then a real running container (root, in a network namespace of its own so its bridge and
// published port never touch the host's) showing its name, image, state badge, published port
// link (opened through the page's URL opener) and memory limit; after the container stops, the
// state and exit code update without re-selecting it.
#include "bridge/engine_bridge.h"
#include "demo_store.h"
#include "models/container_list_model.h"
#include "models/display_format.h"
#include "views/container_detail_tabs.h"
#include "views/containers_page.h"
#include "views/main_window.h"
#include "views/overview_tab.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include <sched.h>

using namespace berth;
using namespace berth::ui;

class TstUiOverview : public QObject {
    Q_OBJECT
    test::TempDir m_config;
    bool m_ownNetns = false;

private slots:
    void initTestCase() {
        qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(m_config.path().string()));
        m_ownNetns = test::enterOwnNetworkNamespace();
    }

    void runningThenStopped() {
        if (!m_ownNetns) QSKIP("needs root and a network namespace of its own (unshare, ip)");
        test::TempDir dir;
        QVERIFY(!test::loadDemoStore(dir / "store").images.isEmpty());
        auto opened = engine::Engine::open(engine::EngineOptions{dir / "store"});
        QVERIFY(opened);
        engine::Engine& e = **opened;
        test::ContainerCleanup cleanup{&e};
        engine::CreateOptions o;
        o.image = "berth-demo/hello";
        o.name = "overview-web";
        o.networkMode = "bridge";
        o.overrides.cmd = {"sleep", "60"};
        o.ports = {{"127.0.0.1", 0, 80, "tcp"}};
        o.resources.memoryBytes = 64 * 1000 * 1000;
        o.stopTimeout = 1;
        auto created = e.createContainer(o);
        QVERIFY2(created, created ? "" : created.error().message.c_str());
        const int hostPort = created->ports.at(0).hostPort;
        QVERIFY(hostPort > 0);
        auto start = e.startContainer("overview-web");
        QVERIFY2(start && start->ok, start ? start->message.c_str() : start.error().message.c_str());

        EngineBridge bridge(QString::fromStdString((dir / "store").string()));
        MainWindow window(&bridge);
        window.show();
        window.start();
        window.showPage(MainWindow::Page::Containers);
        ContainersPage* page = window.containersPage();
        QList<QUrl> openedUrls;
        page->setUrlOpener([&openedUrls](const QUrl& url) { openedUrls << url; });
        OverviewTab* overview = page->detailExtras()->overviewTab();
        QCOMPARE(page->detailTabs()->indexOf(overview), 0); // first, and shown first
        QCOMPARE(page->detailTabs()->currentWidget(), overview);
        QVERIFY(overview->showsEmptyState()); // nothing selected yet
        const auto text = [overview](const char* key) { return overview->field(QLatin1String(key))->text(); };

        QTRY_COMPARE_WITH_TIMEOUT(window.containerModel()->rowCount(), 1, 5000);
        page->selectName(QStringLiteral("overview-web"));
        QTRY_VERIFY(!overview->showsEmptyState());
        QCOMPARE(text("name"), QStringLiteral("overview-web"));
        QCOMPARE(text("id"), QString::fromStdString(created->id.substr(0, 12)));
        QCOMPARE(overview->field(QStringLiteral("id"))->toolTip(), QString::fromStdString(created->id));
        QCOMPARE(text("image"), QStringLiteral("berth-demo/hello"));
        QTRY_COMPARE_WITH_TIMEOUT(text("state"), stateLabel(QStringLiteral("running")), 3000);
        QVERIFY2(text("status").startsWith(QStringLiteral("Up ")), qPrintable(text("status")));
        QVERIFY2(text("command").contains(QStringLiteral("sleep 60")), qPrintable(text("command")));
        QCOMPARE(text("exit"), QStringLiteral("—")); // running: no exit code yet
        const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(hostPort);
        QVERIFY2(text("ports").contains(QStringLiteral("href=\"%1\"").arg(url)), qPrintable(text("ports")));
        // From the inspect answer, read off the GUI thread.
        QTRY_COMPARE_WITH_TIMEOUT(text("memory"), formatSize(64 * 1000 * 1000), 5000); // "64.00 MB"
        QCOMPARE(text("pids"), QStringLiteral("no limit"));
        QCOMPARE(text("networkMode"), QStringLiteral("bridge"));
        QVERIFY2(text("networks").startsWith(QStringLiteral("bridge: ")), qPrintable(text("networks")));
        QVERIFY(text("started") != QStringLiteral("—"));
        QCOMPARE(text("finished"), QStringLiteral("—"));

        // The port's link goes through the page's opener.
        emit overview->field(QStringLiteral("ports"))->linkActivated(url);
        QCOMPARE(openedUrls, QList<QUrl>{QUrl(url)});

        // Stopped from outside the window: the watcher's update reaches the overview.
        QVERIFY(e.stopContainer("overview-web", 1));
        QTRY_COMPARE_WITH_TIMEOUT(text("state"), stateLabel(QStringLiteral("exited")), 5000);
        const auto info = e.inspectContainer("overview-web");
        QVERIFY(info);
        QCOMPARE(text("exit"), QString::number(info->state.exitCode));
        QVERIFY2(text("status").startsWith(QStringLiteral("Exited (")), qPrintable(text("status")));
        QTRY_VERIFY_WITH_TIMEOUT(text("finished") != QStringLiteral("—"), 5000); // inspect asked again
        QCOMPARE(overview->container(), QString::fromStdString(created->id));
    }
};

QTEST_MAIN(TstUiOverview)
#include "tst_ui_overview.moc"
