// Edit and recreate: the Run… dialog filled from a container's configuration (the image's own
// entrypoint, Cmd and Env and the engine's PATH/HOSTNAME taken out), and as root the whole flow on
// a temp store: a running container edited through the page is replaced by a new one with the
// same name, started, the old one gone, every step echoed as its `berth …` line; and a recreate
// whose create fails leaves the old container under its name, running as before.
#include "bridge/container_bridge.h"
#include "bridge/container_recreate.h"
#include "demo_store.h"
#include "models/container_list_model.h"
#include "models/image_list_model.h"
#include "views/containers_page.h"
#include "views/ports_editor.h"
#include "views/run_dialog.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace berth;
using namespace berth::ui;

namespace {

QString path(const std::filesystem::path& p) {
    return QString::fromStdString(p.string());
}

using test::ContainerCleanup;

bool hasLine(const QSignalSpy& spy, const QString& line) {
    for (const auto& args : spy)
        if (args.at(0).toString() == line) return true;
    return false;
}

} // namespace

class TstUiRecreate : public QObject {
    Q_OBJECT
    test::TempDir m_config;

private slots:
    void initTestCase() { qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(m_config.path().string())); }

    void requestFromConfigTakesOutTheDefaults() {
        oci::ImageConfig image;
        image.config.entrypoint = {"/bin/entry"};
        image.config.cmd = {"serve"};
        image.config.env = {"PATH=/usr/bin:/bin", "LANG=C"};
        runtime::ContainerConfig c;
        c.id = std::string(64, 'a');
        c.name = "web";
        c.image = "berth-demo/web";
        c.process.args = {"/bin/entry", "serve", "--port", "80"};
        c.process.env = {"PATH=/usr/bin:/bin", "HOSTNAME=aaaaaaaaaaaa", "LANG=C", "MODE=dev"};
        c.networkMode = "shop";
        c.ports = {{"0.0.0.0", 8080, 80, "tcp"}};
        c.mounts = {{"bind", "/srv/www", "/www", true, ""}, {"tmpfs", "", "/tmp", false, ""}};
        c.resources.memoryBytes = std::int64_t(256) << 20;
        c.resources.cpus = 1.5;
        c.restart = *runtime::RestartPolicy::parse("on-failure:3");
        const RunRequest r = requestFromConfig(c, &image);
        QCOMPARE(r.name, QStringLiteral("web"));
        QCOMPARE(r.image, QStringLiteral("berth-demo/web"));
        QCOMPARE(r.command,
                 (QStringList{QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("80")}));
        QCOMPARE(r.env, QStringList{QStringLiteral("MODE=dev")});
        QCOMPARE(r.network, QStringLiteral("shop"));
        QCOMPARE(r.effectiveNetwork(), QStringLiteral("shop")); // ports keep a user network
        QCOMPARE(r.ports, (QList<PortMapping>{{QStringLiteral("0.0.0.0"), 8080, 80, QStringLiteral("tcp")}}));
        QCOMPARE(r.volumes,
                 (QList<VolumeRequest>{{QStringLiteral("/srv/www"), QStringLiteral("/www"), true}}));
        QCOMPARE(r.memoryMiB, 256);
        QCOMPARE(r.cpus, 1.5);
        QCOMPARE(r.restart, QStringLiteral("on-failure:3"));

        c.process.args = {"/bin/entry", "serve"}; // the image's own: no command of the user's
        QVERIFY(requestFromConfig(c, &image).command.isEmpty());
        QCOMPARE(asideName(QStringLiteral("web"), QString::fromStdString(c.id)),
                 QStringLiteral("web-old-aaaaaaaa"));
    }

    void dialogRoundTrip() {
        RunRequest r;
        r.image = QStringLiteral("berth-demo/hello");
        r.name = QStringLiteral("edit-me");
        r.command = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("sleep 30")};
        r.env = {QStringLiteral("A=1"), QStringLiteral("B=two words")};
        r.restart = QStringLiteral("always");
        r.network = QStringLiteral("shop");
        r.ports = {{QStringLiteral("0.0.0.0"), 8080, 80, QStringLiteral("tcp")}};
        r.volumes = {{QStringLiteral("/srv"), QStringLiteral("/data"), false}};
        r.memoryMiB = 128;
        r.cpus = 0.5;
        RunDialog dialog({QStringLiteral("berth-demo/hello")}, CliCommand());
        dialog.setNetworks({QStringLiteral("bridge"), QStringLiteral("host"), QStringLiteral("none"),
                            QStringLiteral("shop")});
        dialog.setRequest(r);
        const RunRequest back = dialog.request();
        QCOMPARE(back.image, r.image);
        QCOMPARE(back.name, r.name);
        QCOMPARE(back.command, r.command);
        QCOMPARE(back.env, r.env);
        QCOMPARE(back.restart, r.restart);
        QCOMPARE(back.network, r.network);
        QCOMPARE(back.ports, r.ports);
        QCOMPARE(back.volumes, r.volumes);
        QCOMPARE(back.memoryMiB, r.memoryMiB);
        QCOMPARE(back.cpus, r.cpus);
        QVERIFY(dialog.commandLine().contains(QStringLiteral("--network shop -p 0.0.0.0:8080:80")));
    }

    void editAndRecreateThroughThePage() {
        if (!test::isRoot()) QSKIP("starting containers needs root");
        test::TempDir dir;
        QVERIFY(!test::loadDemoStore(dir / "store").images.isEmpty());
        auto opened = engine::Engine::open(engine::EngineOptions{dir / "store"});
        QVERIFY(opened);
        engine::Engine& e = **opened;
        ContainerCleanup cleanup{&e};
        engine::CreateOptions o;
        o.image = "berth-demo/hello";
        o.name = "edit-me";
        o.networkMode = "none";
        o.overrides.cmd = {"sh", "-c", "sleep 30"};
        o.overrides.env = {"GREETING=hello"};
        o.resources.memoryBytes = std::int64_t(64) << 20;
        o.stopTimeout = 1;
        auto created = e.createContainer(o);
        QVERIFY(created);
        const std::string oldId = created->id;
        auto start = e.startContainer("edit-me");
        QVERIFY2(start && start->ok, start ? start->message.c_str() : start.error().message.c_str());

        const QString root = path(dir / "store");
        ContainerBridge bridge(root);
        ContainerListModel model;
        ImageListModel images;
        ContainersPage page(&bridge, &model, &images, CliCommand(root));
        QSignalSpy echoed(&page, &ContainersPage::commandIssued);
        QSignalSpy recreated(&bridge, &ContainerBridge::recreated);
        QSignalSpy failed(&bridge, &ContainerBridge::failed);

        page.editContainer(QStringLiteral("edit-me"));
        QTRY_VERIFY(page.editDialog() != nullptr);
        RunDialog* dialog = page.editDialog();
        QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("edit-me"));
        QCOMPARE(dialog->envEdit()->toPlainText(), QStringLiteral("GREETING=hello"));
        QCOMPARE(dialog->memoryBox()->value(), 64);
        QCOMPARE(dialog->commandEdit()->text(), QStringLiteral("sh -c 'sleep 30'"));
        QCOMPARE(dialog->networkBox()->currentData().toString(), QStringLiteral("none"));
        dialog->envEdit()->setPlainText(QStringLiteral("GREETING=hi"));
        dialog->memoryBox()->setValue(96);
        dialog->accept();

        QVERIFY(recreated.wait(30000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
        auto now = e.inspectContainer("edit-me");
        QVERIFY(now);
        QVERIFY(now->config.id != oldId);
        QVERIFY(now->state.isRunning());
        QVERIFY(std::find(now->config.process.env.begin(), now->config.process.env.end(), "GREETING=hi") !=
                now->config.process.env.end());
        QCOMPARE(*now->config.resources.memoryBytes, std::int64_t(96) << 20);
        QVERIFY(!e.inspectContainer(oldId)); // the old one is gone
        const QString aside = asideName(QStringLiteral("edit-me"), QString::fromStdString(oldId));
        const QString prefix = QStringLiteral("berth --root %1 ").arg(root);
        QVERIFY(hasLine(echoed, prefix + QStringLiteral("stop edit-me")));
        QVERIFY(hasLine(echoed, prefix + QStringLiteral("rename edit-me ") + aside));
        QVERIFY(hasLine(
            echoed,
            prefix + QStringLiteral(
                         "create --network none -m 96m --name edit-me -e GREETING=hi berth-demo/hello sh -c 'sleep 30'")));
        QVERIFY(hasLine(echoed, prefix + QStringLiteral("rm ") + aside));
        QVERIFY(hasLine(echoed, prefix + QStringLiteral("start edit-me")));

        // A create that fails keeps the old container: same id, same name, running again.
        const std::string keptId = now->config.id;
        RunRequest broken = requestFromConfig(now->config, nullptr);
        broken.image = QStringLiteral("berth-test/no-such-image:1");
        recreated.clear();
        page.recreateContainer(QStringLiteral("edit-me"), broken);
        QVERIFY(failed.wait(30000));
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("recreating container edit-me")) &&
                     message.contains(QStringLiteral("kept unchanged")),
                 qPrintable(message));
        QTRY_VERIFY(e.inspectContainer("edit-me").has_value() &&
                    e.inspectContainer("edit-me")->state.isRunning());
        QCOMPARE(e.inspectContainer("edit-me")->config.id, keptId);
        QVERIFY(!e.inspectContainer(aside.toStdString()));
        QCOMPARE(recreated.count(), 0);
    }
};

QTEST_MAIN(TstUiRecreate)
#include "tst_ui_recreate.moc"
