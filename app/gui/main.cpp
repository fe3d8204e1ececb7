// berth-desktop: opens the store (--root, BERTH_ROOT, or the default), shows the main window at
// once and lets the bridge fill it. --screenshot renders the settled window to a PNG and quits
// (used to check layouts and translations without a display).
#include "bridge/engine_bridge.h"
#include "runtime/rootless/rootless_join.h"
#include "views/language.h"
#include "teach/learn_page.h"
#include "views/containers_page.h"
#include "views/main_window.h"
#include "views/privileges.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

using berth::ui::MainWindow;

namespace {

// --lang must be known before the parser's own texts are translated, so it is read by hand.
QString languageFromArgs(const QStringList& args) {
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QStringLiteral("--lang") && i + 1 < args.size()) return args[i + 1];
        if (args[i].startsWith(QStringLiteral("--lang="))) return args[i].mid(7);
    }
    return {};
}

MainWindow::Page pageNamed(const QString& name) {
    if (name == QStringLiteral("networks")) return MainWindow::Page::Networks;
    if (name == QStringLiteral("learn")) return MainWindow::Page::Learn;
    if (name == QStringLiteral("containers")) return MainWindow::Page::Containers;
    if (name == QStringLiteral("events")) return MainWindow::Page::Events;
    return MainWindow::Page::Images;
}

// --tab picks a tab of the Learn page or of the Containers page's details; --container selects
// a container in the table (its details then load like a click would).
void showTabAndContainer(MainWindow& window, MainWindow::Page page, int tab, const QString& container) {
    QTabWidget* tabs = page == MainWindow::Page::Learn ? window.learnPage()->tabs()
                       : page == MainWindow::Page::Containers ? window.containersPage()->detailTabs() : nullptr;
    if (tabs && tab >= 0 && tab < tabs->count()) tabs->setCurrentIndex(tab);
    if (!container.isEmpty()) window.containersPage()->selectName(container);
}

void scheduleScreenshot(MainWindow& window, const QString& path, MainWindow::Page page, int tab, const QString& container) {
    QObject::connect(&window, &MainWindow::settled, &window, [&window, path, page, tab, container] {
        window.showPage(page);
        // The container list arrives from its own thread; select once it is there.
        QTimer::singleShot(800, &window, [&window, page, tab, container] { showTabAndContainer(window, page, tab, container); });
        // Give the layer panel's file listing (a worker job) time to arrive and paint.
        const int wait = tab >= 0 || !container.isEmpty() ? 3000 : 1500;
        QTimer::singleShot(wait, &window, [&window, path] {
            const bool ok = window.grab().save(path);
            QCoreApplication::exit(ok ? 0 : 1);
        });
    });
}

// BERTH_EXIT_AFTER_FIRST_PAINT=1 (tests/bench/app_bench.sh): print the ms from main() to the main
// window's first paint and quit, so start-to-first-window can be timed without a person watching.
class FirstPaintExit : public QObject {
public:
    explicit FirstPaintExit(const QElapsedTimer& clock) : m_clock(clock) {}
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            std::printf("first-paint-ms %lld\n", static_cast<long long>(m_clock.elapsed()));
            std::fflush(stdout);
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer& m_clock;
    bool m_done = false;
};

} // namespace

int main(int argc, char** argv) {
    QElapsedTimer sinceStart;
    sinceStart.start();
    // An ordinary user's app runs the engine in the user's rootless namespace (core/runtime/rootless).
    // setns(2) needs a single-threaded process: before QApplication starts any thread.
    const auto rootless = berth::runtime::joinRootlessUserNamespace();
    if (!rootless) std::fprintf(stderr, "berth-desktop: %s\n", rootless.error().message.c_str());
    else if (rootless->createdPause && !rootless->notice.empty())
        std::fprintf(stderr, "berth-desktop: %s\n", rootless->notice.c_str());
    QApplication app(argc, argv);
    if (!rootless) berth::ui::setRootlessJoinError(QString::fromStdString(rootless.error().message));
    QApplication::setOrganizationName(QStringLiteral("Berth"));
    QApplication::setApplicationName(QStringLiteral("berth-desktop"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QApplication::setDesktopFileName(QStringLiteral("berth"));

    const QString lang = languageFromArgs(QApplication::arguments());
    berth::ui::installTranslation(lang.isEmpty() ? berth::ui::effectiveLanguage() : lang);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Berth: images, layers and containers."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption root(QStringLiteral("root"),
                            QCoreApplication::translate("main", "Store directory (default /var/lib/berth as root; env BERTH_ROOT)."),
                            QStringLiteral("dir"));
    QCommandLineOption language(QStringLiteral("lang"), QCoreApplication::translate("main", "UI language for this run (en, ko)."),
                                QStringLiteral("code"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QCoreApplication::translate("main", "Save a picture of the window to a PNG file and quit."),
                                  QStringLiteral("file"));
    QCommandLineOption page(QStringLiteral("page"),
                            QCoreApplication::translate("main", "Page to show first: images, networks, learn, containers, events."),
                            QStringLiteral("name"), QStringLiteral("images"));
    QCommandLineOption tab(QStringLiteral("tab"),
                           QCoreApplication::translate("main", "Tab of the Learn page or of the container details to show (0 = first)."),
                           QStringLiteral("index"), QStringLiteral("-1"));
    QCommandLineOption container(QStringLiteral("container"),
                                 QCoreApplication::translate("main", "Container to select on the Containers page."),
                                 QStringLiteral("name"));
    parser.addOptions({root, language, screenshot, page, tab, container});
    parser.process(app);

    berth::ui::EngineBridge bridge(parser.value(root));
    MainWindow window(&bridge);
    window.setDemoDirectories({QStringLiteral(BERTH_DEMO_DIR),
                               QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/berth/demo-images"))});
    window.showPage(pageNamed(parser.value(page)));
    const int tabIndex = parser.value(tab).toInt();
    if (parser.isSet(screenshot))
        scheduleScreenshot(window, parser.value(screenshot), pageNamed(parser.value(page)), tabIndex, parser.value(container));
    else if (tabIndex >= 0 || parser.isSet(container))
        QObject::connect(&window, &MainWindow::settled, &window, [&window, p = pageNamed(parser.value(page)), tabIndex,
                                                                   c = parser.value(container)] {
            QTimer::singleShot(800, &window, [&window, p, tabIndex, c] { showTabAndContainer(window, p, tabIndex, c); });
        });
    FirstPaintExit firstPaint(sinceStart);
    if (qEnvironmentVariableIntValue("BERTH_EXIT_AFTER_FIRST_PAINT") == 1) window.installEventFilter(&firstPaint);
    window.show();
    window.start();
    return app.exec();
}
