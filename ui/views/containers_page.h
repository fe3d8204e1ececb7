#pragma once
// The Containers page: the container table (filter box, state filter, multi-select, coloured
// state badge, live CPU/memory), a toolbar and context menu with Run…, Start, Stop, Restart,
// Pause, Unpause, Kill and Remove, and the selected container's log below, followed while it
// runs. The list refreshes itself (ContainerBridge watches the store with inotify), so changes
// made from the CLI appear within a second; only the rows in view and the selected one are
// sampled. Every action is announced as its `berth …` command.
#include "bridge/cli_command.h"
#include "bridge/container_bridge.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QModelIndex;
class QLineEdit;
class QTableView;
class QTabWidget;

namespace berth::ui {

class ContainerDetailTabs;
class ContainerFilterProxy;
class DetailsBridge;
class ContainerListModel;
class ImageListModel;
class LogView;
class PortLinksDelegate;
class RunDialog;
class StatsPanel;
class WebDemoBar;

class ContainersPage : public QWidget {
    Q_OBJECT
public:
    ContainersPage(ContainerBridge* bridge, ContainerListModel* model, ImageListModel* images, const CliCommand& cli,
                   QWidget* parent = nullptr);

    QAction* action(ContainerBridge::Verb verb) const { return m_verbs.value(static_cast<int>(verb)); }
    QAction* runAction() const { return m_run; }
    QAction* editAction() const { return m_edit; }
    // Open a shell: the Shell tab of the current (running) container, connected.
    QAction* shellAction() const { return m_shell; }
    void openShell();
    // The open Edit and recreate dialog, while it is open (for tests).
    RunDialog* editDialog() const;
    QList<QAction*> pageActions() const;
    QTableView* table() const { return m_table; }
    ContainerFilterProxy* proxy() const { return m_proxy; }
    QLineEdit* filterEdit() const { return m_filter; }
    QComboBox* stateBox() const { return m_state; }
    LogView* logView() const { return m_log; }
    StatsPanel* statsPanel() const { return m_stats; }
    QTabWidget* detailTabs() const { return m_details; }
    // Inspect, Processes and Files; their bridge is shared with the Learn views.
    ContainerDetailTabs* detailExtras() const { return m_extras; }
    DetailsBridge* detailsBridge() const { return m_detailsBridge; }
    // Names of the selected containers, in table order.
    QStringList selectedNames() const;
    void selectName(const QString& name);

    // Without dialogs, for callers that already asked (and for tests).
    void apply(ContainerBridge::Verb verb, const QStringList& names);
    void runContainer(const RunRequest& request);
    // Opens the Run… dialog filled from the container's configuration (after the bridge read it).
    void editContainer(const QString& name);
    // Recreates the container from request: each step is echoed as the bridge runs it.
    void recreateContainer(const QString& name, const RunRequest& request);
    // Who runs a request after its line is echoed: the bridge, unless a test records instead
    // (so nothing starts on the host's network).
    void setRunner(std::function<void(const RunRequest&)> runner) { m_runner = std::move(runner); }
    // Without root, a banner explains why and Run/Start/Restart stay disabled.
    void setCanRunContainers(bool canRun);
    bool canRun() const { return m_canRun; }
    QLabel* noPrivilegesBanner() const { return m_noPrivileges; }
    WebDemoBar* webDemoBar() const { return m_webDemo; }
    // Activating the Ports cell opens the first tcp port's page in the browser.
    void openPorts(const QModelIndex& index);
    // Who opens a port's page: QDesktopServices::openUrl, unless a test records instead.
    void setUrlOpener(std::function<void(const QUrl&)> opener) { m_opener = std::move(opener); }
    PortLinksDelegate* portLinks() const { return m_portLinks; }

signals:
    void commandIssued(const QString& command);
    void statusMessage(const QString& message);

private:
    void createActions();
    void retranslate();
    void changeEvent(QEvent* event) override;
    QWidget* createTablePane();
    QWidget* createNoPrivilegesBanner();
    void connectWebDemo();
    void showRunDialog();
    void showEditDialog(const QString& id, const RunRequest& request, const QStringList& networks);
    void confirmAndApply(ContainerBridge::Verb verb);
    void updateActions();
    void onCurrentChanged();
    void updateShellTarget();
    void onLog(const QString& id, const QString& text, bool reset);

    ContainerBridge* m_bridge;
    ContainerListModel* m_model;
    ImageListModel* m_images;
    CliCommand m_cli;
    ContainerFilterProxy* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_state = nullptr;
    LogView* m_log = nullptr;
    StatsPanel* m_stats = nullptr;
    QTabWidget* m_details = nullptr;
    DetailsBridge* m_detailsBridge = nullptr;
    ContainerDetailTabs* m_extras = nullptr;
    QAction* m_run = nullptr;
    QAction* m_edit = nullptr;
    QAction* m_shell = nullptr;
    QPointer<RunDialog> m_editDialog;
    QString m_editing; // the container whose configuration was asked for
    QHash<int, QAction*> m_verbs; // by Verb
    QString m_logId;              // the container whose log is shown
    std::function<void(const RunRequest&)> m_runner;
    std::function<void(const QUrl&)> m_opener;
    PortLinksDelegate* m_portLinks = nullptr;
    QLabel* m_noPrivileges = nullptr;
    WebDemoBar* m_webDemo = nullptr;
    bool m_canRun = true;
};

} // namespace berth::ui
