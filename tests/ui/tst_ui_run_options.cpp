// The Run… dialog's network, ports, volumes and limits: the live `berth run …` line uses the
// CLI's own flags, the CreateOptions the bridge creates say the same, the Ports column reads
// like `berth ps` and opens the page, the web-demo bar asks for the right command, and without
// root the Containers page explains why it cannot run anything. Nothing here starts a container.
#include "bridge/container_bridge.h"
#include "bridge/run_options.h"
#include "models/container_list_model.h"
#include "models/image_list_model.h"
#include "test_env.h"
#include "views/containers_page.h"
#include "views/ports_editor.h"
#include "views/privileges.h"
#include "views/run_dialog.h"
#include "views/volumes_editor.h"
#include "views/web_demo_bar.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace berth;
using namespace berth::ui;

Q_DECLARE_METATYPE(QList<berth::ui::PortMapping>)
Q_DECLARE_METATYPE(QList<berth::ui::VolumeRequest>)

// Records what QDesktopServices would open.
class UrlRecorder : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl& url) { opened << url; }
};

namespace {
PortMapping port(int host, int container) { return {QStringLiteral("127.0.0.1"), host, container, QStringLiteral("tcp")}; }
} // namespace

class TstUiRunOptions : public QObject {
    Q_OBJECT

private slots:
    void commandLineAndOptions_data() {
        QTest::addColumn<QString>("network");
        QTest::addColumn<QList<PortMapping>>("ports");
        QTest::addColumn<QList<VolumeRequest>>("volumes");
        QTest::addColumn<int>("memoryMiB");
        QTest::addColumn<double>("cpus");
        QTest::addColumn<QString>("expected");
        const QList<PortMapping> none;
        const QList<VolumeRequest> noVolumes;
        QTest::newRow("defaults") << "" << none << noVolumes << 0 << 0.0 << "berth run -d IMG";
        QTest::newRow("port makes bridge") << "none" << QList{port(8080, 80)} << noVolumes << 0 << 0.0
                                           << "berth run -d --network bridge -p 127.0.0.1:8080:80 IMG";
        QTest::newRow("any host port") << "bridge" << QList{port(0, 80)} << noVolumes << 0 << 0.0
                                       << "berth run -d --network bridge -p 127.0.0.1::80 IMG";
        QTest::newRow("two ports") << "bridge" << QList{port(8080, 80), port(8443, 443)} << noVolumes << 0 << 0.0
                                   << "berth run -d --network bridge -p 127.0.0.1:8080:80 -p 127.0.0.1:8443:443 IMG";
        QTest::newRow("no network") << "none" << none << noVolumes << 0 << 0.0 << "berth run -d --network none IMG";
        QTest::newRow("host network") << "host" << none << noVolumes << 0 << 0.0 << "berth run -d --network host IMG";
        QTest::newRow("read-only volume") << "" << none << QList{VolumeRequest{"/srv/data", "/data", true}} << 0
                                          << 0.0 << "berth run -d -v /srv/data:/data:ro IMG";
        QTest::newRow("rw volume with space") << "" << none << QList{VolumeRequest{"/srv/my data", "/data", false}}
                                              << 0 << 0.0 << "berth run -d -v '/srv/my data:/data' IMG";
        QTest::newRow("limits") << "" << none << noVolumes << 256 << 1.5 << "berth run -d -m 256m --cpus 1.5 IMG";
        QTest::newRow("whole cpus") << "" << none << noVolumes << 0 << 2.0 << "berth run -d --cpus 2 IMG";
        QTest::newRow("everything") << "bridge" << QList{port(8080, 80)} << QList{VolumeRequest{"/host", "/ctr", true}}
                                    << 256 << 1.5
                                    << "berth run -d --network bridge -p 127.0.0.1:8080:80 -v /host:/ctr:ro -m 256m "
                                       "--cpus 1.5 IMG";
    }

