// MainWindow: menus, shortcuts and the bridge's answers turned into console lines (worded like
// the CLI's own output) and status messages.
#include "views/main_window.h"

#include "bridge/container_bridge.h"
#include "bridge/engine_bridge.h"
#include "models/container_list_model.h"
#include "models/display_format.h"
#include "views/console_strip.h"
#include "teach/learn_page.h"
#include "teach/isolation_view.h"
#include "teach/lifecycle_view.h"
#include "views/containers_page.h"
#include "views/events_page.h"
#include "views/images_page.h"
#include "views/settings_dialog.h"
#include "views/shortcut_sheet.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QStatusBar>

namespace berth::ui {

void MainWindow::createMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_images->loadAction(), m_images->saveAction()});
    file->addSeparator();
    auto* settings = file->addAction(tr("Se&ttings…"), this, &MainWindow::showSettings);
    settings->setShortcut(QKeySequence::Preferences);
    auto* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    auto* images = menuBar()->addMenu(tr("&Images"));
    images->addActions({m_images->pullAction(), m_images->removeAction(), m_images->pruneAction()});
    images->addSeparator();
    images->addActions({m_images->refreshAction(), m_images->filterAction()});

    auto* view = menuBar()->addMenu(tr("&View"));
    const QString names[] = {tr("&Images"), tr("&Learn"), tr("&Containers"), tr("&Events")};
    for (int i = 0; i < 4; ++i) {
        auto* a = view->addAction(names[i], this, [this, i] { showPage(static_cast<Page>(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        m_windowActions << a;
    }
    auto* consoleToggle = view->addAction(tr("Show &console"));
    consoleToggle->setCheckable(true);
    consoleToggle->setChecked(true);
    consoleToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_QuoteLeft));
    connect(consoleToggle, &QAction::toggled, m_console, &QWidget::setVisible);

    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::Key_Slash)});
    help->addAction(tr("&About Berth"), this, &MainWindow::showAbout);
    m_windowActions << consoleToggle << settings << quit << shortcuts;
}

QList<QAction*> MainWindow::shortcutActions() const {
    return m_images->pageActions() + m_containersPage->pageActions() + m_windowActions;
}

void MainWindow::connectContainerBridge() {
    auto* b = m_containerBridge;
    connect(b, &ContainerBridge::containersChanged, m_containerModel, &ContainerListModel::setContainers);
    connect(b, &ContainerBridge::usageSampled, m_containerModel, &ContainerListModel::setUsage);
    connect(m_containersPage, &ContainersPage::commandIssued, m_console, &ConsoleStrip::appendCommand);
    LifecycleView* lifecycle = m_learn->lifecycleView();
    connect(b, &ContainerBridge::containersChanged, lifecycle, &LifecycleView::setContainers);
    connect(b, &ContainerBridge::eventsArrived, lifecycle, &LifecycleView::addEvents);
    connect(b, &ContainerBridge::eventsArrived, m_events, &EventsPage::addEvents);
    // The running-container Learn views share the Containers page's details bridge.
    m_learn->setContainerSources(m_containerModel, m_containersPage->detailsBridge());
    connect(b, &ContainerBridge::usageSampled, m_learn->isolationView(), &IsolationView::setUsage);
    connect(m_events, &EventsPage::commandIssued, m_console, &ConsoleStrip::appendCommand);
    // A clicked edge is the same action as the Containers page's button: same echo, same bridge.
    connect(lifecycle, &LifecycleView::actionRequested, m_containersPage, &ContainersPage::apply);
    connect(m_containersPage, &ContainersPage::statusMessage, this, &MainWindow::status);
    // What the CLI prints: each container as it was named on the command line, `run -d` the id.
    connect(b, &ContainerBridge::acted, this, [this](ContainerBridge::Verb verb, const QString& name) {
        m_console->appendOutput(name);
        status(tr("%1: %2").arg(ContainerBridge::verbWord(verb), name));
    });
    connect(b, &ContainerBridge::ran, this, [this](const QString& id) {
        m_console->appendOutput(id);
        status(tr("Started container %1").arg(id.left(12)));
    });
    connect(b, &ContainerBridge::failed, this, [this](const QString& message) {
        m_console->appendError(message);
        status(tr("Failed: %1").arg(message));
    });
}

void MainWindow::connectBridge() {
    connect(m_bridge, &EngineBridge::snapshotReady, this, &MainWindow::onSnapshot);
    connect(m_bridge, &EngineBridge::opened, this, [this](const EngineSummary& s) {
        m_summary = s;
        m_engineLabel->setText(tr("Store %1 · %2 snapshotter").arg(s.root, s.snapshotter));
    });
    connect(m_bridge, &EngineBridge::failed, this, [this](const QString& message) {
        if (m_demoLoadsPending > 0) --m_demoLoadsPending;
        m_console->appendError(message);
        status(tr("Failed: %1").arg(message));
    });
    connect(m_bridge, &EngineBridge::pullFailed, this, [this](const QString& message) {
        m_console->appendError(message);
        status(tr("Pull failed: %1").arg(message));
    });
    connect(m_bridge, &EngineBridge::pullFinished, this, [this](const QString& ref, const QString&, bool upToDate) {
        // The CLI's closing line, word for word.
        m_console->appendOutput((upToDate ? QStringLiteral("Status: Image is up to date for ")
                                          : QStringLiteral("Status: Downloaded newer image for ")) + ref);
        status(tr("Pulled %1").arg(ref));
    });
    connect(m_bridge, &EngineBridge::removed, this, [this](const QStringList& untagged, const QStringList& deleted) {
        for (const auto& u : untagged) m_console->appendOutput(QStringLiteral("Untagged: ") + u);
        for (const auto& d : deleted) m_console->appendOutput(QStringLiteral("Deleted: ") + d);
        status(tr("Removed %1").arg(untagged.join(QStringLiteral(", "))));
    });
    connect(m_bridge, &EngineBridge::pruned, this, [this](const QStringList& deleted, quint64 reclaimed) {
        for (const auto& d : deleted) m_console->appendOutput(QStringLiteral("Deleted: ") + d);
        m_console->appendOutput(QStringLiteral("Total reclaimed space: ") + formatSize(reclaimed));
        status(tr("Pruned: %1 reclaimed").arg(formatSize(reclaimed)));
    });
    connect(m_bridge, &EngineBridge::saved, this, [this](const QString& path) { status(tr("Saved %1").arg(path)); });
    connect(m_bridge, &EngineBridge::loaded, this, [this](const QString&, const QStringList& names) {
        if (m_demoLoadsPending > 0) --m_demoLoadsPending;
        for (const auto& n : names) m_console->appendOutput(QStringLiteral("Loaded image: ") + n);
        status(tr("Loaded %1").arg(names.join(QStringLiteral(", "))));
    });
}

void MainWindow::showShortcuts() {
    ShortcutSheet sheet(shortcutActions(), this);
    sheet.exec();
}

void MainWindow::showSettings() {
    auto* dialog = new SettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::restartRequested, this, &MainWindow::restart);
    dialog->open();
}

void MainWindow::restart() {
    if (QProcess::startDetached(QCoreApplication::applicationFilePath(), QCoreApplication::arguments().mid(1)))
        QApplication::closeAllWindows();
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Berth"),
                       tr("<h3>Berth %1</h3><p>A native Linux container manager that shows how images, layers "
                          "and containers work.</p><p>Store: %2<br>Snapshotter: %3<br>Platform: %4</p>")
                           .arg(m_summary.version, m_bridge->root(), m_summary.snapshotter, m_summary.platform));
}

} // namespace berth::ui
