// Edit and recreate a container that publishes a port, keeping the port: host ports are taken at
// start (as Docker), so the stopped, renamed-aside old container stays until the new one runs on
// the same host port; when the new one cannot start, the old one is put back as it was. Runs as root in a network namespace of its own (unshare before any thread
// starts, so the engine's threads and the shims it forks share it): the bridge, veth pair and
// nftables rules the test makes never touch the host's.
#include "bridge/container_bridge.h"
#include "bridge/container_recreate.h"
#include "demo_store.h"

#include <QSignalSpy>
#include <QTest>

#include <sched.h>

using namespace berth;
using namespace berth::ui;

namespace {

using test::ContainerCleanup;

} // namespace

class TstUiRecreatePorts : public QObject {
    Q_OBJECT
    test::TempDir m_config;
    bool m_ownNetns = false;

private slots:
    void initTestCase() {
        qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(m_config.path().string()));
        m_ownNetns = test::enterOwnNetworkNamespace();
    }

    void keepsThePublishedPort() {
        if (!m_ownNetns) QSKIP("needs root and a network namespace of its own (unshare, ip)");
        test::TempDir dir;
        QVERIFY(!test::loadDemoStore(dir / "store").images.isEmpty());
        auto opened = engine::Engine::open(engine::EngineOptions{dir / "store"});
        QVERIFY(opened);
        engine::Engine& e = **opened;
        ContainerCleanup cleanup{&e};
        engine::CreateOptions o;
        o.image = "berth-demo/hello";
        o.name = "published";
        o.networkMode = "bridge";
        o.overrides.cmd = {"sh", "-c", "sleep 30"};
        o.ports = {{"127.0.0.1", 0, 80, "tcp"}};
        o.stopTimeout = 1;
        auto created = e.createContainer(o);
        QVERIFY2(created, created ? "" : created.error().message.c_str());
        const int hostPort = created->ports.at(0).hostPort;
        QVERIFY(hostPort > 0);
        auto start = e.startContainer("published");
        QVERIFY2(start && start->ok, start ? start->message.c_str() : start.error().message.c_str());

        ContainerBridge bridge(QString::fromStdString((dir / "store").string()));
        QSignalSpy steps(&bridge, &ContainerBridge::recreateStep);
        QSignalSpy recreated(&bridge, &ContainerBridge::recreated);
        QSignalSpy failed(&bridge, &ContainerBridge::failed);
        RunRequest r = requestFromConfig(*created, nullptr);
        QCOMPARE(r.ports.at(0).hostPort, hostPort);
        r.env << QStringLiteral("EDITED=1");
        bridge.recreate(QStringLiteral("published"), r);
        QVERIFY(recreated.wait(30000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));

        auto now = e.inspectContainer("published");
        QVERIFY(now);
        QVERIFY(now->config.id != created->id);
        QVERIFY(now->state.isRunning());
        QCOMPARE(now->config.ports.size(), 1u);
        QCOMPARE(now->config.ports[0].hostPort, hostPort);
        QVERIFY(!e.inspectContainer(created->id));
        // Ports are taken at start: the old container stays (stopped) until the new one runs.
        QStringList verbs;
        for (const auto& s : steps)
            verbs << s.at(0).toStringList().first();
        QCOMPARE(verbs,
                 (QStringList{QStringLiteral("stop"), QStringLiteral("rename"), QStringLiteral("create"),
                              QStringLiteral("start"), QStringLiteral("rm")}));
    }

    // The new container's port is held by another running container: its start fails, it is
    // removed, and the old container is back under its name, running, with its own port.
    void aFailedStartPutsTheOldOneBack() {
        if (!m_ownNetns) QSKIP("needs root and a network namespace of its own (unshare, ip)");
        test::TempDir dir;
        QVERIFY(!test::loadDemoStore(dir / "store").images.isEmpty());
        auto opened = engine::Engine::open(engine::EngineOptions{dir / "store"});
        QVERIFY(opened);
        engine::Engine& e = **opened;
        ContainerCleanup cleanup{&e};
        const auto sleeper = [](const std::string& name) {
            engine::CreateOptions o;
            o.image = "berth-demo/hello";
            o.name = name;
            o.networkMode = "bridge";
            o.overrides.cmd = {"sleep", "60"};
            o.ports = {{"127.0.0.1", 0, 80, "tcp"}};
            o.stopTimeout = 1;
            return o;
        };
        auto holder = e.createContainer(sleeper("holder"));
        QVERIFY2(holder, holder ? "" : holder.error().message.c_str());
        auto victim = e.createContainer(sleeper("victim"));
        QVERIFY2(victim, victim ? "" : victim.error().message.c_str());
        for (const char* name : {"holder", "victim"}) {
            auto start = e.startContainer(name);
            QVERIFY2(start && start->ok, start ? start->message.c_str() : start.error().message.c_str());
        }

        ContainerBridge bridge(QString::fromStdString((dir / "store").string()));
        QSignalSpy recreated(&bridge, &ContainerBridge::recreated);
        QSignalSpy failed(&bridge, &ContainerBridge::failed);
        RunRequest r = requestFromConfig(*victim, nullptr);
        r.ports[0].hostPort = holder->ports.at(0).hostPort;
        bridge.recreate(QStringLiteral("victim"), r);
        QVERIFY(failed.wait(30000) || !recreated.isEmpty());
        QVERIFY(recreated.isEmpty());
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("port is already allocated")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("kept unchanged")), qPrintable(message));

        auto now = e.inspectContainer("victim");
        QVERIFY(now);
        QCOMPARE(now->config.id, victim->id);
        QVERIFY(now->state.isRunning());
        QCOMPARE(now->config.ports.at(0).hostPort, victim->ports.at(0).hostPort);
        auto all = e.listContainers();
        QVERIFY(all);
        QCOMPARE(all->size(), 2u);
    }
};

QTEST_MAIN(TstUiRecreatePorts)
#include "tst_ui_recreate_ports.moc"