    void commandLineAndOptions() {
        QFETCH(QString, network);
        QFETCH(QList<PortMapping>, ports);
        QFETCH(QList<VolumeRequest>, volumes);
        QFETCH(int, memoryMiB);
        QFETCH(double, cpus);
        QFETCH(QString, expected);
        RunRequest r;
        r.image = QStringLiteral("IMG");
        r.network = network;
        r.ports = ports;
        r.volumes = volumes;
        r.memoryMiB = memoryMiB;
        r.cpus = cpus;
        QCOMPARE(CliCommand().run(r), expected);

        const engine::CreateOptions o = toCreateOptions(r);
        QCOMPARE(QString::fromStdString(o.networkMode), ports.isEmpty() ? network : QStringLiteral("bridge"));
        QCOMPARE(int(o.ports.size()), int(ports.size()));
        for (int i = 0; i < ports.size(); ++i) {
            QCOMPARE(o.ports[i].hostIp, std::string("127.0.0.1"));
            QCOMPARE(o.ports[i].hostPort, ports[i].hostPort);
            QCOMPARE(o.ports[i].containerPort, ports[i].containerPort);
            QCOMPARE(o.ports[i].protocol, std::string("tcp"));
        }
        QCOMPARE(int(o.mounts.size()), int(volumes.size()));
        for (int i = 0; i < volumes.size(); ++i) {
            QCOMPARE(o.mounts[i].type, std::string("bind"));
            QCOMPARE(QString::fromStdString(o.mounts[i].source), volumes[i].hostPath);
            QCOMPARE(QString::fromStdString(o.mounts[i].destination), volumes[i].containerPath);
            QCOMPARE(o.mounts[i].readOnly, volumes[i].readOnly);
        }
        QCOMPARE(o.resources.memoryBytes.has_value(), memoryMiB > 0);
        if (memoryMiB > 0) QCOMPARE(*o.resources.memoryBytes, std::int64_t(memoryMiB) * 1024 * 1024);
        QCOMPARE(o.resources.cpus.has_value(), cpus > 0);
        if (cpus > 0) QCOMPARE(*o.resources.cpus, cpus);
    }

