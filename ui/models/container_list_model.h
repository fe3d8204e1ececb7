#pragma once
// The Containers table: one row per container, as `berth ps -a` lists them, plus live CPU and
// memory for running ones. Fed on the GUI thread by the container bridge: setContainers() merges
// by id (rows update in place, so selections survive a refresh), setUsage() fills the live
// columns. Filtering is ContainerFilterProxy's job.
#include "bridge/container_types.h"

#include <QAbstractTableModel>
#include <QUrl>

namespace berth::ui {

class ContainerListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ImageColumn, StateColumn, StatusColumn, CpuColumn, MemoryColumn, IdColumn, PortsColumn, ColumnCount };
    // Roles carry raw values (sortable, testable); DisplayRole carries the formatted text.
    enum Role {
        IdRole = Qt::UserRole + 1, // QString, full 64-hex id
        NameRole,                  // QString
        ImageRole,                 // QString, as the user wrote it
        StateRole,                 // QString, Docker's word: created, running, paused, restarting, exited…
        StatusTextRole,            // QString, Docker's STATUS: "Up 5 minutes", "Exited (137) 2 minutes ago"
        ExitCodeRole,              // int (meaningful once exited)
        CpuPercentRole,            // double; invalid QVariant unless running and sampled
        MemoryRole,                // quint64 bytes; invalid QVariant unless running and sampled
        MemoryPercentRole,         // double; invalid QVariant unless running and sampled
        CommandRole,               // QString
        SortRole,                  // per column: the raw value a proxy sorts by
        WebUrlRole,                // QUrl http://127.0.0.1:<port>/ of the first published tcp port, or invalid
        PortsRole,                 // QList<PortMapping>, as published (the Ports column's links)
    };

    explicit ContainerListModel(QObject* parent = nullptr);

    // Merges by id: changed rows emit dataChanged, new ones are inserted, gone ones removed.
    void setContainers(const QList<ContainerInfo>& containers);
    // Live usage by id; containers not in the map (stopped ones) show no CPU/memory.
    void setUsage(const UsageById& usage);
    const QList<ContainerInfo>& containers() const { return m_rows; }
    const ContainerInfo* containerAt(int row) const;
    int rowOfId(const QString& id) const;
    int rowOfName(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant displayData(const ContainerInfo& c, int column) const;
    QVariant sortData(const ContainerInfo& c, int column) const;
    void emitRowChanged(int row);

    QList<ContainerInfo> m_rows;
    UsageById m_usage;
};

// `berth ps`'s PORTS: "127.0.0.1:8080->80/tcp, 127.0.0.1:5353->53/udp".
QString portsText(const QList<PortMapping>& ports);
// http://<hostIp>:<hostPort>/ for the first tcp port with a host port; invalid when none.
QUrl webUrl(const QList<PortMapping>& ports);
// The page a published port serves: http://HOST:PORT/ for tcp with a host port, else invalid.
// A port published on every interface (0.0.0.0) is opened through 127.0.0.1.
QUrl portUrl(const PortMapping& port);
// One port as the Ports column draws it: "127.0.0.1:8080→80/tcp".
QString portLinkText(const PortMapping& port);

// The translated word for a state ("running" → "실행 중" in Korean).
QString stateLabel(const QString& state);

} // namespace berth::ui
