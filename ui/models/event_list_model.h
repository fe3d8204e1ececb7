#pragma once
// The engine's events as a table, newest first: time, type, action, name (the container's, or the
// network's for network events), details (exit code, signal, image; the container of a network
// connect or disconnect; the actor's id). Fed by ContainerBridge::eventsArrived; keeps the last kMaxRows.
// Filtering is a QSortFilterProxyModel over all columns (EventsPage). GUI thread only.
#include "bridge/container_types.h"

#include <QAbstractTableModel>

namespace berth::ui {

class EventListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, TypeColumn, ActionColumn, NameColumn, DetailsColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, ActionRole };
    static constexpr int kMaxRows = 5000;

    using QAbstractTableModel::QAbstractTableModel;

    // Events in log order (oldest first), as the watcher reads them.
    void addEvents(const QList<ContainerEvent>& events);
    const ContainerEvent& eventAt(int row) const { return m_events.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString details(const ContainerEvent& event);

private:
    QList<ContainerEvent> m_events; // newest first
};

} // namespace berth::ui
