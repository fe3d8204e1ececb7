#include "views/networks_page.h"

#include "bridge/network_bridge.h"
#include "models/container_list_model.h"
#include "models/network_list_model.h"
#include "models/network_member_model.h"
#include "views/network_connect_dialog.h"
#include "views/network_create_dialog.h"

#include <QAction>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace berth::ui {

NetworksPage::NetworksPage(NetworkBridge* bridge, NetworkListModel* model, ContainerListModel* containers,
                           const CliCommand& cli, QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_model(model), m_containers(containers), m_cli(cli),
      m_members(new NetworkMemberModel(this)) {
    createActions();
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({m_create, m_remove});
    toolbar->addSeparator();
    toolbar->addActions({m_connect, m_disconnect});

    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setFrameShape(QFrame::StyledPanel);
    m_error->setMargin(6);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(createTablePane());
    split->addWidget(createDetailsPane());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_error);
    layout->addWidget(split, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_selected = selectedName();
        showDetails();
        updateActions();
    });
    connect(m_memberTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &NetworksPage::updateActions);
    // A refresh may move rows: keep the same network selected and its details current.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &NetworksPage::showDetails);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &NetworksPage::showDetails);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_selected.isEmpty() && selectedName() != m_selected) selectName(m_selected);
    });
    connect(m_bridge, &NetworkBridge::failed, this, &NetworksPage::showError);
    connect(m_bridge, &NetworkBridge::created, this, [this](const QString& name) {
        m_error->hide();
        emit statusMessage(tr("Created network %1").arg(name));
        m_selected = name;
    });
    connect(m_bridge, &NetworkBridge::removed, this, [this](const QString& name) {
        m_error->hide();
        emit statusMessage(tr("Removed network %1").arg(name));
    });
    retranslate();
    updateActions();
}

void NetworksPage::createActions() {
    const auto make = [this](QStyle::StandardPixmap icon) { // texts: retranslate()
        auto* a = new QAction(style()->standardIcon(icon), QString(), this);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        return a;
    };
    m_create = make(QStyle::SP_FileDialogNewFolder);
    m_create->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_create->setShortcutContext(Qt::WindowShortcut); // from anywhere in the window
    m_remove = make(QStyle::SP_TrashIcon);
    m_remove->setShortcut(QKeySequence::Delete);
    m_connect = make(QStyle::SP_CommandLink);
    m_connect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    m_disconnect = make(QStyle::SP_DialogCancelButton);
    connect(m_create, &QAction::triggered, this, &NetworksPage::showCreateDialog);
    connect(m_remove, &QAction::triggered, this, &NetworksPage::confirmRemove);
    connect(m_connect, &QAction::triggered, this, &NetworksPage::showConnectDialog);
    connect(m_disconnect, &QAction::triggered, this, [this] {
        if (!selectedName().isEmpty() && !selectedMember().isEmpty())
            disconnectContainer(selectedName(), selectedMember());
    });
}

QWidget* NetworksPage::createTablePane() {
    auto* pane = new QWidget;
    m_intro = new QLabel;
    m_intro->setWordWrap(true);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(NetworkListModel::SortRole);
    m_table = new QTableView;
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(NetworkListModel::NameColumn, 180);
    m_table->setColumnWidth(NetworkListModel::DriverColumn, 140);
    m_table->setColumnWidth(NetworkListModel::SubnetColumn, 140);
    m_table->setColumnWidth(NetworkListModel::GatewayColumn, 120);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        menu.addActions(pageActions());
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    return pane;
}

QWidget* NetworksPage::createDetailsPane() {
    auto* pane = new QWidget;
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_memberTable = new QTableView;
    m_memberTable->setModel(m_members);
    m_memberTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_memberTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_memberTable->verticalHeader()->hide();
    m_memberTable->horizontalHeader()->setStretchLastSection(true);
    m_memberTable->setColumnWidth(NetworkMemberModel::NameColumn, 160);
    m_memberTable->setColumnWidth(NetworkMemberModel::AddressColumn, 140);
    m_memberTable->setColumnWidth(NetworkMemberModel::AliasesColumn, 160);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_memberTable, 1);
    return pane;
}

