#pragma once
// The Events page: what the engine's event log says happened since the app started (this app, the
// CLI or a restart policy), newest first, with a filter box over every column. The first time the
// page opens the console shows the equivalent `berth events --since …`.
#include "bridge/container_types.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace berth::ui {

class CliCommand;
class EventListModel;

class EventsPage : public QWidget {
    Q_OBJECT
public:
    explicit EventsPage(const CliCommand& cli, QWidget* parent = nullptr);

    void addEvents(const QList<ContainerEvent>& events);
    EventListModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QLineEdit* filterEdit() const { return m_filter; }
    QTableView* table() const { return m_table; }
    QString equivalentCommand() const { return m_command; }

signals:
    void commandIssued(const QString& command);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void retranslate();
    void changeEvent(QEvent* event) override;
    EventListModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_empty = nullptr;
    QString m_command;
    bool m_announced = false;
};

} // namespace berth::ui
