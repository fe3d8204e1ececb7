// Issue 4, the app with many containers: only the rows in the table's viewport (and the selected
// one) are asked for live stats, and the set follows scrolling, filtering and hiding the page; the
// container model announces only what changed; changes made behind the app's back (the engine
// called directly, as the CLI would) appear within a second without polling; and, as root, the
// watcher reads the cgroups of the requested containers only.
#include "bridge/cgroup_usage_files.h"
#include "bridge/container_bridge.h"
#include "demo_store.h"
#include "models/container_filter_proxy.h"
#include "models/container_list_model.h"
#include "models/container_status.h"
#include "models/image_list_model.h"
#include "views/containers_page.h"
#include "views/visible_rows_tracker.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace berth;
using namespace berth::ui;

namespace {
QString path(const std::filesystem::path& p) {
    return QString::fromStdString(p.string());
}

QString fakeId(int i) {
    return QStringLiteral("%1").arg(i, 64, 10, QLatin1Char('0'));
}

// n running containers, c0 … c<n-1>, started seconds ago.
QList<ContainerInfo> fakeContainers(int n, int secondsAgo = 5) {
    const QString started = QDateTime::currentDateTimeUtc().addSecs(-secondsAgo).toString(Qt::ISODateWithMs);
    QList<ContainerInfo> out;
    for (int i = 0; i < n; ++i) {
        ContainerInfo c;
        c.id = fakeId(i);
        c.name = QStringLiteral("c%1").arg(i);
        c.image = QStringLiteral("berth-demo/hello");
        c.state = QStringLiteral("running");
        c.created = c.startedAt = started;
        out << c;
    }
    return out;
}

// What the table shows, computed from its geometry (not the way the tracker does it), plus the
// current row: the set the watcher should be asked for.
QStringList shownIds(const QTableView* table) {
    QSet<QString> ids;
    if (table->isVisible()) {
        const QRect area = table->viewport()->rect();
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex i = table->model()->index(row, 0);
            if (table->visualRect(i).intersects(area))
                ids.insert(i.data(ContainerListModel::IdRole).toString());
        }
    }
    if (table->currentIndex().isValid())
        ids.insert(table->currentIndex().data(ContainerListModel::IdRole).toString());
    QStringList out = ids.values();
    out.sort();
    return out;
}

std::unique_ptr<engine::Engine> openStore(const std::filesystem::path& root) {
    if (test::loadDemoStore(root).images.isEmpty()) return nullptr;
    auto e = engine::Engine::open(engine::EngineOptions{root});
    return e ? std::move(*e) : nullptr;
}

engine::CreateOptions sleeper(const char* name) {
    engine::CreateOptions o;
    o.image = "berth-demo/hello";
    o.name = name;
    o.overrides.cmd = {"sh", "-c", "sleep 30"};
    o.stopTimeout = 1;
    return o;
}

using test::ContainerCleanup;
} // namespace

