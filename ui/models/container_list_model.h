#pragma once
// The Containers table: one row per container, as `berth ps -a` lists them, plus live CPU and
// memory for running ones. Fed on the GUI thread by the container bridge: setContainers() merges
// by id (rows update in place, so selections survive a refresh), setUsage() fills the live
// columns. Only what changed is announced: dataChanged for the changed rows and columns, never a
// reset, so a tick repaints a few cells rather than the table. The STATUS text ages ("Up 5
// seconds"): once a second the model compares each row's duration and announces the rows whose
// text changed. Filtering is ContainerFilterProxy's job.
#include "bridge/container_types.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QUrl>

class QTimer;

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

    // Merges by id: changed rows emit dataChanged (only their changed columns), new ones are
    // inserted (at the end, together), gone ones removed.
    void setContainers(const QList<ContainerInfo>& containers);
    // Live usage by id; containers not in the map (stopped ones, rows out of view) show no
    // CPU/memory. One dataChanged over the rows whose values changed, CPU and memory columns.
    void setUsage(const UsageById& usage);
    // Recomputes the STATUS texts that aged; called every second by the model's own timer.
    void refreshStatus(const QDateTime& now = QDateTime::currentDateTimeUtc());
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
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;
    // What a row's STATUS text is made of, parsed once per change of the row.
    struct Status {
        QDateTime
            since; // started (running, paused) or finished (exited, restarting); invalid: it does not age
        QString duration; // humanDuration(since → the last refresh), as it appears in text
        QString text;
        qsizetype at = -1; // where duration sits in text: aging swaps it without parsing again
    };
    static Status statusOf(const ContainerInfo& c, const QDateTime& now);
    // Recomputes the texts whose duration moved on; the rows changed (first, last), or (-1, -1).
    QPair<int, int> ageStatus(const QDateTime& now);
    void updateAgingTimer();

    QList<ContainerInfo> m_rows;
    QList<Status> m_status; // by row
    UsageById m_usage;
    static constexpr int kAgingMs = 1000;
    QTimer* m_aging;
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
