// The assembled window: first start on an empty store loads the demo images off the GUI thread,
// the pull action mirrors `berth pull …` in the console strip and shows a failure (not a crash)
// for a registry that is not there, the shortcut sheet lists the bindings, and the
// Events page says honestly that it comes later (Containers is tested in tst_ui_containers).
#include "bridge/engine_bridge.h"
#include "models/image_list_model.h"
#include "test_env.h"
#include "views/console_strip.h"
#include "views/images_page.h"
#include "views/layer_panel.h"
#include "models/layer_stack_model.h"
#include "views/main_window.h"
#include "views/pull_dialog.h"
#include "views/shortcut_sheet.h"
#include "bridge/container_bridge.h"
#include "views/containers_page.h"
#include "views/web_demo_bar.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace berth;
using namespace berth::ui;

namespace {
QString path(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

// BERTH_UI_SCREENSHOT_DIR=dir saves what the test drove, for a human to look at (light and a
// dark palette, to check nothing hard-codes colours).
void saveScreenshots(MainWindow& window, QWidget* dialog) {
    const QString dir = qEnvironmentVariable("BERTH_UI_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    dialog->grab().save(dir + QStringLiteral("/pull-failed.png"));
    window.grab().save(dir + QStringLiteral("/window-light.png"));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, Qt::white);
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Text, Qt::white);
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, Qt::white);
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    const QPalette old = QApplication::palette();
    QApplication::setPalette(dark);
    window.showPage(MainWindow::Page::Learn);
    QTest::qWait(100);
    window.grab().save(dir + QStringLiteral("/learn-dark.png"));
    window.showPage(MainWindow::Page::Images);
    QTest::qWait(100);
    window.grab().save(dir + QStringLiteral("/images-dark.png"));
    QApplication::setPalette(old);
}
} // namespace

