// The container detail tabs and the running-container Learn views on a real temp store: the Inspect
// tree under QAbstractItemModelTester (a created container), Processes listing the container's
// pid 1 (running, as root), the upper-layer classifier and the layer-stack view on a hand-made
// fixture (copy-up, 0/0 whiteout — mknod needs root — and a new file), a live copy-up and whiteout
// after `berth exec` within 3 s, and the isolation view's namespaces. Containers are always removed.
#include "bridge/details_bridge.h"
#include "bridge/details_readers.h"
#include "demo_store.h"
#include "models/json_tree_model.h"
#include "models/upper_classifier.h"
#include "teach/isolation_view.h"
#include "teach/running_layers_view.h"
#include "views/container_detail_tabs.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

#include <fstream>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace berth;
using namespace berth::ui;

namespace {
namespace fs = std::filesystem;

using test::ContainerCleanup;

std::unique_ptr<engine::Engine> openStore(const fs::path& root) {
    if (test::loadDemoStore(root).images.isEmpty()) return nullptr;
    auto e = engine::Engine::open(engine::EngineOptions{root});
    return e ? std::move(*e) : nullptr;
}

QString createContainer(engine::Engine& e, const char* image, const char* name, std::vector<std::string> cmd = {}) {
    engine::CreateOptions o;
    o.image = image;
    o.name = name;
    o.overrides.cmd = std::move(cmd);
    o.stopTimeout = 1;
    auto c = e.createContainer(o);
    if (!c) qWarning("create: %s", c.error().message.c_str());
    return c ? QString::fromStdString(c->id) : QString();
}

void write(const fs::path& p, const char* text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

QString qpath(const fs::path& p) { return QString::fromStdString(p.string()); }
} // namespace

class TstUiDetails : public QObject {
    Q_OBJECT

private slots:
    void inspectTreeOfCreatedContainer() {
        if (!test::isRoot()) QSKIP("creating containers needs root (the rootfs snapshot)");
        test::TempDir root;
        auto e = openStore(root.path());
        QVERIFY(e);
        ContainerCleanup cleanup{e.get()};
        const QString id = createContainer(*e, "berth-demo/hello", "inspected", {"sh", "-c", "true"});
        QVERIFY(!id.isEmpty());
        DetailsBridge bridge(qpath(root.path()));
        QTabWidget tabs;
        ContainerDetailTabs details(&bridge, &tabs);
        QAbstractItemModelTester tester(details.inspectModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        details.setContainer(id);
        QTRY_VERIFY_WITH_TIMEOUT(details.inspectModel()->rowCount() > 0, 5000);
        JsonTreeModel* m = details.inspectModel();
        const auto value = [m](const char* path) {
            return m->find(QString::fromLatin1(path)).siblingAtColumn(JsonTreeModel::ValueColumn).data().toString();
        };
        QCOMPARE(value("Id"), QStringLiteral("\"%1\"").arg(id));
        QCOMPARE(value("Name"), QStringLiteral("\"/inspected\""));
        QCOMPARE(value("State.Status"), QStringLiteral("\"created\""));
        QCOMPARE(value("State.Running"), QStringLiteral("false"));
        QCOMPARE(value("Config.Cmd.[2]"), QStringLiteral("\"true\""));
        QCOMPARE(value("HostConfig.RestartPolicy.Name"), QStringLiteral("\"no\""));
        QVERIFY(m->find(QStringLiteral("Config.Env")).isValid());
        QCOMPARE(m->find(QStringLiteral("State.Pid")).data(JsonTreeModel::PathRole).toString(), QStringLiteral("State.Pid"));
    }

    void processesShowPidOne() {
        if (!test::isRoot()) QSKIP("starting containers needs root");
        test::TempDir root;
        auto e = openStore(root.path());
        QVERIFY(e);
        ContainerCleanup cleanup{e.get()};
        const QString id = createContainer(*e, "berth-demo/hello", "top", {"sleep", "30"});
        QVERIFY(!id.isEmpty());
        auto started = e->startContainer(id.toStdString());
        QVERIFY2(started && started->ok, started ? started->message.c_str() : started.error().message.c_str());
        auto c = e->inspectContainer(id.toStdString());
        QVERIFY(c && c->state.pid > 0);
        DetailsBridge bridge(qpath(root.path()));
        QTabWidget tabs;
        ContainerDetailTabs details(&bridge, &tabs);
        tabs.setCurrentWidget(details.processTable());
        details.setContainer(id);
        QTableWidget* t = details.processTable();
        const QString pid = QString::number(c->state.pid);
        QTRY_VERIFY_WITH_TIMEOUT(t->rowCount() > 0 && t->item(0, 0), 5000);
        int row = -1;
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, 0)->text() == pid) row = r;
        QVERIFY2(row >= 0, qPrintable(QStringLiteral("pid %1 not listed").arg(pid)));
        QVERIFY2(t->item(row, 4)->text().contains(QStringLiteral("sleep")), qPrintable(t->item(row, 4)->text()));
    }

