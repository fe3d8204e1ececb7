// Every page, Learn tab and container detail tab, drawn offscreen in English and in Korean on a
// temp store with the demo images: each picture is non-empty and not one flat colour, and in
// Korean some visible text is Hangul and the font in use has Hangul glyphs (fonts-noto-cjk).
// The pictures are saved as PNGs in the test's temp dir, or in BERTH_UI_SCREENSHOT_DIR when set
// (to look at them).
#include "bridge/engine_bridge.h"
#include "demo_store.h"
#include "models/container_list_model.h"
#include "models/image_list_model.h"
#include "teach/learn_page.h"
#include "views/container_detail_tabs.h"
#include "views/containers_page.h"
#include "views/language.h"
#include "views/main_window.h"
#include "views/networks_page.h"
#include "views/overview_tab.h"
#include "models/network_list_model.h"
#include "models/network_member_model.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace berth;
using namespace berth::ui;

namespace {

bool isFlat(const QImage& image) {
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    const QRgb first = img.pixel(0, 0);
    for (int y = 0; y < img.height(); y += 2)
        for (int x = 0; x < img.width(); x += 2)
            if (img.pixel(x, y) != first) return false;
    return true;
}

bool hasHangul(const QString& text) {
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3; });
}

// Visible texts under root, with the widget that shows each.
QList<QPair<QWidget*, QString>> visibleTexts(QWidget* root) {
    QList<QPair<QWidget*, QString>> out;
    for (auto* label : root->findChildren<QLabel*>())
        if (label->isVisible()) out.append({label, label->text()});
    for (auto* button : root->findChildren<QAbstractButton*>())
        if (button->isVisible()) out.append({button, button->text()});
    for (auto* bar : root->findChildren<QTabBar*>())
        if (bar->isVisible())
            for (int i = 0; i < bar->count(); ++i)
                out.append({bar, bar->tabText(i)});
    for (auto* list : root->findChildren<QListWidget*>())
        if (list->isVisible())
            for (int i = 0; i < list->count(); ++i)
                out.append({list, list->item(i)->text()});
    return out;
}

} // namespace

class TstUiRender : public QObject {
    Q_OBJECT
    test::TempDir m_dir;
    QString m_out;

    void check(QWidget* widget, const QString& lang, const QString& name) {
        QCoreApplication::processEvents();
        const QImage image = widget->grab().toImage();
        QVERIFY2(!image.isNull() && image.width() > 50 && image.height() > 50, qPrintable(name));
        QVERIFY2(!isFlat(image), qPrintable(name + QStringLiteral(" is one flat colour")));
        QVERIFY(image.save(QStringLiteral("%1/%2-%3.png").arg(m_out, lang, name)));
        if (lang != QLatin1String("ko")) return;
        const auto texts = visibleTexts(widget->window());
        const auto korean =
            std::find_if(texts.begin(), texts.end(), [](const auto& t) { return hasHangul(t.second); });
        QVERIFY2(korean != texts.end(), qPrintable(name + QStringLiteral(": no Hangul in view")));
        const QFontMetrics metrics(korean->first->font());
        QVERIFY2(metrics.inFont(QChar(0xD55C)) && metrics.inFont(QChar(0xAE00)), // 한, 글
                 qPrintable(korean->first->font().family() + QStringLiteral(" has no Hangul glyphs")));
    }

private slots:
    void initTestCase() {
        qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString((m_dir / "config").string()));
        m_out = qEnvironmentVariable("BERTH_UI_SCREENSHOT_DIR");
        if (m_out.isEmpty()) m_out = QString::fromStdString((m_dir / "png").string());
        QVERIFY(QDir().mkpath(m_out));
        QCOMPARE(test::loadDemoStore(m_dir / "store").images.size(), 2);
        // One created (never started) container, so the graph, the Networks page's details and the
        // Containers table have a container to draw.
        auto engine = engine::Engine::open(engine::EngineOptions{m_dir / "store"});
        QVERIFY(engine);
        engine::CreateOptions o;
        o.image = "berth-demo/web";
        o.name = "render-web";
        o.networkMode = "none";
        QVERIFY2((*engine)->createContainer(o).has_value(), "creating render-web");
    }

    void cleanupTestCase() {
        if (auto engine = engine::Engine::open(engine::EngineOptions{m_dir / "store"}))
            (void)(*engine)->removeContainer("render-web", true);
    }

    void everyViewInBothLanguages() {
        EngineBridge bridge(QString::fromStdString((m_dir / "store").string()));
        MainWindow window(&bridge);
        QSignalSpy settled(&window, &MainWindow::settled);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.start();
        QVERIFY(settled.wait(60000));
        QTRY_COMPARE(window.imageModel()->rowCount(), 2);
        QTRY_COMPARE(window.networkModel()->rowCount(), 3); // bridge, host, none
        window.networksPage()->selectName(QStringLiteral("none"));
        QTRY_COMPARE(window.networksPage()->memberModel()->rowCount(), 1); // render-web
        // The Overview tab draws render-web's details, not its empty state: select it once the
        // container list (its own thread) has it.
        QTRY_COMPARE(window.containerModel()->rowCount(), 1);
        window.containersPage()->selectName(QStringLiteral("render-web"));
        QTRY_COMPARE(
            window.containersPage()->detailExtras()->overviewTab()->field(QStringLiteral("restart"))->text(),
            QStringLiteral("no")); // the inspect answer has arrived

        for (const QString& lang : {QStringLiteral("en"), QStringLiteral("ko")}) {
            QVERIFY(installTranslation(lang));
            QCoreApplication::processEvents();
            QCoreApplication::processEvents();
            const struct {
                MainWindow::Page page;
                const char* name;
            } pages[] = {{MainWindow::Page::Images, "images"},
                         {MainWindow::Page::Networks, "networks"},
                         {MainWindow::Page::Learn, "learn"},
                         {MainWindow::Page::Containers, "containers"},
                         {MainWindow::Page::Events, "events"}};
            for (const auto& p : pages) {
                window.showPage(p.page);
                check(&window, lang, QString::fromLatin1(p.name));
                if (QTest::currentTestFailed()) return;
            }
            window.showPage(MainWindow::Page::Learn);
            QTabWidget* learn = window.learnPage()->tabs();
            for (int i = 0; i < learn->count(); ++i) {
                learn->setCurrentIndex(i);
                check(learn->currentWidget(), lang, QStringLiteral("learn-%1").arg(i));
                if (QTest::currentTestFailed()) return;
            }
            window.showPage(MainWindow::Page::Containers);
            QTabWidget* details = window.containersPage()->detailTabs();
            for (int i = 0; i < details->count(); ++i) {
                details->setCurrentIndex(i);
                check(details, lang, QStringLiteral("container-tab-%1").arg(i));
                if (QTest::currentTestFailed()) return;
            }
        }
        QVERIFY(installTranslation(QStringLiteral("en")));
        // 5 pages, 4 Learn tabs, 7 container tabs (Overview, Log, Stats, Inspect, Processes, Files, Shell).
        QCOMPARE(QDir(m_out).entryList({QStringLiteral("*.png")}).size(), 2 * (5 + 4 + 7));
    }
};

QTEST_MAIN(TstUiRender)
#include "tst_ui_render.moc"