void NetworksPage::retranslate() {
    const auto set = [](QAction* a, const QString& text, const QString& tip) {
        a->setText(text);
        a->setToolTip(tip);
    };
    set(m_create, tr("&Create network…"),
        tr("Create a bridge network whose containers reach each other by name"));
    set(m_remove, tr("&Remove network"),
        tr("Remove the selected network (no running container may be on it)"));
    set(m_connect, tr("C&onnect container…"), tr("Add a container to the selected network"));
    set(m_disconnect, tr("&Disconnect container"),
        tr("Take the selected container off the selected network"));
    m_intro->setText(
        tr("Every container gets its own network namespace. On <b>bridge</b> (the default) it has an "
           "address behind a virtual switch; <b>host</b> shares this computer's network; <b>none</b> has "
           "only loopback. On networks you create, containers find each other by name."));
    showDetails();
}

void NetworksPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

QString NetworksPage::selectedName() const {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(NetworkListModel::NameRole).toString() : QString();
}

QString NetworksPage::selectedMember() const {
    const QModelIndex current = m_memberTable->selectionModel()->currentIndex();
    return current.isValid() ? current.data(NetworkMemberModel::NameRole).toString() : QString();
}

void NetworksPage::selectName(const QString& name) {
    const int row = m_model->rowOfName(name);
    if (row < 0) return;
    const QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect |
                                                      QItemSelectionModel::Rows);
}

void NetworksPage::showDetails() {
    const int row = m_model->rowOfName(m_selected);
    const NetworkInfo* n = m_model->networkAt(row);
    m_members->setMembers(n ? n->members : QList<NetworkMember>{});
    bool anyMac = false;
    for (const auto& m : m_members->members())
        anyMac |= !m.macAddress.isEmpty();
    m_memberTable->setColumnHidden(NetworkMemberModel::MacColumn, !anyMac);
    if (!n) {
        m_summary->setText(tr("Select a network to see which containers are on it."));
        return;
    }
    QString text = n->subnet.isEmpty()
                       ? tr("<b>%1</b> · driver %2").arg(n->name.toHtmlEscaped(), n->driver)
                       : tr("<b>%1</b> · driver %2 · subnet %3 · gateway %4 · Linux bridge %5")
                             .arg(n->name.toHtmlEscaped(), n->driver, n->subnet, n->gateway, n->bridge);
    text += QStringLiteral("<br>") + tr("Containers on this network: %1").arg(n->members.size());
    if (n->name == QLatin1String("bridge") && n->builtin)
        text += QStringLiteral(" · ") + tr("containers here reach each other by address only, not by name");
    m_summary->setText(text);
    updateActions();
}

void NetworksPage::updateActions() {
    const int row = m_model->rowOfName(selectedName());
    const NetworkInfo* n = m_model->networkAt(row);
    m_remove->setEnabled(n && !n->builtin);
    m_connect->setEnabled(n && n->driver == QLatin1String("bridge"));
    m_disconnect->setEnabled(n && n->driver == QLatin1String("bridge") && !selectedMember().isEmpty());
}

void NetworksPage::showError(const QString& message) {
    m_error->setText(message);
    m_error->show();
    emit statusMessage(message);
}

void NetworksPage::createNetwork(const NetworkRequest& request) {
    emit commandIssued(m_cli.networkCreate(request));
    m_bridge->create(request);
}

void NetworksPage::removeNetwork(const QString& name) {
    if (name.isEmpty()) return;
    emit commandIssued(m_cli.networkRemove(name));
    m_bridge->remove(name);
}

void NetworksPage::connectContainer(const QString& network, const QString& container,
                                    const QStringList& aliases) {
    emit commandIssued(m_cli.networkConnect(network, container, aliases));
    m_bridge->connectContainer(network, container, aliases);
}

void NetworksPage::disconnectContainer(const QString& network, const QString& container) {
    emit commandIssued(m_cli.networkDisconnect(network, container));
    m_bridge->disconnectContainer(network, container);
}

void NetworksPage::showCreateDialog() {
    auto* dialog = new NetworkCreateDialog(m_cli, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { createNetwork(dialog->request()); });
    dialog->open();
}

void NetworksPage::confirmRemove() {
    const QString name = selectedName();
    if (name.isEmpty()) return;
    if (QMessageBox::question(this, tr("Berth"), tr("Remove network %1?").arg(name)) != QMessageBox::Yes)
        return;
    removeNetwork(name);
}

void NetworksPage::showConnectDialog() {
    const QString network = selectedName();
    if (network.isEmpty()) return;
    QStringList names;
    for (const auto& c : m_containers->containers())
        names << c.name;
    auto* dialog = new NetworkConnectDialog(network, names, m_cli, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, network] { connectContainer(network, dialog->container(), dialog->aliases()); });
    dialog->open();
}

} // namespace berth::ui
