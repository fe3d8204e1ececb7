#include "views/containers_page.h"

#include "bridge/details_bridge.h"
#include "charts/stats_panel.h"
#include "models/container_filter_proxy.h"
#include "models/container_list_model.h"
#include "models/image_list_model.h"
#include "views/container_detail_tabs.h"
#include "views/log_view.h"
#include "views/overview_tab.h"
#include "views/port_links_delegate.h"
#include "views/privileges.h"
#include "views/run_dialog.h"
#include "views/shell_tab.h"
#include "views/state_badge_delegate.h"
#include "views/terminal_view.h"
#include "views/visible_rows_tracker.h"
#include "views/web_demo_bar.h"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QEvent>
#include <QLabel>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QSplitter>
#include <QDateTime>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace berth::ui {

using Verb = ContainerBridge::Verb;

ContainersPage::ContainersPage(ContainerBridge* bridge, ContainerListModel* model, ImageListModel* images,
                               const CliCommand& cli, QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_model(model), m_images(images), m_cli(cli),
      m_runner([bridge](const RunRequest& r) { bridge->run(r); }),
      m_opener([](const QUrl& url) { QDesktopServices::openUrl(url); }) {
    createActions();
    m_proxy = new ContainerFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_log = new LogView;

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(createTablePane());
    m_stats = new StatsPanel;
    m_details = new QTabWidget;
    m_details->setDocumentMode(true);
    m_details->addTab(m_log, QString());
    m_details->addTab(m_stats, QString());
    m_detailsBridge = new DetailsBridge(bridge->root(), this);
    m_extras = new ContainerDetailTabs(m_detailsBridge, m_details);
    m_extras->shellTab()->setRoot(bridge->root());
    m_extras->overviewTab()->setModel(m_model);
    connect(m_extras->overviewTab(), &OverviewTab::linkActivated, this,
            [this](const QUrl& url) { m_opener(url); });
    connect(m_extras->shellTab(), &ShellTab::commandIssued, this, &ContainersPage::commandIssued);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_run);
    toolbar->addSeparator();
    for (Verb v : {Verb::Start, Verb::Stop, Verb::Restart, Verb::Pause, Verb::Unpause, Verb::Kill}) toolbar->addAction(action(v));
    toolbar->addSeparator();
    toolbar->addAction(m_shell);
    toolbar->addAction(m_edit);
    toolbar->addAction(action(Verb::Remove));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(createNoPrivilegesBanner());
    m_webDemo = new WebDemoBar;
    layout->addWidget(m_webDemo);
    layout->addWidget(split, 1);
    connectWebDemo();

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ContainersPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ContainersPage::onCurrentChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ContainersPage::updateActions);
    connect(m_bridge, &ContainerBridge::logAppended, this, &ContainersPage::onLog);
    connect(m_bridge, &ContainerBridge::editRequestReady, this, &ContainersPage::showEditDialog);
    connect(m_bridge, &ContainerBridge::recreateStep, this,
            [this](const QStringList& args) { emit commandIssued(m_cli.command(args)); });
    connect(m_bridge, &ContainerBridge::recreated, this,
            [this](const QString&, const QString& name) { emit statusMessage(tr("Recreated container %1").arg(name)); });
    connect(m_bridge, &ContainerBridge::usageSampled, this, [this](const UsageById& usage) {
        m_stats->addUsage(usage, QDateTime::currentMSecsSinceEpoch());
    });
    // Only the rows in view and the selected one are sampled (issue 4: 200 containers listed).
    auto* visible = new VisibleRowsTracker(m_table, ContainerListModel::IdRole);
    m_bridge->setSampledIds(QStringLiteral("containers"), visible->ids());
    connect(visible, &VisibleRowsTracker::idsChanged, m_bridge,
            [this](const QStringList& ids) { m_bridge->setSampledIds(QStringLiteral("containers"), ids); });
    retranslate();
    setCanRunContainers(canRunContainers());
}

