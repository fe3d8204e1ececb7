#pragma once
// The Networks table: one row per network as `berth network ls` lists them, with subnet, gateway
// and how many containers are on each. Fed on the GUI thread by NetworkBridge; setNetworks()
// merges by id so the selection survives a refresh.
#include "bridge/network_types.h"

#include <QAbstractTableModel>

namespace berth::ui {

class NetworkListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        IdColumn,
        DriverColumn,
        SubnetColumn,
        GatewayColumn,
        ContainersColumn,
        ColumnCount
    };
    enum Role {
        NameRole = Qt::UserRole + 1, // QString
        IdRole,                      // QString, 64 hex
        BuiltinRole,                 // bool: bridge, host and none cannot be removed
        ContainerCountRole,          // int
        SortRole,                    // per column: the raw value a proxy sorts by
    };

    explicit NetworkListModel(QObject* parent = nullptr);

    void setNetworks(const QList<NetworkInfo>& networks);
    const QList<NetworkInfo>& networks() const { return m_rows; }
    const NetworkInfo* networkAt(int row) const;
    int rowOfName(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const NetworkInfo& n, int column) const;
    int rowOfId(const QString& id) const;
    QList<NetworkInfo> m_rows;
};

// "bridge" → "bridge (default)", "host", "null" → words a student reads.
QString driverLabel(const NetworkInfo& network);

} // namespace berth::ui