    void dialogBuildsTheSameRequest() {
        RunDialog dialog({QStringLiteral("berth-demo/web:latest")}, CliCommand());
        QCOMPARE(dialog.networkBox()->currentData().toString(), QString()); // the engine's default: the bridge
        dialog.networkBox()->setCurrentIndex(dialog.networkBox()->findData(QStringLiteral("none")));
        dialog.portsEditor()->addPort(8080, 80);
        QCOMPARE(dialog.networkBox()->currentData().toString(), QStringLiteral("bridge")); // a port chose the bridge
        dialog.volumesEditor()->addVolume(QStringLiteral("/host"), QStringLiteral("/ctr"), true);
        dialog.volumesEditor()->addVolume(); // empty rows are left out
        dialog.memoryBox()->setValue(256);
        dialog.cpusBox()->setValue(1.5);
        dialog.restartBox()->setCurrentIndex(dialog.restartBox()->findData(QStringLiteral("unless-stopped")));
        const QString expected = QStringLiteral("berth run -d --network bridge -p 127.0.0.1:8080:80 -v /host:/ctr:ro -m 256m "
                                                "--cpus 1.5 --restart unless-stopped berth-demo/web:latest");
        QCOMPARE(dialog.commandLine(), expected);
        QCOMPARE(dialog.preview()->text(), expected);
        const engine::CreateOptions o = dialog.createOptions();
        QCOMPARE(o.networkMode, std::string("bridge"));
        QCOMPARE(o.ports.size(), std::size_t(1));
        QCOMPARE(o.ports[0].hostPort, 8080);
        QCOMPARE(o.mounts.size(), std::size_t(1));
        QVERIFY(o.mounts[0].readOnly);
        QCOMPARE(*o.resources.memoryBytes, std::int64_t(256) << 20);
        QCOMPARE(*o.resources.cpus, 1.5);
        QCOMPARE(o.restart, std::string("unless-stopped"));

        dialog.portsEditor()->addPort(0, 443); // empty host port: any free one
        QVERIFY(dialog.preview()->text().contains(QStringLiteral("-p 127.0.0.1::443")));
        if (qEnvironmentVariableIsSet("BERTH_UI_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("BERTH_UI_SCREENSHOT_DIR") + QStringLiteral("/run-dialog.png"));
    }

    void portRetryGoesToAnyPort() {
        QVERIFY(isPortTaken(QStringLiteral("bind for 127.0.0.1:8080 failed: port is already allocated")));
        QVERIFY(!isPortTaken(QStringLiteral("no such image")));
        const RunRequest retry = withAnyHostPort(WebDemoBar::request());
        QCOMPARE(retry.ports.first().hostPort, 0);
        QVERIFY(!retry.anyPortIfTaken);
        QCOMPARE(CliCommand().run(retry),
                 QStringLiteral("berth run -d --network bridge -p 127.0.0.1::80 --name web-demo berth-demo/web"));
    }

    void portsColumn_data() {
        QTest::addColumn<QList<PortMapping>>("ports");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("url");
        QTest::newRow("none") << QList<PortMapping>{} << "" << "";
        QTest::newRow("one") << QList{port(8080, 80)} << "127.0.0.1:8080->80/tcp" << "http://127.0.0.1:8080/";
        QTest::newRow("udp is no page") << QList{PortMapping{"127.0.0.1", 5353, 53, "udp"}} << "127.0.0.1:5353->53/udp" << "";
        QTest::newRow("udp then tcp") << QList{PortMapping{"127.0.0.1", 5353, 53, "udp"}, port(45085, 80)}
                                      << "127.0.0.1:5353->53/udp, 127.0.0.1:45085->80/tcp" << "http://127.0.0.1:45085/";
    }

    void portsColumn() {
        QFETCH(QList<PortMapping>, ports);
        QFETCH(QString, text);
        QFETCH(QString, url);
        ContainerListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ContainerInfo c;
        c.id = QString(64, QLatin1Char('a'));
        c.name = QStringLiteral("web");
        c.state = QStringLiteral("running");
        c.ports = ports;
        model.setContainers({c});
        const QModelIndex cell = model.index(0, ContainerListModel::PortsColumn);
        QCOMPARE(cell.data().toString(), text);
        QCOMPARE(cell.data(ContainerListModel::WebUrlRole).toUrl().toString(), url);
        QCOMPARE(model.headerData(ContainerListModel::PortsColumn, Qt::Horizontal).toString(), QStringLiteral("Ports"));
    }

    void activatingPortsOpensThePage() {
        test::TempDir dir;
        ContainerBridge bridge(QString::fromStdString((dir / "store").string()));
        ContainerListModel model;
        ImageListModel images;
        ContainersPage page(&bridge, &model, &images, CliCommand());
        ContainerInfo c;
        c.id = QString(64, QLatin1Char('b'));
        c.name = QStringLiteral("web");
        c.state = QStringLiteral("running");
        c.ports = {port(8080, 80)};
        model.setContainers({c});
        UrlRecorder recorder;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &recorder, "open");
        QSignalSpy echoed(&page, &ContainersPage::commandIssued);
        page.openPorts(page.table()->model()->index(0, ContainerListModel::NameColumn)); // other columns: nothing
        page.openPorts(page.table()->model()->index(0, ContainerListModel::PortsColumn));
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QCOMPARE(recorder.opened, QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:8080/"))});
        QCOMPARE(echoed.count(), 0); // not a berth command
    }

    void webDemoBarAsksAndLinks() {
        WebDemoBar bar;
        QVERIFY(bar.isHidden());
        QCOMPARE(CliCommand().run(WebDemoBar::request()),
                 QStringLiteral("berth run -d --network bridge -p 127.0.0.1:8080:80 --name web-demo berth-demo/web"));
        bar.offer();
        QVERIFY(bar.label()->text().contains(QStringLiteral("http://127.0.0.1:8080")));
        QSignalSpy asked(&bar, &WebDemoBar::runRequested);
        bar.runButton()->click();
        QCOMPARE(asked.count(), 1);
        QVERIFY(bar.isWaiting());
        bar.showPublished({port(45085, 80)});
        QVERIFY(bar.label()->text().contains(QStringLiteral("href=\"http://127.0.0.1:45085/\"")));
        bar.dismissButton()->click();
        QVERIFY(bar.isHidden());
    }

    void noPrivilegesBanner() {
        test::TempDir dir;
        ContainerBridge bridge(QString::fromStdString((dir / "store").string()));
        ContainerListModel model;
        ImageListModel images;
        setCanRunContainersForTesting(false);
        ContainersPage page(&bridge, &model, &images, CliCommand());
        setCanRunContainersForTesting(std::nullopt);
        page.show();
        QVERIFY(page.noPrivilegesBanner()->isVisible());
        QVERIFY(page.noPrivilegesBanner()->text().contains(QStringLiteral("sudo berth-desktop")));
        QVERIFY(!page.noPrivilegesBanner()->text().contains(QStringLiteral("until rootless mode arrives")));
        QVERIFY(!page.runAction()->isEnabled());
        ContainerInfo c;
        c.id = QString(64, QLatin1Char('c'));
        c.name = QStringLiteral("stopped");
        c.state = QStringLiteral("exited");
        model.setContainers({c});
        page.selectName(QStringLiteral("stopped"));
        QVERIFY(!page.action(ContainerBridge::Verb::Start)->isEnabled());
        QVERIFY(page.action(ContainerBridge::Verb::Remove)->isEnabled());
        page.setCanRunContainers(true);
        QVERIFY(!page.noPrivilegesBanner()->isVisible());
        QVERIFY(page.runAction()->isEnabled());
        QVERIFY(page.action(ContainerBridge::Verb::Start)->isEnabled());
    }

    // A failed rootless join: the banner carries the join's own one-line error (it names the fix).
    void noPrivilegesBannerSaysWhyTheJoinFailed() {
        test::TempDir dir;
        ContainerBridge bridge(QString::fromStdString((dir / "store").string()));
        ContainerListModel model;
        ImageListModel images;
        const QString why = QStringLiteral("rootless: newuidmap not found (apt install uidmap)");
        setRootlessJoinError(why);
        setCanRunContainersForTesting(false);
        ContainersPage page(&bridge, &model, &images, CliCommand());
        setCanRunContainersForTesting(std::nullopt);
        setRootlessJoinError(QString());
        page.show();
        QVERIFY(page.noPrivilegesBanner()->isVisible());
        QVERIFY(page.noPrivilegesBanner()->text().contains(why));
        QVERIFY(!page.runAction()->isEnabled());
    }
};

QTEST_MAIN(TstUiRunOptions)
#include "tst_ui_run_options.moc"
