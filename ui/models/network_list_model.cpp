#include "models/network_list_model.h"

#include <QFont>
#include <QSet>

namespace berth::ui {

QString driverLabel(const NetworkInfo& n) {
    if (n.builtin && n.name == QLatin1String("bridge")) return NetworkListModel::tr("bridge (default)");
    return n.driver;
}

NetworkListModel::NetworkListModel(QObject* parent) : QAbstractTableModel(parent) {}

void NetworkListModel::setNetworks(const QList<NetworkInfo>& networks) {
    QSet<QString> incoming;
    for (const auto& n : networks)
        incoming.insert(n.id);
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_rows[row].id)) continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    for (const auto& n : networks) {
        const int row = rowOfId(n.id);
        if (row < 0) {
            const int at = static_cast<int>(m_rows.size());
            beginInsertRows({}, at, at);
            m_rows.append(n);
            endInsertRows();
        } else if (!(m_rows[row] == n)) {
            m_rows[row] = n;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

const NetworkInfo* NetworkListModel::networkAt(int row) const {
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int NetworkListModel::rowOfId(const QString& id) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id) return i;
    return -1;
}

int NetworkListModel::rowOfName(const QString& name) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == name) return i;
    return -1;
}

int NetworkListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int NetworkListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NetworkListModel::displayData(const NetworkInfo& n, int column) const {
    switch (column) {
    case NameColumn: return n.builtin ? tr("%1 (built-in)").arg(n.name) : n.name;
    case IdColumn: return n.shortId();
    case DriverColumn: return driverLabel(n);
    case SubnetColumn: return n.subnet;
    case GatewayColumn: return n.gateway;
    case ContainersColumn: return static_cast<int>(n.members.size());
    }
    return {};
}

QVariant NetworkListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const NetworkInfo& n = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole: return displayData(n, index.column());
    case Qt::ToolTipRole: return n.builtin ? tr("Built into Berth: it cannot be removed") : QVariant();
    case Qt::FontRole:
        if (n.builtin && index.column() == NameColumn) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == ContainersColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case NameRole: return n.name;
    case IdRole: return n.id;
    case BuiltinRole: return n.builtin;
    case ContainerCountRole: return static_cast<int>(n.members.size());
    case SortRole: return index.column() == NameColumn ? QVariant(n.name) : displayData(n, index.column());
    }
    return {};
}

QVariant NetworkListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case IdColumn: return tr("Network ID");
    case DriverColumn: return tr("Driver");
    case SubnetColumn: return tr("Subnet");
    case GatewayColumn: return tr("Gateway");
    case ContainersColumn: return tr("Containers");
    }
    return {};
}

} // namespace berth::ui
