#pragma once
// The Overview tab, first of the container details (as Docker Desktop and Podman Desktop open on
// it): one read-only form with what a user asks first — name, id, image, state badge and status,
// times, command, restart policy, exit code, networks, published ports as links, mounts, limits and
// labels. The list fields come from the container list model's row (so the state and exit code
// follow the watcher without re-selecting); the rest from DetailsBridge's inspect answer, asked
// again whenever the row's state changes. Nothing here blocks the GUI thread.
#include <QJsonObject>
#include <QPersistentModelIndex>
#include <QUrl>
#include <QWidget>

class QAbstractItemModel;
class QFormLayout;
class QLabel;
class QStackedWidget;

namespace berth::ui {

class DetailsBridge;

class OverviewTab : public QWidget {
    Q_OBJECT
public:
    explicit OverviewTab(DetailsBridge* bridge, QWidget* parent = nullptr);

    // The container list model (ContainerListModel, unsorted) whose rows carry the list fields.
    void setModel(QAbstractItemModel* model);
    void setContainer(const QString& id);
    QString container() const { return m_id; }

    // The value label of one field (for tests): "name", "id", "image", "state", "status", "created",
    // "started", "finished", "command", "restart", "restartCount", "exit", "networkMode", "networks",
    // "ports", "mounts", "memory", "cpus", "pids", "labels".
    QLabel* field(const QString& key) const { return m_fields.value(key); }
    bool showsEmptyState() const;

signals:
    // A published port's link was clicked: the page opens it (a test can record it instead).
    void linkActivated(const QUrl& url);

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* addRow(const QString& key);
    void retranslate();
    void showRow();
    void showInspect(const QString& id, const QJsonObject& object);
    void onRowsChanged(const QModelIndex& first, const QModelIndex& last);
    int rowOf(const QString& id) const;

    DetailsBridge* m_bridge;
    QAbstractItemModel* m_model = nullptr;
    QString m_id;
    QString m_state; // the state last shown, to ask for inspect again when it changes
    QJsonObject m_inspect;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QFormLayout* m_form = nullptr;
    QHash<QString, QLabel*> m_fields;
    QList<QString> m_order;
};

} // namespace berth::ui
