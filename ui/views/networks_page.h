#pragma once
// The Networks page: the networks table (name, short id, driver, subnet, gateway, number of
// containers; the built-in bridge, host and none marked and not removable), a toolbar and context
// menu with Create…, Remove, Connect… and Disconnect, and below it the containers on the selected
// network with their addresses, aliases and published ports. It refreshes itself (NetworkBridge
// watches the records), and every action is announced as its `berth network …` command.
#include "bridge/cli_command.h"

#include <QWidget>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace berth::ui {

class ContainerListModel;
class NetworkBridge;
class NetworkListModel;
class NetworkMemberModel;

class NetworksPage : public QWidget {
    Q_OBJECT
public:
    NetworksPage(NetworkBridge* bridge, NetworkListModel* model, ContainerListModel* containers,
                 const CliCommand& cli, QWidget* parent = nullptr);

    QAction* createAction() const { return m_create; }
    QAction* removeAction() const { return m_remove; }
    QAction* connectAction() const { return m_connect; }
    QAction* disconnectAction() const { return m_disconnect; }
    QList<QAction*> pageActions() const { return {m_create, m_remove, m_connect, m_disconnect}; }
    QTableView* table() const { return m_table; }
    QTableView* memberTable() const { return m_memberTable; }
    NetworkMemberModel* memberModel() const { return m_members; }
    QLabel* errorLabel() const { return m_error; }
    QString selectedName() const;
    QString selectedMember() const;
    void selectName(const QString& name);

    // Without dialogs, for callers that already asked (and for tests).
    void createNetwork(const NetworkRequest& request);
    void removeNetwork(const QString& name);
    void connectContainer(const QString& network, const QString& container, const QStringList& aliases);
    void disconnectContainer(const QString& network, const QString& container);

signals:
    void commandIssued(const QString& command);
    void statusMessage(const QString& message);

private:
    void createActions();
    QWidget* createTablePane();
    QWidget* createDetailsPane();
    void retranslate();
    void changeEvent(QEvent* event) override;
    void showCreateDialog();
    void confirmRemove();
    void showConnectDialog();
    void showDetails();
    void updateActions();
    void showError(const QString& message);

    NetworkBridge* m_bridge;
    NetworkListModel* m_model;
    ContainerListModel* m_containers;
    CliCommand m_cli;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    NetworkMemberModel* m_members = nullptr;
    QTableView* m_memberTable = nullptr;
    QLabel* m_intro = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_error = nullptr;
    QAction *m_create = nullptr, *m_remove = nullptr, *m_connect = nullptr, *m_disconnect = nullptr;
    QString m_selected; // survives refreshes: the name of the selected network
};

} // namespace berth::ui
