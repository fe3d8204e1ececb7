// Learn → Lifecycle, the Events page and the Stats charts, without containers: the lifecycle view
// lights the state of each Docker status; a die event with exit 137 flashes running → exited and
// shows the code; clicking an edge echoes the verb in the console; the events model under
// QAbstractItemModelTester, newest first and filtered by its proxy; the chart's series get one
// point per sample and keep at most the history's capacity; only ui/charts includes QtCharts.
#include "bridge/container_bridge.h"
#include "bridge/engine_bridge.h"
#include "charts/stats_panel.h"
#include "models/event_list_model.h"
#include "teach/learn_page.h"
#include "teach/lifecycle_items.h"
#include "teach/lifecycle_view.h"
#include "views/console_strip.h"
#include "views/events_page.h"
#include "views/main_window.h"
#include "test_env.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDirIterator>
#include <QGraphicsView>
#include <QLineEdit>
#include <QLineSeries>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace berth;
using namespace berth::ui;
using lifecycle::State;

Q_DECLARE_METATYPE(berth::ui::lifecycle::State)

namespace {
ContainerInfo info(const QString& name, const QString& state) {
    ContainerInfo c;
    c.id = QString(64, QLatin1Char(name.at(0).toLatin1() == 'w' ? 'a' : 'b'));
    c.name = name;
    c.state = state;
    return c;
}
ContainerEvent makeEvent(const ContainerInfo& c, const QString& action, int exitCode = -1) {
    ContainerEvent e;
    e.id = c.id;
    e.name = c.name;
    e.action = action;
    e.exitCode = exitCode;
    e.timeNano = 1'700'000'000'000'000'000LL;
    return e;
}
} // namespace

class TstUiLifecycle : public QObject {
    Q_OBJECT

private slots:
    void litState_data() {
        QTest::addColumn<QString>("status");
        QTest::addColumn<State>("expected");
        QTest::newRow("created") << "created" << State::Created;
        QTest::newRow("running") << "running" << State::Running;
        QTest::newRow("paused") << "paused" << State::Paused;
        QTest::newRow("restarting") << "restarting" << State::Restarting;
        QTest::newRow("exited") << "exited" << State::Exited;
        QTest::newRow("dead") << "dead" << State::Exited;
        QTest::newRow("removing") << "removing" << State::Removed;
    }
    void litState() {
        QFETCH(QString, status);
        QFETCH(State, expected);
        LifecycleView view;
        view.setContainers({info(QStringLiteral("web"), status)});
        QCOMPARE(view.litState(), expected);
        QVERIFY(view.node(expected)->isLit());
        int lit = 0;
        for (State s : {State::None, State::Created, State::Running, State::Paused, State::Restarting, State::Exited,
                        State::Removed})
            lit += view.node(s)->isLit();
        QCOMPARE(lit, 1);
    }

    void dieEventFlashesEdgeWithExitCode() {
        LifecycleView view;
        const ContainerInfo web = info(QStringLiteral("web"), QStringLiteral("running"));
        view.setContainers({web});
        const int edge = lifecycle::edgeIndex(State::Running, State::Exited);
        QVERIFY(!view.edge(edge)->isFlashing());
        view.addEvents({makeEvent(web, QStringLiteral("die"), 137)});
        QVERIFY(view.edge(edge)->isFlashing());
        QVERIFY(view.edge(edge)->text().contains(QStringLiteral("137")));
        QCOMPARE(view.litState(), State::Exited);
        QTRY_VERIFY_WITH_TIMEOUT(!view.edge(edge)->isFlashing(), 3000); // about a second
        // An oom before the die is named on the edge.
        view.addEvents({makeEvent(web, QStringLiteral("start")), makeEvent(web, QStringLiteral("oom")),
                        makeEvent(web, QStringLiteral("die"), 137)});
        QCOMPARE(view.edge(edge)->text(), QStringLiteral("stop / kill / die\nOOM · exit 137"));
        // Only edges leaving the lit state are clickable.
        QVERIFY(view.edge(lifecycle::edgeIndex(State::Exited, State::Running))->isClickable());
        QVERIFY(!view.edge(lifecycle::edgeIndex(State::Running, State::Paused))->isClickable());
    }

