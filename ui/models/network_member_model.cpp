#include "models/network_member_model.h"

#include "models/container_list_model.h"

namespace berth::ui {

NetworkMemberModel::NetworkMemberModel(QObject* parent) : QAbstractTableModel(parent) {}

void NetworkMemberModel::setMembers(const QList<NetworkMember>& members) {
    if (members == m_rows) return;
    beginResetModel();
    m_rows = members;
    endResetModel();
}

int NetworkMemberModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int NetworkMemberModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NetworkMemberModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const NetworkMember& m = m_rows[index.row()];
    if (role == NameRole) return m.name;
    if (role == IdRole) return m.containerId;
    if (role == Qt::ToolTipRole && index.column() == AddressColumn && m.ipv4Address.isEmpty())
        return tr("An address is leased when the container starts");
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case NameColumn: return m.name;
    case StateColumn: return stateLabel(m.state);
    case AddressColumn: return m.ipv4Address.isEmpty() ? QStringLiteral("—") : m.ipv4Address;
    case MacColumn: return m.macAddress;
    case AliasesColumn: return m.aliases.join(QStringLiteral(", "));
    case PortsColumn: return portsText(m.ports);
    }
    return {};
}

QVariant NetworkMemberModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn: return tr("Container");
    case StateColumn: return tr("State");
    case AddressColumn: return tr("IPv4 address");
    case MacColumn: return tr("MAC address");
    case AliasesColumn: return tr("Aliases");
    case PortsColumn: return tr("Published ports");
    }
    return {};
}

} // namespace berth::ui
