#pragma once
// The Networks page's details: the containers on the selected network with their state, IPv4
// address, aliases and published ports (and MAC address when the engine reports one).
#include "bridge/network_types.h"

#include <QAbstractTableModel>

namespace berth::ui {

class NetworkMemberModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StateColumn,
        AddressColumn,
        MacColumn,
        AliasesColumn,
        PortsColumn,
        ColumnCount
    };
    enum Role { NameRole = Qt::UserRole + 1, IdRole };

    explicit NetworkMemberModel(QObject* parent = nullptr);

    // Replaces the rows (a network has a handful of members: a reset is cheap and simple).
    void setMembers(const QList<NetworkMember>& members);
    const QList<NetworkMember>& members() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<NetworkMember> m_rows;
};

} // namespace berth::ui