class TstUiSampling : public QObject {
    Q_OBJECT
    test::TempDir m_config;

private slots:
    void initTestCase() { qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(m_config.path().string())); }

    // The three numbers a row shows, from fixture cgroup trees of both versions (v1: one
    // directory per hierarchy; limits at the kernel's "unlimited" sentinel read as none).
    void cgroupUsageFiles_data() {
        QTest::addColumn<QStringList>("files"); // "dir/name=content"
        QTest::addColumn<bool>("opens");
        QTest::addColumn<quint64>("cpu");
        QTest::addColumn<quint64>("memory");
        QTest::addColumn<quint64>("limit");
        QTest::newRow("v1")
            << QStringList{QStringLiteral("cpuacct/cpuacct.usage=123456789\n"),
                           QStringLiteral("memory/memory.usage_in_bytes=10485760\n"),
                           QStringLiteral("memory/memory.limit_in_bytes=9223372036854771712\n"),
                           QStringLiteral("memory/memory.stat=cache 5\ntotal_inactive_file 1048576\n")}
            << true << quint64(123456789) << quint64(9437184) << quint64(0);
        QTest::newRow("v1 limited") << QStringList{QStringLiteral("cpuacct/cpuacct.usage=1\n"),
                                                   QStringLiteral("memory/memory.usage_in_bytes=100\n"),
                                                   QStringLiteral("memory/memory.limit_in_bytes=67108864\n"),
                                                   QStringLiteral(
                                                       "memory/memory.stat=total_inactive_file 500\n")}
                                    << true << quint64(1) << quint64(100)
                                    << quint64(67108864); // never below zero: raw
        QTest::newRow("v2") << QStringList{QStringLiteral(
                                               "unified/cpu.stat=usage_usec 2500\nuser_usec 2000\n"),
                                           QStringLiteral("unified/memory.current=8192\n"),
                                           QStringLiteral("unified/memory.max=max\n"),
                                           QStringLiteral("unified/memory.stat=anon 1\ninactive_file 4096\n")}
                            << true << quint64(2'500'000) << quint64(4096) << quint64(0);
        QTest::newRow("v2 limited") << QStringList{QStringLiteral("unified/cpu.stat=usage_usec 1\n"),
                                                   QStringLiteral("unified/memory.current=8192\n"),
                                                   QStringLiteral("unified/memory.max=1048576\n"),
                                                   QStringLiteral("unified/memory.stat=inactive_file 0\n")}
                                    << true << quint64(1000) << quint64(8192) << quint64(1048576);
        QTest::newRow("no memory controller") << QStringList{QStringLiteral("cpuacct/cpuacct.usage=1\n")}
                                              << false << quint64(0) << quint64(0) << quint64(0);
    }
    void cgroupUsageFiles() {
        QFETCH(QStringList, files);
        test::TempDir dir;
        std::vector<std::filesystem::path> dirs;
        for (const QString& spec : files) {
            const QString name = spec.section(QLatin1Char('='), 0, 0);
            const QString content = spec.section(QLatin1Char('='), 1);
            const auto file = dir.path() / name.toStdString();
            std::filesystem::create_directories(file.parent_path());
            if (std::find(dirs.begin(), dirs.end(), file.parent_path()) == dirs.end())
                dirs.push_back(file.parent_path());
            QFile f(QString::fromStdString(file.string()));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content.toUtf8());
        }
        auto usage = CgroupUsageFiles::open(dirs);
        QTEST(usage.has_value(), "opens");
        if (!usage) return;
        auto r = usage->read();
        QVERIFY(r);
        QTEST(quint64(r->cpuNanos), "cpu");
        QTEST(quint64(r->memoryUsage), "memory");
        QTEST(quint64(r->memoryLimit), "limit");
    }

    // A bare view: the tracker's ids are the rows in the viewport, and follow scrolling.
    void trackerFollowsTheViewport() {
        ContainerListModel model;
        model.setContainers(fakeContainers(200));
        QTableView view;
        view.setModel(&model);
        view.resize(500, 220);
        VisibleRowsTracker tracker(&view, ContainerListModel::IdRole);
        QSignalSpy changed(&tracker, &VisibleRowsTracker::idsChanged);
        tracker.update();
        QVERIFY(tracker.ids().isEmpty()); // not shown yet: nothing is visible
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE(tracker.ids(), shownIds(&view));
        QVERIFY(tracker.ids().size() > 2);
        QVERIFY(tracker.ids().size() < 20); // a few of the 200
        QVERIFY(tracker.ids().contains(fakeId(0)));

        view.selectionModel()->clearCurrentIndex(); // a shown view makes its first row current
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
        QTRY_COMPARE(tracker.ids(), shownIds(&view));
        QVERIFY(tracker.ids().contains(fakeId(199)));
        QVERIFY(!tracker.ids().contains(fakeId(0)));

        const int before = static_cast<int>(changed.size());
        view.resize(500, 400); // taller: more rows
        QTRY_VERIFY(changed.size() > before);
        QCOMPARE(tracker.ids(), shownIds(&view));
    }

    // The Containers page asks the bridge for the visible rows and the selected one: scrolling,
    // filtering and hiding the page change the request; 200 rows are never all asked for.
    void pageAsksForVisibleRows() {
        test::TempDir dir;
        const QString root = path(dir.path());
        ContainerBridge bridge(root); // not watching: the test feeds the model itself
        ContainerListModel model;
        ImageListModel images;
        ContainersPage page(&bridge, &model, &images, CliCommand(root));
        QCOMPARE(bridge.sampledIds(), QStringList()); // asked for nothing rather than everything
        model.setContainers(fakeContainers(200));
        page.resize(900, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTableView* table = page.table();
        QTRY_COMPARE(bridge.sampledIds(), shownIds(table));
        const QStringList top = bridge.sampledIds();
        QVERIFY(!top.isEmpty());
        QVERIFY(top.size() < 40);

        // The selected row stays asked for after it scrolled out of view (the Stats tab charts it).
        page.selectName(QStringLiteral("c1"));
        table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
        QTRY_COMPARE(bridge.sampledIds(), shownIds(table));
        QVERIFY(bridge.sampledIds() != top);
        QVERIFY(bridge.sampledIds().contains(fakeId(1)));
        QVERIFY(bridge.sampledIds().contains(fakeId(199)));
        QVERIFY(!bridge.sampledIds().contains(fakeId(0)));

        // Filtering: only matching rows remain, so only they are asked for.
        page.filterEdit()->setText(QStringLiteral("c19"));
        QTRY_COMPARE(bridge.sampledIds(), shownIds(table));
        for (const QString& id : bridge.sampledIds()) {
            const int row = model.rowOfId(id);
            const QString name = model.index(row, 0).data(ContainerListModel::NameRole).toString();
            QVERIFY2(name.startsWith(QStringLiteral("c19")) || name == QStringLiteral("c1"),
                     qPrintable(name));
        }
        page.filterEdit()->clear();
        page.selectName(QStringLiteral("c1")); // the filter may have taken the current row away

        // Another page shown: only the selected container is sampled.
        page.hide();
        QTRY_COMPARE(bridge.sampledIds(), QStringList{fakeId(1)});
        page.show();
        QTRY_COMPARE(bridge.sampledIds(), shownIds(table));
    }

    // A tick with nothing new announces nothing; one changed row announces that row's changed
    // columns; usage announces the CPU and memory cells of the rows whose values changed.
    void modelAnnouncesOnlyChanges() {
        ContainerListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<ContainerInfo> list = fakeContainers(200, 3600);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setContainers(list);
        QCOMPARE(inserted.size(), 1); // 200 rows in one insertion
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setContainers(list);
        QCOMPARE(changed.size(), 0);

        list[7].state = QStringLiteral("exited");
        list[7].finishedAt = QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODateWithMs);
        model.setContainers(list);
        QCOMPARE(changed.size(), 1);
        auto tl = changed.at(0).at(0).value<QModelIndex>(), br = changed.at(0).at(1).value<QModelIndex>();
        QCOMPARE(tl.row(), 7);
        QCOMPARE(br.row(), 7);
        QCOMPARE(tl.column(), int(ContainerListModel::StateColumn));
        QCOMPARE(br.column(), int(ContainerListModel::MemoryColumn));
        QCOMPARE(model.index(7, ContainerListModel::StatusColumn).data().toString(),
                 QStringLiteral("Exited (0) About an hour ago"));

        changed.clear();
        UsageById usage;
        usage.insert(fakeId(3), ContainerUsage{1.5, 1 << 20, 1 << 30, 0.1, false});
        usage.insert(fakeId(5), ContainerUsage{2.5, 2 << 20, 1 << 30, 0.2, false});
        model.setUsage(usage);
        QCOMPARE(changed.size(), 1);
        tl = changed.at(0).at(0).value<QModelIndex>();
        br = changed.at(0).at(1).value<QModelIndex>();
        QCOMPARE(tl.row(), 3);
        QCOMPARE(br.row(), 5);
        QCOMPARE(tl.column(), int(ContainerListModel::CpuColumn));
        QCOMPARE(br.column(), int(ContainerListModel::MemoryColumn));
        QCOMPARE(model.index(3, 0).data(ContainerListModel::CpuPercentRole).toDouble(), 1.5);
        model.setUsage(usage);
        QCOMPARE(changed.size(), 1); // the same values: nothing to repaint
        usage[fakeId(5)].cpuPercent = 3.0;
        model.setUsage(usage);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 5);
        QCOMPARE(changed.at(1).at(1).value<QModelIndex>().row(), 5);

        // STATUS ages: "About an hour" stays, a container up for seconds moves on.
        changed.clear();
        model.refreshStatus(QDateTime::currentDateTimeUtc().addSecs(1));
        QCOMPARE(changed.size(), 0); // "Up About an hour", "Exited (0) About an hour ago": the same
        list[9].startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        model.setContainers(list);
        changed.clear();
        model.refreshStatus(QDateTime::currentDateTimeUtc().addSecs(5));
        QCOMPARE(changed.size(), 1); // only the container that just started
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 9);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 9);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(), int(ContainerListModel::StatusColumn));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().column(), int(ContainerListModel::StatusColumn));
        QCOMPARE(model.index(9, 0).data(ContainerListModel::StatusTextRole).toString(),
                 QStringLiteral("Up 5 seconds"));
        // Aged texts read as Docker's, however far they moved on.
        for (int seconds : {70, 3 * 60, 2 * 3600}) {
            const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(seconds);
            model.refreshStatus(later);
            QCOMPARE(model.index(9, ContainerListModel::StatusColumn).data().toString(),
                     containerStatusText(list[9], later));
            QCOMPARE(model.index(7, ContainerListModel::StatusColumn).data().toString(),
                     containerStatusText(list[7], later));
        }
        QCOMPARE(reset.size(), 0);
    }

    // Changes made behind the app's back appear within a second, told by inotify: create, rename
    // (it writes no event, only config.json) and remove.
    void storeChangesAppearWithinASecond() {
        test::TempDir dir;
        auto engine = openStore(dir.path());
        QVERIFY(engine);
        ContainerCleanup cleanup{engine.get()};
        QVERIFY(engine->createContainer(sleeper("tst-one")));
        ContainerListModel model;
        ContainerBridge bridge(path(dir.path()));
        connect(&bridge, &ContainerBridge::containersChanged, &model, &ContainerListModel::setContainers);
        QSignalSpy lists(&bridge, &ContainerBridge::containersChanged);
        bridge.startWatching();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 2000);
        // Quiet store: no listing at all (nothing is polled and parsed every second).
        lists.clear();
        QTest::qWait(2500);
        QCOMPARE(lists.size(), 0);

        QVERIFY(engine->createContainer(sleeper("tst-two")));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 1000);
        QVERIFY(engine->renameContainer("tst-two", "tst-renamed"));
        QTRY_VERIFY_WITH_TIMEOUT(model.rowOfName(QStringLiteral("tst-renamed")) >= 0, 1000);
        QVERIFY(engine->removeContainer("tst-one", true));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 1000);
        QCOMPARE(model.index(0, 0).data(ContainerListModel::NameRole).toString(),
                 QStringLiteral("tst-renamed"));
    }

    // As root, with real containers: only the requested ones are read, the union over clients.
    void onlyRequestedContainersAreSampled() {
        if (!test::isRoot()) QSKIP("starting containers needs root");
        test::TempDir dir;
        auto engine = openStore(dir.path());
        QVERIFY(engine);
        ContainerCleanup cleanup{engine.get()};
        QStringList ids;
        for (const char* name : {"tst-a", "tst-b", "tst-c"}) {
            auto config = engine->createContainer(sleeper(name));
            QVERIFY(config);
            QVERIFY(engine->startContainer(config->id));
            ids << QString::fromStdString(config->id);
        }
        ContainerBridge bridge(path(dir.path()));
        UsageById last;
        connect(&bridge, &ContainerBridge::usageSampled, this, [&last](const UsageById& u) { last = u; });
        bridge.setSampledIds(QStringLiteral("table"), {ids[0]});
        bridge.startWatching(200);
        QTRY_VERIFY_WITH_TIMEOUT(last.contains(ids[0]), 3000);
        QCOMPARE(last.keys(), QList<QString>{ids[0]});
        QVERIFY(last.value(ids[0]).memoryUsage > 0);
        QTest::qWait(500); // more ticks: still only that one
        QCOMPARE(last.keys(), QList<QString>{ids[0]});

        bridge.setSampledIds(QStringLiteral("table"), {ids[1]});
        bridge.setSampledIds(QStringLiteral("learn"), {ids[2]});
        QStringList both{ids[1], ids[2]};
        both.sort();
        QCOMPARE(bridge.sampledIds(), both);
        QTRY_COMPARE_WITH_TIMEOUT(QSet<QString>(last.keyBegin(), last.keyEnd()),
                                  (QSet<QString>{ids[1], ids[2]}), 2000);
        bridge.setSampledIds(QStringLiteral("table"), {});
        bridge.setSampledIds(QStringLiteral("learn"), {});
        QTRY_VERIFY_WITH_TIMEOUT(last.isEmpty(), 2000);
    }
};

QTEST_MAIN(TstUiSampling)
#include "tst_ui_sampling.moc"
