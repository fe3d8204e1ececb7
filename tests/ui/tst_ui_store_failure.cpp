// A store that cannot be used (an unwritable HOME puts the rootless store where it cannot be
// created) must not leave the window waiting forever: it still settles (--screenshot and --tab
// wait for that), the Images page says why instead of "No images yet", and a demo load that fails
// on first start settles the window too. The desktop app itself, run as a real user with such a
// HOME, is tested in tests/integration/tst_rootless_app.
#include "bridge/engine_bridge.h"
#include "models/image_list_model.h"
#include "test_env.h"
#include "views/console_strip.h"
#include "views/images_page.h"
#include "views/main_window.h"

#include <QSignalSpy>
#include <QTest>

using namespace berth;
using namespace berth::ui;

namespace {
QString path(const std::filesystem::path& p) {
    return QString::fromStdString(p.string());
}
} // namespace

class TstUiStoreFailure : public QObject {
    Q_OBJECT
    test::TempDir m_config;

private slots:
    void initTestCase() {
        // QSettings (demo seeding) must not touch the real configuration.
        qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(m_config.path().string()));
    }

    void unusableStoreStillSettlesAndSaysWhy() {
        // Not even root can make a directory under a character device.
        const QString root = QStringLiteral("/dev/null/berth-store");
        EngineBridge bridge(root);
        MainWindow window(&bridge);
        window.setDemoDirectories({path(test::demoDir())});
        QSignalSpy settled(&window, &MainWindow::settled);
        window.show();
        window.start();
        QVERIFY(settled.wait(20000));
        QCOMPARE(settled.count(), 1);
        QCOMPARE(window.imageModel()->rowCount(), 0);
        const QString text = window.imagesPage()->emptyText();
        QVERIFY2(text.startsWith(QStringLiteral("The image store cannot be used: ")), qPrintable(text));
        QVERIFY2(text.contains(root), qPrintable(text));
        QVERIFY(window.console()->text().contains(QStringLiteral("Error: ")));
        // Later failures (the refresh after open) do not settle it again.
        QTest::qWait(300);
        QCOMPARE(settled.count(), 1);
    }

    void failedDemoLoadsStillSettle() {
        test::TempDir dir, demos;
        test::writeText(demos / "berth-demo-broken.tar", "not a tar archive\n");
        const QString root = path(dir / "store");
        EngineBridge bridge(root);
        MainWindow window(&bridge);
        window.setDemoDirectories({path(demos.path())});
        QSignalSpy settled(&window, &MainWindow::settled);
        window.show();
        window.start();
        QVERIFY(settled.wait(20000));
        QCOMPARE(window.imageModel()->rowCount(), 0);
        QVERIFY(window.console()->text().contains(QStringLiteral("Error: ")));
        // The store itself works: the usual empty-store text, not a store problem.
        const QString text = window.imagesPage()->emptyText();
        QVERIFY2(text.startsWith(QStringLiteral("No images yet")), qPrintable(text));
    }
};

QTEST_MAIN(TstUiStoreFailure)
#include "tst_ui_store_failure.moc"