    void clickingAnEdgeRunsTheVerb() {
        test::TempDir dir;
        EngineBridge bridge(QString::fromStdString((dir.path() / "store").string()));
        MainWindow window(&bridge);
        window.showPage(MainWindow::Page::Learn);
        LearnPage* learn = window.learnPage();
        learn->tabs()->setCurrentWidget(learn->lifecycleView());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LifecycleView* view = learn->lifecycleView();
        view->setContainers({info(QStringLiteral("web"), QStringLiteral("running"))});
        LifecycleEdge* pause = view->edge(lifecycle::edgeIndex(State::Running, State::Paused));
        QVERIFY(pause->isClickable());
        const QPoint at = view->view()->mapFromScene(pause->mapToScene(pause->labelCenter()));
        QTest::mouseClick(view->view()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(window.console()->lastCommand(), QStringLiteral("berth --root %1 pause web").arg(bridge.root()));
    }

    void eventsModelAndFilter() {
        EventListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ContainerInfo web = info(QStringLiteral("web"), QStringLiteral("running"));
        const ContainerInfo db = info(QStringLiteral("db"), QStringLiteral("running"));
        model.addEvents({makeEvent(web, QStringLiteral("start")), makeEvent(db, QStringLiteral("start"))});
        model.addEvents({makeEvent(web, QStringLiteral("die"), 137)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, EventListModel::ActionColumn).data().toString(), QStringLiteral("die")); // newest first
        QVERIFY(model.index(0, EventListModel::DetailsColumn).data().toString().contains(QStringLiteral("exitCode=137")));
        QCOMPARE(model.index(1, EventListModel::NameColumn).data().toString(), QStringLiteral("db"));

        test::TempDir dir;
        EventsPage page(CliCommand{});
        QAbstractItemModelTester proxyTester(page.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(page.equivalentCommand().startsWith(QStringLiteral("berth events --since ")));
        page.addEvents({makeEvent(web, QStringLiteral("start")), makeEvent(db, QStringLiteral("start")),
                        makeEvent(web, QStringLiteral("die"), 137)});
        page.filterEdit()->setText(QStringLiteral("WEB"));
        QCOMPARE(page.proxy()->rowCount(), 2);
        page.filterEdit()->setText(QStringLiteral("137"));
        QCOMPARE(page.proxy()->rowCount(), 1);
    }

    void chartKeepsOnePointPerSample() {
        StatsPanel panel;
        panel.show();
        const QString id = QStringLiteral("abc");
        panel.setContainer(id);
        const int before = panel.replaceCount();
        panel.addUsage({{id, ContainerUsage{50, 10 << 20, 64 << 20, 15, true}}}, 1000);
        QCOMPARE(panel.cpuSeries()->count(), 1);
        QCOMPARE(panel.replaceCount() - before, 2); // one replace per series per tick
        QCOMPARE(panel.limitSeries()->count(), 2);  // the limit drawn as a horizontal line
        const int capacity = int(metrics::SampleHistory::kDefaultCapacity);
        for (int i = 1; i < capacity + 50; ++i) panel.append(id, {1000 + i * 1000LL, 10, 1 << 20, 0});
        QCOMPARE(panel.cpuSeries()->count(), capacity);
        QCOMPARE(panel.memorySeries()->count(), capacity);
        QCOMPARE(panel.limitSeries()->count(), 0); // the newest samples have no limit
    }

    void onlyChartsIncludeQtCharts() {
        QDirIterator it(QStringLiteral(BERTH_SOURCE_DIR), {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                        QDir::Files, QDirIterator::Subdirectories);
        QStringList offenders;
        const QStringList headers{QStringLiteral("<QChart"), QStringLiteral("<QLineSeries"), QStringLiteral("<QtCharts"),
                                  QStringLiteral("<QValueAxis")};
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QStringLiteral("/build")) || path.contains(QStringLiteral("/ui/charts/")) ||
                path.contains(QStringLiteral("/tests/ui/")) || path.contains(QStringLiteral("/."))) continue;
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) continue;
            const QString text = QString::fromUtf8(f.readAll());
            for (const QString& h : headers)
                if (text.contains(QStringLiteral("#include ") + h)) offenders << path;
        }
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TstUiLifecycle)
#include "tst_ui_lifecycle.moc"