QWidget* ContainersPage::createNoPrivilegesBanner() {
    m_noPrivileges = new QLabel;
    m_noPrivileges->setWordWrap(true);
    m_noPrivileges->setFrameShape(QFrame::StyledPanel);
    m_noPrivileges->setMargin(8);
    m_noPrivileges->hide();
    return m_noPrivileges;
}

void ContainersPage::connectWebDemo() {
    connect(m_webDemo, &WebDemoBar::runRequested, this, &ContainersPage::runContainer);
    connect(m_bridge, &ContainerBridge::published, this,
            [this](const QString&, const QString& name, const QList<PortMapping>& ports) {
                if (m_webDemo->isWaiting() && name == WebDemoBar::containerName()) m_webDemo->showPublished(ports);
            });
    connect(m_bridge, &ContainerBridge::failed, this, [this](const QString& message) {
        if (m_webDemo->isWaiting()) m_webDemo->showFailed(message);
    });
    // The CLI would fail on a taken port; the app retries with any free one and says how.
    connect(m_bridge, &ContainerBridge::retrying, this, [this](const RunRequest& retry, const QString& reason) {
        emit statusMessage(reason);
        emit commandIssued(m_cli.run(retry));
    });
}

void ContainersPage::setCanRunContainers(bool canRun) {
    m_canRun = canRun;
    m_noPrivileges->setVisible(!canRun);
    m_run->setEnabled(canRun);
    updateActions();
}

void ContainersPage::openPorts(const QModelIndex& index) {
    if (index.column() != ContainerListModel::PortsColumn) return;
    const QUrl url = index.data(ContainerListModel::WebUrlRole).toUrl();
    if (url.isValid()) m_opener(url); // not a berth command: nothing to echo
}

void ContainersPage::createActions() {
    const auto make = [this](QStyle::StandardPixmap icon) { // texts: retranslate()
        auto* a = new QAction(style()->standardIcon(icon), QString(), this);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        return a;
    };
    m_run = make(QStyle::SP_FileDialogNewFolder);
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_run, &QAction::triggered, this, &ContainersPage::showRunDialog);
    const struct { Verb verb; QStyle::StandardPixmap icon; } verbs[] = {
        {Verb::Start, QStyle::SP_MediaPlay},     {Verb::Stop, QStyle::SP_MediaStop},
        {Verb::Restart, QStyle::SP_BrowserReload}, {Verb::Pause, QStyle::SP_MediaPause},
        {Verb::Unpause, QStyle::SP_MediaSeekForward}, {Verb::Kill, QStyle::SP_BrowserStop},
        {Verb::Remove, QStyle::SP_TrashIcon},
    };
    for (const auto& v : verbs) {
        auto* a = make(v.icon);
        m_verbs.insert(static_cast<int>(v.verb), a);
        const Verb verb = v.verb;
        connect(a, &QAction::triggered, this, [this, verb] { confirmAndApply(verb); });
    }
    action(Verb::Remove)->setShortcut(QKeySequence::Delete);
    m_edit = make(QStyle::SP_FileDialogContentsView);
    m_edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_edit, &QAction::triggered, this, [this] {
        if (selectedNames().size() == 1) editContainer(selectedNames().first());
    });
    m_shell = make(QStyle::SP_ComputerIcon);
    m_shell->setIcon(QIcon::fromTheme(QStringLiteral("utilities-terminal"), m_shell->icon()));
    m_shell->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_shell, &QAction::triggered, this, &ContainersPage::openShell);
}

