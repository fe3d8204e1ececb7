// MainWindow: menus, shortcuts and the bridge's answers turned into console lines (worded like
// the CLI's own output) and status messages.
#include "views/main_window.h"

#include "bridge/container_bridge.h"
#include "bridge/engine_bridge.h"
#include "bridge/network_bridge.h"
#include "models/network_list_model.h"
#include "models/container_list_model.h"
#include "models/display_format.h"
#include "views/console_strip.h"
#include "teach/learn_page.h"
#include "teach/isolation_view.h"
#include "teach/lifecycle_view.h"
#include "views/containers_page.h"
#include "views/events_page.h"
#include "views/images_page.h"
#include "views/networks_page.h"
#include "views/settings_dialog.h"
#include "views/shortcut_sheet.h"

#include <QAction>
#include <QAbstractItemModel>
#include <QApplication>
#include <QEvent>
#include <QListWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QStatusBar>

namespace berth::ui {

void MainWindow::createMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addActions({m_images->loadAction(), m_images->saveAction()});
    m_fileMenu->addSeparator();
    m_settingsAction = m_fileMenu->addAction(QString(), this, &MainWindow::showSettings);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_quitAction = m_fileMenu->addAction(QString(), qApp, &QApplication::closeAllWindows);
    m_quitAction->setShortcut(QKeySequence::Quit);

    m_imagesMenu = menuBar()->addMenu(QString());
    m_imagesMenu->addActions({m_images->pullAction(), m_images->removeAction(), m_images->pruneAction()});
    m_imagesMenu->addSeparator();
    m_imagesMenu->addActions({m_images->refreshAction(), m_images->filterAction()});

    m_viewMenu = menuBar()->addMenu(QString());
    for (int i = 0; i < static_cast<int>(Page::Count); ++i) {
        auto* a = m_viewMenu->addAction(QString(), this, [this, i] { showPage(static_cast<Page>(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        m_pageActions << a;
        m_windowActions << a;
    }
    m_consoleAction = m_viewMenu->addAction(QString());
    m_consoleAction->setCheckable(true);
    m_consoleAction->setChecked(true);
    m_consoleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_QuoteLeft));
    connect(m_consoleAction, &QAction::toggled, m_console, &QWidget::setVisible);

    m_helpMenu = menuBar()->addMenu(QString());
    m_shortcutsAction = m_helpMenu->addAction(QString(), this, &MainWindow::showShortcuts);
    m_shortcutsAction->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::Key_Slash)});
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
    m_windowActions << m_consoleAction << m_settingsAction << m_quitAction << m_shortcutsAction;
}

void MainWindow::retranslate() {
    setWindowTitle(tr("Berth"));
    m_sidebar->setAccessibleName(tr("Sections"));
    const QString pages[] = {tr("Images"), tr("Networks"), tr("Learn"), tr("Containers"), tr("Events")};
    for (int i = 0; i < static_cast<int>(Page::Count); ++i) m_sidebar->item(i)->setText(pages[i]);
    m_fileMenu->setTitle(tr("&File"));
    m_settingsAction->setText(tr("Se&ttings…"));
    m_quitAction->setText(tr("&Quit"));
    m_imagesMenu->setTitle(tr("&Images"));
    m_viewMenu->setTitle(tr("&View"));
    const QString pageActions[] = {tr("&Images"), tr("&Networks"), tr("&Learn"), tr("&Containers"), tr("&Events")};
    for (int i = 0; i < static_cast<int>(Page::Count); ++i) m_pageActions[i]->setText(pageActions[i]);
    m_consoleAction->setText(tr("Show &console"));
    m_helpMenu->setTitle(tr("&Help"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_aboutAction->setText(tr("&About Berth"));
    // Models compute their headers and labels with tr() when asked: tell the views to ask again.
    for (QAbstractItemModel* model : findChildren<QAbstractItemModel*>()) {
        if (const int columns = model->columnCount(); columns > 0)
            emit model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
        if (const int rows = model->rowCount(); rows > 0 && model->columnCount() > 0)
            emit model->dataChanged(model->index(0, 0), model->index(rows - 1, model->columnCount() - 1));
    }
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QMainWindow::changeEvent(event);
}

QList<QAction*> MainWindow::shortcutActions() const {
    return m_images->pageActions() + m_networksPage->pageActions() + m_containersPage->pageActions() + m_windowActions;
}

void MainWindow::connectNetworkBridge() {
    auto* b = m_networkBridge;
    connect(b, &NetworkBridge::networksChanged, m_networkModel, &NetworkListModel::setNetworks);
    connect(m_containerBridge, &ContainerBridge::eventsArrived, b, &NetworkBridge::followEvents);
    connect(m_networksPage, &NetworksPage::commandIssued, m_console, &ConsoleStrip::appendCommand);
    connect(m_networksPage, &NetworksPage::statusMessage, this, &MainWindow::status);
    // Create network… works from every page: it opens the Networks page first.
    addAction(m_networksPage->createAction());
    connect(m_networksPage->createAction(), &QAction::triggered, this, [this] { showPage(Page::Networks); });
    // What the CLI prints: the new network's id, the removed network's name.
    connect(b, &NetworkBridge::created, m_console, [this](const QString&, const QString& id) { m_console->appendOutput(id); });
    connect(b, &NetworkBridge::removed, m_console, [this](const QString& name) { m_console->appendOutput(name); });
    connect(b, &NetworkBridge::failed, m_console, [this](const QString& message) { m_console->appendError(message); });
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
    connect(m_learn->isolationView(), &IsolationView::usageWanted, b,
            [b](const QStringList& ids) { b->setSampledIds(QStringLiteral("learn"), ids); });
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
        m_console->appendError(message);
        status(tr("Failed: %1").arg(message));
        if (m_firstSnapshot) m_images->setStoreProblem(message); // nothing could be listed yet
        settleAfterFailure();
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
    dialog->open();
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Berth"),
                       tr("<h3>Berth %1</h3><p>A native Linux container manager that shows how images, layers "
                          "and containers work.</p><p>Store: %2<br>Snapshotter: %3<br>Platform: %4</p>")
                           .arg(m_summary.version, m_bridge->root(), m_summary.snapshotter, m_summary.platform));
}

} // namespace berth::ui
