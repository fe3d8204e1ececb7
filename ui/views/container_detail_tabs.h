#pragma once
// The Overview tab (first, overview_tab.h) and the Inspect, Processes and Files tabs of the
// Containers page, next to Log and Stats. Inspect is the container's configuration and state as a
// read-only JSON tree (what `berth container inspect` prints); Processes is `berth top`, re-read
// every 2 s while the tab is shown; Files is `berth diff` (A added, C changed, D deleted, coloured),
// re-read every 2 s while shown; Shell is an embedded terminal running `berth exec -it` (shell_tab.h).
// Reads go through DetailsBridge; answers for another container than the one shown are dropped.
#include <QJsonObject>
#include <QObject>

class QTabWidget;
class QTableWidget;
class QTimer;
class QTreeView;

namespace berth::ui {

class DetailsBridge;
class JsonTreeModel;
class OverviewTab;
class ShellTab;
struct ProcessInfo;
struct UpperChange;

class ContainerDetailTabs : public QObject {
    Q_OBJECT
public:
    // Adds the tabs to tabs (the page's Log/Stats tab widget), Overview in front of Log.
    ContainerDetailTabs(DetailsBridge* bridge, QTabWidget* tabs);

    void setContainer(const QString& id);
    QString container() const { return m_id; }
    OverviewTab* overviewTab() const { return m_overview; }
    JsonTreeModel* inspectModel() const { return m_inspectModel; }
    QTreeView* inspectView() const { return m_inspect; }
    QTableWidget* processTable() const { return m_processes; }
    QTableWidget* fileTable() const { return m_files; }
    // A shell in the container (the page tells it the container's name and state).
    ShellTab* shellTab() const { return m_shell; }
    // Asks again for whatever the current tab shows.
    void refresh();

    static QColor changeColor(QChar kind);

private:
    void retranslate();
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showInspect(const QString& id, const QJsonObject& object);
    void showProcesses(const QString& id, const QList<ProcessInfo>& rows);
    void showChanges(const QString& id, const QList<UpperChange>& rows);

    DetailsBridge* m_bridge;
    QTabWidget* m_tabs;
    QString m_id;
    OverviewTab* m_overview = nullptr;
    JsonTreeModel* m_inspectModel = nullptr;
    QTreeView* m_inspect = nullptr;
    QTableWidget* m_processes = nullptr;
    QTableWidget* m_files = nullptr;
    ShellTab* m_shell = nullptr;
    QTimer* m_timer = nullptr;
};

} // namespace berth::ui