void ContainersPage::retranslate() {
    const auto set = [](QAction* a, const QString& text, const QString& tip) {
        a->setText(text);
        a->setToolTip(tip);
    };
    set(m_run, tr("R&un…"), tr("Create and start a container from an image"));
    set(action(Verb::Start), tr("&Start"), tr("Start the selected containers"));
    set(action(Verb::Stop), tr("S&top"), tr("Send the stop signal, then SIGKILL after the timeout"));
    set(action(Verb::Restart), tr("Re&start"), tr("Stop, then start again"));
    set(action(Verb::Pause), tr("&Pause"), tr("Freeze every process (cgroup freezer)"));
    set(action(Verb::Unpause), tr("&Unpause"), tr("Thaw the frozen processes"));
    set(action(Verb::Kill), tr("&Kill"), tr("Send SIGKILL at once"));
    set(action(Verb::Remove), tr("&Remove"), tr("Remove the selected containers (running ones are killed)"));
    set(m_edit, tr("&Edit and recreate…"),
        tr("Change the container's ports, environment, volumes or limits: a new container replaces it"));
    set(m_shell, tr("Open a s&hell"),
        tr("A shell inside the selected running container, in the Shell tab (berth exec -it)"));
    m_filter->setPlaceholderText(tr("Filter by name, image or id"));
    m_state->setAccessibleName(tr("State filter"));
    m_state->setItemText(0, tr("All states"));
    for (int i = 1; i < m_state->count(); ++i) m_state->setItemText(i, stateLabel(m_state->itemData(i).toString()));
    m_details->setTabText(m_details->indexOf(m_log), tr("Log"));
    m_details->setTabText(m_details->indexOf(m_stats), tr("Stats"));
    // The join's own error names the fix (subordinate ranges, newuidmap, kernel setting).
    const QString why = rootlessJoinError();
    m_noPrivileges->setText(
        why.isEmpty() ? tr("Containers cannot run in this session: Berth could not enter its rootless user namespace. "
                           "Restart Berth, or start it with sudo (sudo berth-desktop).")
                      : tr("Containers cannot run: %1. Fix that and restart Berth, or start it with sudo "
                           "(sudo berth-desktop).")
                            .arg(why));
}

void ContainersPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

QList<QAction*> ContainersPage::pageActions() const {
    QList<QAction*> out{m_run};
    for (int v = 0; v <= static_cast<int>(Verb::Remove); ++v) out << m_verbs.value(v);
    return out << m_edit << m_shell;
}

QWidget* ContainersPage::createTablePane() {
    auto* pane = new QWidget;
    m_filter = new QLineEdit;
    m_filter->setClearButtonEnabled(true);
    m_state = new QComboBox;
    m_state->addItem(QString(), QString());
    for (const char* s : {"running", "paused", "created", "exited", "restarting"})
        m_state->addItem(stateLabel(QString::fromLatin1(s)), QString::fromLatin1(s));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &ContainerFilterProxy::setText);
    connect(m_state, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setState(m_state->currentData().toString()); });

    m_table = new QTableView;
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setItemDelegateForColumn(ContainerListModel::StateColumn, new StateBadgeDelegate(m_table));
    m_portLinks = new PortLinksDelegate(m_table);
    m_table->setItemDelegateForColumn(ContainerListModel::PortsColumn, m_portLinks);
    connect(m_portLinks, &PortLinksDelegate::linkActivated, this, [this](const QUrl& url) { m_opener(url); });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setColumnWidth(ContainerListModel::NameColumn, 150);
    m_table->setColumnWidth(ContainerListModel::ImageColumn, 170);
    m_table->setColumnWidth(ContainerListModel::StatusColumn, 190);
    m_table->setColumnWidth(ContainerListModel::CpuColumn, 80);
    m_table->setColumnWidth(ContainerListModel::MemoryColumn, 170);
    connect(m_table, &QAbstractItemView::activated, this, &ContainersPage::openPorts);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        menu.addAction(m_run);
        menu.addSeparator();
        for (QAction* a : pageActions().mid(1)) menu.addAction(a);
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_state);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    return pane;
}

QStringList ContainersPage::selectedNames() const {
    QStringList names;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows())
        names << i.data(ContainerListModel::NameRole).toString();
    return names;
}