class TstUiMainWindow : public QObject {
    Q_OBJECT
    test::TempDir m_config;

private slots:
    void initTestCase() {
        // QSettings (demo seeding, language) must not touch the user's real configuration.
        qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(m_config.path().string()));
    }

    void firstStartLoadsDemoImagesThenPullFailsCleanly() {
        test::TempDir dir;
        const QString root = path(dir / "store");
        EngineBridge bridge(root);
        MainWindow window(&bridge);
        window.setDemoDirectories({path(test::demoDir())});
        QSignalSpy settled(&window, &MainWindow::settled);
        window.show();
        window.start();
        QVERIFY(settled.wait(60000));
        QCOMPARE(window.imageModel()->rowCount(), 2);
        const QString console = window.console()->text();
        QVERIFY2(console.contains(QStringLiteral("berth --root %1 load -i ").arg(root)), qPrintable(console));
        QTRY_VERIFY(console.contains(QStringLiteral("Loaded image: berth-demo/web:latest"))
                    || window.console()->text().contains(QStringLiteral("Loaded image: berth-demo/web:latest")));
        // The layer panel follows the selection.
        QTRY_COMPARE(window.imagesPage()->layerPanel()->stackModel()->rowCount(), 2);

        ImagesPage* page = window.imagesPage();
        page->pullAction()->trigger();
        PullDialog* dialog = page->pullDialog();
        QVERIFY(dialog);
        dialog->referenceEdit()->setText(QStringLiteral("127.0.0.1:1/nope/missing:latest"));
        QTest::mouseClick(dialog->pullButton(), Qt::LeftButton);
        QCOMPARE(window.console()->lastCommand(),
                 QStringLiteral("berth --root %1 pull 127.0.0.1:1/nope/missing:latest").arg(root));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->hasFailed(), 60000);
        QVERIFY(dialog->statusText().contains(QStringLiteral("Pull failed")));
        QVERIFY(window.console()->text().contains(QStringLiteral("Error: ")));
        QVERIFY(dialog->pullButton()->isEnabled()); // can try again
        QCOMPARE(window.imageModel()->rowCount(), 2);
        saveScreenshots(window, dialog);
    }

    // The offer after the demo images; Run echoes the command. A recorder stands in for the
    // bridge: a real run would create a bridge network on this machine.
    void firstStartOffersTheWebDemo() {
        test::TempDir dir;
        const QString root = path(dir / "store");
        EngineBridge bridge(root);
        MainWindow window(&bridge);
        window.setDemoDirectories({path(test::demoDir())});
        QList<RunRequest> asked;
        window.containersPage()->setRunner([&asked](const RunRequest& r) { asked << r; });
        QSignalSpy settled(&window, &MainWindow::settled);
        window.show();
        window.start();
        QVERIFY(settled.wait(60000));
        WebDemoBar* bar = window.containersPage()->webDemoBar();
        QVERIFY(bar->isVisibleTo(window.containersPage()));
        QVERIFY(bar->label()->text().contains(QStringLiteral("http://127.0.0.1:8080")));
        QTest::mouseClick(bar->runButton(), Qt::LeftButton);
        QCOMPARE(window.console()->lastCommand(),
                 QStringLiteral("berth --root %1 run -d --network bridge -p 127.0.0.1:8080:80 --name web-demo berth-demo/web")
                     .arg(root));
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked[0].anyPortIfTaken);
        // What the bridge says once the container runs (8080 was taken: the engine chose 45085).
        emit window.containerBridge()->published(QString(64, QLatin1Char('a')), QStringLiteral("web-demo"),
                                                 {PortMapping{QStringLiteral("127.0.0.1"), 45085, 80, QStringLiteral("tcp")}});
        QVERIFY(bar->label()->text().contains(QStringLiteral("href=\"http://127.0.0.1:45085/\"")));
        if (qEnvironmentVariableIsSet("BERTH_UI_SCREENSHOT_DIR")) {
            window.showPage(MainWindow::Page::Containers);
            QTest::qWait(100);
            window.grab().save(qEnvironmentVariable("BERTH_UI_SCREENSHOT_DIR") + QStringLiteral("/web-demo-bar.png"));
        }
    }

    void secondStartDoesNotReloadRemovedDemos() {
        test::TempDir dir;
        const QString root = path(dir / "store");
        {
            EngineBridge bridge(root);
            MainWindow window(&bridge);
            window.setDemoDirectories({path(test::demoDir())});
            QSignalSpy settled(&window, &MainWindow::settled);
            window.start();
            QVERIFY(settled.wait(60000));
            QCOMPARE(window.imageModel()->rowCount(), 2);
            window.imagesPage()->pruneImages(true);
            QTRY_COMPARE_WITH_TIMEOUT(window.imageModel()->rowCount(), 0, 30000);
            QVERIFY(window.console()->lastCommand().endsWith(QStringLiteral("image prune --force --all")));
        }
        EngineBridge bridge(root);
        MainWindow window(&bridge);
        window.setDemoDirectories({path(test::demoDir())});
        QSignalSpy settled(&window, &MainWindow::settled);
        window.start();
        QVERIFY(settled.wait(30000));
        QCOMPARE(window.imageModel()->rowCount(), 0);
        QVERIFY(window.containersPage()->webDemoBar()->isHidden()); // offered on the first start only
    }

    void shortcutsAndEmptyStates() {
        test::TempDir dir;
        EngineBridge bridge(path(dir / "store"));
        MainWindow window(&bridge);
        bool hasF1 = false, hasPull = false;
        for (QAction* a : window.shortcutActions()) {
            hasF1 |= a->shortcuts().contains(QKeySequence(Qt::Key_F1));
            hasPull |= a == window.imagesPage()->pullAction() && !a->shortcut().isEmpty();
        }
        QVERIFY(hasF1);
        QVERIFY(hasPull);
        ShortcutSheet sheet(window.shortcutActions());
        QVERIFY(sheet.rowCount() >= 10);

        window.showPage(MainWindow::Page::Events);
        bool honest = false;
        for (QLabel* label : window.findChildren<QLabel*>())
            honest |= label->isVisibleTo(&window) && label->text().contains(QStringLiteral("listed here as they happen"));
        QVERIFY(honest);
    }
};

QTEST_MAIN(TstUiMainWindow)
#include "tst_ui_main_window.moc"
