// Edit and recreate a container that publishes a port, keeping the port: the engine reserves a
// stopped container's host ports, so the renamed-aside old container holds the port and the first
// create fails; the old one is then removed (its configuration kept) and the new one created on
// the same host port. Runs as root in a network namespace of its own (unshare before any thread
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

// Removes every container of the store when the test ends, passed or not.
struct ContainerCleanup {
    engine::Engine* engine;
    ~ContainerCleanup() {
        if (auto all = engine->listContainers())
            for (const auto& c : *all)
                (void)engine->removeContainer(c.config.id, true);
    }
};

} // namespace

class TstUiRecreatePorts : public QObject {
    Q_OBJECT
    test::TempDir m_config;
    bool m_ownNetns = false;

private slots:
    void initTestCase() {
        qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(m_config.path().string()));
        m_ownNetns = test::isRoot() && ::unshare(CLONE_NEWNET) == 0 &&
                     test::run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("set"),
                                                      QStringLiteral("lo"), QStringLiteral("up")})
                             .exitCode == 0;
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
        // The old one went before the second create (no rm after it).
        QStringList verbs;
        for (const auto& s : steps)
            verbs << s.at(0).toStringList().first();
        QCOMPARE(verbs,
                 (QStringList{QStringLiteral("stop"), QStringLiteral("rename"), QStringLiteral("create"),
                              QStringLiteral("rm"), QStringLiteral("create"), QStringLiteral("start")}));
    }
};

QTEST_MAIN(TstUiRecreatePorts)
#include "tst_ui_recreate_ports.moc"