void ContainersPage::selectName(const QString& name) {
    const int row = m_model->rowOfName(name);
    if (row < 0) return;
    const QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ContainersPage::apply(Verb verb, const QStringList& names) {
    if (names.isEmpty()) return;
    emit commandIssued(m_cli.containerVerb(ContainerBridge::verbWord(verb), names));
    m_bridge->act(verb, names);
}

void ContainersPage::runContainer(const RunRequest& request) {
    emit commandIssued(m_cli.run(request));
    m_runner(request);
}

void ContainersPage::confirmAndApply(Verb verb) {
    const QStringList names = selectedNames();
    if (names.isEmpty()) return;
    if (verb == Verb::Remove || verb == Verb::Kill) {
        const QString question = verb == Verb::Remove ? tr("Remove %1? Its writable layer and log are deleted.")
                                                      : tr("Kill %1? Its processes get SIGKILL and cannot clean up.");
        if (QMessageBox::question(this, tr("Berth"), question.arg(names.join(QStringLiteral(", ")))) != QMessageBox::Yes)
            return;
    }
    apply(verb, names);
}

void ContainersPage::showRunDialog() {
    QStringList images;
    for (const auto& image : m_images->snapshot().images)
        if (!image.isDangling()) images << image.reference();
    auto* dialog = new RunDialog(images, m_cli, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { runContainer(dialog->request()); });
    dialog->open();
}

void ContainersPage::updateActions() {
    bool any = false, start = false, stop = false, pause = false, unpause = false, remove = false;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows()) {
        const QString s = i.data(ContainerListModel::StateRole).toString();
        any = true;
        start |= s == QLatin1String("created") || s == QLatin1String("exited");
        stop |= s == QLatin1String("running") || s == QLatin1String("paused") || s == QLatin1String("restarting");
        pause |= s == QLatin1String("running");
        unpause |= s == QLatin1String("paused");
        remove |= s != QLatin1String("removing");
    }
    start &= m_canRun;
    action(Verb::Start)->setEnabled(start);
    action(Verb::Stop)->setEnabled(stop);
    action(Verb::Restart)->setEnabled(any && m_canRun);
    action(Verb::Pause)->setEnabled(pause);
    action(Verb::Unpause)->setEnabled(unpause);
    action(Verb::Kill)->setEnabled(stop);
    action(Verb::Remove)->setEnabled(remove);
    m_edit->setEnabled(any && m_canRun && m_table->selectionModel()->selectedRows().size() == 1);
    m_shell->setEnabled(pause && m_table->selectionModel()->selectedRows().size() == 1); // one, running
    updateShellTarget();
}

void ContainersPage::onCurrentChanged() {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const QString id = current.isValid() ? current.data(ContainerListModel::IdRole).toString() : QString();
    if (id == m_logId) return;
    m_logId = id;
    m_stats->setContainer(id);
    m_extras->setContainer(id);
    m_bridge->followLog(id);
    updateShellTarget();
}

void ContainersPage::updateShellTarget() {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    m_extras->shellTab()->setContainer(current.data(ContainerListModel::IdRole).toString(),
                                       current.data(ContainerListModel::NameRole).toString(),
                                       current.data(ContainerListModel::StateRole).toString() ==
                                           QLatin1String("running"));
}

void ContainersPage::openShell() {
    updateShellTarget();
    ShellTab* shell = m_extras->shellTab();
    m_details->setCurrentWidget(shell); // the first time, showing it connects
    if (!shell->terminal()->isRunning()) shell->connectShell();
    shell->terminal()->setFocus();
}

void ContainersPage::onLog(const QString& id, const QString& text, bool reset) {
    if (id != m_logId) return; // an answer for a container no longer shown
    if (reset) m_log->clear();
    if (reset) m_log->setFollowing(true);
    m_log->appendText(text); // follows unless the user scrolled up to read
}

} // namespace berth::ui