    void classifiesFixture() {
        test::TempDir dir;
        const fs::path lower1 = dir / "l1", lower2 = dir / "l2", upper = dir / "upper";
        write(lower1 / "etc/passwd", "root:x:0:0\n");
        write(lower1 / "var/www/index.html", "<p>hi</p>");
        write(lower2 / "etc/hostname", "demo\n");
        write(upper / "etc/passwd", "root:x:0:0\nx\n");  // copy-up
        write(upper / "srv/new.txt", "new\n");           // new, in a new directory
        const bool root = test::isRoot();
        if (root) {
            fs::create_directories(upper / "var/www");
            QCOMPARE(::mknod((upper / "var/www/index.html").c_str(), S_IFCHR | 0000, makedev(0, 0)), 0);
        }
        const QList<UpperChange> changes = classifyUpper(upper, {lower1, lower2});
        QHash<QString, QChar> kinds;
        for (const auto& c : changes) kinds.insert(c.path, c.kind);
        QCOMPARE(kinds.value(QStringLiteral("/etc/passwd")), QLatin1Char('C'));
        QCOMPARE(kinds.value(QStringLiteral("/srv/new.txt")), QLatin1Char('A'));
        QCOMPARE(kinds.value(QStringLiteral("/srv")), QLatin1Char('A'));
        QVERIFY(!kinds.contains(QStringLiteral("/etc"))); // only holds a change
        if (root) QCOMPARE(kinds.value(QStringLiteral("/var/www/index.html")), QLatin1Char('D'));

        RunningLayersView view;
        view.setContainer(QStringLiteral("fixture"));
        view.setStack(RunningStack{QStringLiteral("fixture"), qpath(upper),
                                   {{QStringLiteral("sha256:aaaaaaaaaaaaaaaa"), 10}, {QStringLiteral("sha256:bbbbbbbbbbbbbbbb"), 5}},
                                   changes, {}});
        QCOMPARE(view.shownKind(QStringLiteral("/etc/passwd")), RunningLayersView::tr("copy-up"));
        QCOMPARE(view.shownKind(QStringLiteral("/srv/new.txt")), RunningLayersView::tr("new"));
        if (root) QCOMPARE(view.shownKind(QStringLiteral("/var/www/index.html")), RunningLayersView::tr("whiteout"));
        QCOMPARE(view.stackTree()->topLevelItemCount(), 3); // writable + two image layers, top first
        QVERIFY(view.stackTree()->topLevelItem(1)->text(0).contains(QStringLiteral("bbbbbbbbbbbb")));
        if (!root) QSKIP("the classifier's copy-up and new checks passed; a 0/0 whiteout needs root for mknod");
    }

    void liveCopyUpAndWhiteout() {
        if (!test::isRoot()) QSKIP("starting containers needs root");
        test::TempDir root;
        auto e = openStore(root.path());
        QVERIFY(e);
        ContainerCleanup cleanup{e.get()};
        const QString id = createContainer(*e, "berth-demo/web", "web");
        QVERIFY(!id.isEmpty());
        auto started = e->startContainer(id.toStdString());
        QVERIFY2(started && started->ok, started ? started->message.c_str() : started.error().message.c_str());
        DetailsBridge bridge(qpath(root.path()));
        RunningLayersView view;
        view.setSources(nullptr, &bridge);
        view.setContainer(id);
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.stackTree()->topLevelItemCount() > 1, 5000);
        QVERIFY(view.shownKind(QStringLiteral("/etc/passwd")).isEmpty());
        engine::ExecOptions exec;
        exec.cmd = {"sh", "-c", "echo x >> /etc/passwd; rm -f /var/www/index.html"};
        auto rc = e->execInContainer(id.toStdString(), exec);
        QVERIFY2(rc && *rc == 0, rc ? "exit code not 0" : rc.error().message.c_str());
        QTRY_COMPARE_WITH_TIMEOUT(view.shownKind(QStringLiteral("/etc/passwd")), RunningLayersView::tr("copy-up"), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(view.shownKind(QStringLiteral("/var/www/index.html")), RunningLayersView::tr("whiteout"), 3000);
    }

    void isolationOfRunningContainer() {
        if (!test::isRoot()) QSKIP("starting containers needs root");
        test::TempDir root;
        auto e = openStore(root.path());
        QVERIFY(e);
        ContainerCleanup cleanup{e.get()};
        const QString id = createContainer(*e, "berth-demo/hello", "iso", {"sleep", "30"});
        QVERIFY(!id.isEmpty());
        auto started = e->startContainer(id.toStdString());
        QVERIFY(started && started->ok);
        const IsolationInfo info = readIsolation(*e, id);
        QVERIFY2(info.error.isEmpty(), qPrintable(info.error));
        IsolationView view;
        view.setContainer(id);
        view.setInfo(info);
        QTableWidget* t = view.namespaceTable();
        QCOMPARE(t->rowCount(), 7);
        QHash<QString, QString> result;
        for (int r = 0; r < t->rowCount(); ++r) result.insert(t->item(r, 0)->text(), t->item(r, 3)->text());
        for (const char* separate : {"pid", "mnt", "uts", "ipc"})
            QCOMPARE(result.value(QString::fromLatin1(separate)), IsolationView::tr("separate"));
        QCOMPARE(result.value(QStringLiteral("user")), IsolationView::tr("shared"));
        QCOMPARE(view.limitTable()->rowCount(), 3);
    }
};

QTEST_MAIN(TstUiDetails)
#include "tst_ui_details.moc"
