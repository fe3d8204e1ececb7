// EngineBridge: answers arrive as queued signals while the GUI thread keeps running its event
// loop (QSignalSpy::wait), stale refreshes are dropped, failures come back as messages.
#include "bridge/engine_bridge.h"
#include "demo_store.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace berth;
using namespace berth::ui;

namespace {
QString path(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }
} // namespace

class TstUiBridge : public QObject {
    Q_OBJECT

private slots:
    void opensAndLoadsWithoutBlocking() {
        test::TempDir dir;
        EngineBridge bridge(path(dir / "store"));
        QSignalSpy opened(&bridge, &EngineBridge::opened);
        QSignalSpy loaded(&bridge, &EngineBridge::loaded);
        QSignalSpy listed(&bridge, &EngineBridge::snapshotReady);
        // The GUI thread keeps ticking while the engine works.
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start(1);

        QElapsedTimer clock;
        clock.start();
        bridge.open();
        bridge.load(path(test::demoArchive("berth-demo-hello.tar")));
        bridge.load(path(test::demoArchive("berth-demo-web.tar")));
        QVERIFY(clock.elapsed() < 100); // requests only queue work

        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.first().first().value<EngineSummary>().root, path(dir / "store"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 30000);
        QCOMPARE(loaded.at(0).at(1).toStringList(), QStringList{QStringLiteral("berth-demo/hello:latest")});
        // Each load is followed by a refresh; only the latest one's answer is delivered.
        QTRY_VERIFY_WITH_TIMEOUT(!listed.isEmpty(), 10000);
        QTest::qWait(200);
        const auto last = listed.last().first().value<StoreSnapshot>();
        QCOMPARE(last.images.size(), 2);
        QVERIFY(ticks > 0);
    }

    void staleRefreshIsDropped() {
        test::TempDir dir;
        test::loadDemoStore(dir / "store");
        EngineBridge bridge(path(dir / "store"));
        QSignalSpy listed(&bridge, &EngineBridge::snapshotReady);
        bridge.refresh();
        const quint64 latest = bridge.refresh();
        QVERIFY(listed.wait(10000));
        QTest::qWait(300);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().first().value<StoreSnapshot>().generation, latest);
    }

    void layerFilesOfTopLayer() {
        test::TempDir dir;
        auto snapshot = test::loadDemoStore(dir / "store");
        const ImageInfo* hello = test::findImage(snapshot, QStringLiteral("berth-demo/hello:latest"));
        QVERIFY(hello);
        EngineBridge bridge(path(dir / "store"));
        QSignalSpy files(&bridge, &EngineBridge::layerFilesReady);
        const QStringList stack{hello->layers[0].chainId, hello->layers[1].chainId};
        bridge.listLayerFiles(stack);
        QVERIFY(files.wait(10000));
        QCOMPARE(files.first().at(0).toString(), hello->layers[1].chainId);
        const auto entries = files.first().at(1).value<QList<LayerFileEntry>>();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().path, QStringLiteral("hello.txt"));
        QCOMPARE(entries.first().change, FileChange::Added);
    }

    void failuresAreMessages() {
        test::TempDir dir;
        EngineBridge bridge(path(dir / "store"));
        QSignalSpy failed(&bridge, &EngineBridge::failed);
        bridge.removeImage(QStringLiteral("no-such-image"), false);
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("no-such-image")));
    }

    void pullFromClosedPortFails() {
        test::TempDir dir;
        EngineBridge bridge(path(dir / "store"));
        QSignalSpy pullFailed(&bridge, &EngineBridge::pullFailed);
        bridge.pull(QStringLiteral("127.0.0.1:1/nothing/here:latest"));
        QVERIFY(bridge.isPulling());
        QVERIFY(pullFailed.wait(60000));
        QVERIFY(!bridge.isPulling());
        QVERIFY(!pullFailed.first().first().toString().isEmpty());
    }
};

QTEST_MAIN(TstUiBridge)
#include "tst_ui_bridge.moc"
