#include "views/main_window.h"

#include "bridge/container_bridge.h"
#include "bridge/demo_archives.h"
#include "bridge/engine_bridge.h"
#include "models/container_list_model.h"
#include "bridge/network_bridge.h"
#include "models/image_list_model.h"
#include "models/network_list_model.h"
#include "teach/learn_page.h"
#include "views/app_icon.h"
#include "views/console_strip.h"
#include "views/containers_page.h"
#include "views/events_page.h"
#include "views/images_page.h"
#include "views/networks_page.h"
#include "views/web_demo_bar.h"

#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace berth::ui {

MainWindow::MainWindow(EngineBridge* bridge, QWidget* parent)
    : QMainWindow(parent), m_bridge(bridge), m_cli(bridge->root()), m_model(new ImageListModel(this)) {
    setWindowIcon(appIcon());
    m_pages = new QStackedWidget;
    m_images = new ImagesPage(m_bridge, m_model, m_cli, m_pages);
    m_learn = new LearnPage(m_pages);
    m_containerBridge = new ContainerBridge(m_bridge->root(), this);
    m_containerModel = new ContainerListModel(this);
    m_networkBridge = new NetworkBridge(m_bridge->root(), this);
    m_networkModel = new NetworkListModel(this);
    m_networksPage = new NetworksPage(m_networkBridge, m_networkModel, m_containerModel, m_cli, m_pages);
    m_pages->addWidget(m_images);
    m_pages->addWidget(m_networksPage);
    m_pages->addWidget(m_learn);
    m_containersPage = new ContainersPage(m_containerBridge, m_containerModel, m_model, m_cli, m_pages);
    m_pages->addWidget(m_containersPage);
    m_events = new EventsPage(m_cli, m_pages);
    m_pages->addWidget(m_events);
    m_console = new ConsoleStrip;

    auto* vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(m_pages);
    vertical->addWidget(m_console);
    vertical->setStretchFactor(0, 4);
    vertical->setStretchFactor(1, 1);
    vertical->setCollapsible(0, false);
    createSidebar();
    auto* horizontal = new QSplitter(Qt::Horizontal);
    horizontal->addWidget(m_sidebar);
    horizontal->addWidget(vertical);
    horizontal->setStretchFactor(1, 1);
    horizontal->setCollapsible(1, false);
    horizontal->setSizes({170, 1110});
    setCentralWidget(horizontal);

    m_engineLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_engineLabel);
    createMenus();
    retranslate();
    connectBridge();
    connectContainerBridge();
    connectNetworkBridge();
    connect(m_images, &ImagesPage::commandIssued, m_console, &ConsoleStrip::appendCommand);
    connect(m_images, &ImagesPage::statusMessage, this, &MainWindow::status);
    resize(1280, 800);
}

void MainWindow::createSidebar() {
    m_sidebar = new QListWidget;
    for (QStyle::StandardPixmap icon : {QStyle::SP_DriveHDIcon, QStyle::SP_DriveNetIcon, QStyle::SP_MessageBoxInformation,
                                        QStyle::SP_ComputerIcon, QStyle::SP_FileDialogDetailedView})
        new QListWidgetItem(style()->standardIcon(icon), QString(), m_sidebar); // texts: retranslate()
    m_sidebar->setIconSize(QSize(22, 22));
    m_sidebar->setMaximumWidth(220);
    m_sidebar->setCurrentRow(0);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    // Network events keep the list current; the records are polled only while the page shows.
    connect(m_pages, &QStackedWidget::currentChanged, this,
            [this] { m_networkBridge->setPolling(m_pages->currentWidget() == m_networksPage); });
}

void MainWindow::showPage(Page page) { m_sidebar->setCurrentRow(static_cast<int>(page)); }

void MainWindow::start() {
    status(tr("Opening the image store…"));
    m_bridge->open();
    m_console->appendCommand(m_cli.images());
    m_bridge->refresh();
    m_containerBridge->startWatching();
    m_console->appendCommand(m_cli.networkList());
    m_networkBridge->setPolling(m_pages->currentWidget() == m_networksPage);
    m_networkBridge->startWatching();
}

void MainWindow::status(const QString& message) { statusBar()->showMessage(message, 8000); }

void MainWindow::onSnapshot(const StoreSnapshot& snapshot) {
    m_model->setSnapshot(snapshot);
    m_learn->setSnapshot(snapshot);
    if (m_firstSnapshot) {
        m_firstSnapshot = false;
        maybeLoadDemoImages(snapshot);
    }
    if (!m_settled && m_demoLoadsPending == 0) {
        m_settled = true;
        status(tr("%n image(s) in %1", nullptr, static_cast<int>(snapshot.images.size())).arg(m_bridge->root()));
        maybeOfferWebDemo(snapshot);
        emit settled();
    }
}

void MainWindow::settleAfterFailure() {
    if (m_settled) return;
    if (m_demoLoadsPending > 0) {
        // The listing after the last demo load settles, with whatever did load.
        if (--m_demoLoadsPending == 0) m_bridge->refresh();
        return;
    }
    m_settled = true;
    emit settled();
}

void MainWindow::maybeLoadDemoImages(const StoreSnapshot& snapshot) {
    if (!snapshot.images.isEmpty()) return;
    // Only on a store's first start: a user who removed the demos does not get them back.
    QSettings settings;
    QStringList seeded = settings.value(QStringLiteral("demo/seededRoots")).toStringList();
    if (seeded.contains(m_bridge->root())) return;
    const QStringList archives = findDemoArchives(m_demoDirectories);
    if (archives.isEmpty()) return;
    m_offerWebDemo = true;
    seeded << m_bridge->root();
    settings.setValue(QStringLiteral("demo/seededRoots"), seeded);
    status(tr("First start: loading the built-in demo images…"));
    m_demoLoadsPending = static_cast<int>(archives.size());
    for (const QString& archive : archives) {
        m_console->appendCommand(m_cli.load(archive));
        m_bridge->load(archive);
    }
}

} // namespace berth::ui

namespace berth::ui {

void MainWindow::maybeOfferWebDemo(const StoreSnapshot& snapshot) {
    if (!m_offerWebDemo || !m_containersPage->canRun()) return;
    m_offerWebDemo = false;
    for (const auto& image : snapshot.images) {
        if (image.reference() != QLatin1String("berth-demo/web:latest")) continue;
        m_containersPage->webDemoBar()->offer();
        status(tr("The web demo is ready to run: see the Containers page"));
        return;
    }
}

} // namespace berth::ui
