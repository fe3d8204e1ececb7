#include "models/container_list_model.h"

#include "models/container_status.h"
#include "models/display_format.h"

#include <QSet>

namespace berth::ui {

QString stateLabel(const QString& state) {
    if (state == QLatin1String("created")) return ContainerListModel::tr("created");
    if (state == QLatin1String("running")) return ContainerListModel::tr("running");
    if (state == QLatin1String("paused")) return ContainerListModel::tr("paused");
    if (state == QLatin1String("restarting")) return ContainerListModel::tr("restarting");
    if (state == QLatin1String("exited")) return ContainerListModel::tr("exited");
    if (state == QLatin1String("removing")) return ContainerListModel::tr("removing");
    if (state == QLatin1String("dead")) return ContainerListModel::tr("dead");
    return state;
}

QString portsText(const QList<PortMapping>& ports) {
    QStringList parts;
    for (const auto& p : ports)
        parts << QStringLiteral("%1:%2->%3/%4").arg(p.hostIp).arg(p.hostPort).arg(p.containerPort).arg(p.protocol);
    return parts.join(QStringLiteral(", "));
}

QUrl portUrl(const PortMapping& p) {
    if (p.protocol != QLatin1String("tcp") || p.hostPort <= 0) return {};
    // Every interface includes loopback, and a browser cannot connect to "0.0.0.0" everywhere.
    const bool any = p.hostIp.isEmpty() || p.hostIp == QLatin1String("0.0.0.0") || p.hostIp == QLatin1String("::");
    const QString host = any ? QStringLiteral("127.0.0.1") : p.hostIp;
    return QUrl(QStringLiteral("http://%1:%2/").arg(host).arg(p.hostPort));
}

QString portLinkText(const PortMapping& p) {
    return QStringLiteral("%1:%2\u2192%3/%4").arg(p.hostIp).arg(p.hostPort).arg(p.containerPort).arg(p.protocol);
}

QUrl webUrl(const QList<PortMapping>& ports) {
    for (const auto& p : ports)
        if (const QUrl url = portUrl(p); url.isValid()) return url;
    return {};
}

ContainerListModel::ContainerListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ContainerListModel::setContainers(const QList<ContainerInfo>& containers) {
    QSet<QString> incoming;
    for (const auto& c : containers) incoming.insert(c.id);
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_rows[row].id)) continue;
        beginRemoveRows({}, row, row);
        m_usage.remove(m_rows[row].id);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    for (const auto& c : containers) {
        const int row = rowOfId(c.id);
        if (row < 0) {
            const int at = static_cast<int>(m_rows.size());
            beginInsertRows({}, at, at);
            m_rows.append(c);
            endInsertRows();
        } else {
            // Status text ages ("Up 2 minutes"), so rows are refreshed even when nothing else changed.
            m_rows[row] = c;
            emitRowChanged(row);
        }
    }
}

void ContainerListModel::setUsage(const UsageById& usage) {
    m_usage = usage;
    if (m_rows.isEmpty()) return;
    emit dataChanged(index(0, CpuColumn), index(static_cast<int>(m_rows.size()) - 1, MemoryColumn));
}

void ContainerListModel::emitRowChanged(int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); }

const ContainerInfo* ContainerListModel::containerAt(int row) const {
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int ContainerListModel::rowOfId(const QString& id) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id) return i;
    return -1;
}

int ContainerListModel::rowOfName(const QString& name) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == name) return i;
    return -1;
}

int ContainerListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ContainerListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ContainerListModel::displayData(const ContainerInfo& c, int column) const {
    const auto usage = m_usage.constFind(c.id);
    const bool live = c.state == QLatin1String("running") && usage != m_usage.cend();
    switch (column) {
    case NameColumn: return c.name;
    case ImageColumn: return c.image;
    case StateColumn: return stateLabel(c.state);
    case StatusColumn: return containerStatusText(c);
    case CpuColumn: return live ? QStringLiteral("%1 %").arg(usage->cpuPercent, 0, 'f', 2) : QString();
    case MemoryColumn:
        return live ? QStringLiteral("%1 (%2 %)").arg(formatSize(usage->memoryUsage)).arg(usage->memoryPercent, 0, 'f', 1)
                    : QString();
    case IdColumn: return c.shortId();
    case PortsColumn: return portsText(c.ports);
    }
    return {};
}

QVariant ContainerListModel::sortData(const ContainerInfo& c, int column) const {
    switch (column) {
    case StatusColumn: return c.startedAt.isEmpty() ? c.created : c.startedAt;
    case CpuColumn: return data(index(rowOfId(c.id), 0), CpuPercentRole).toDouble();
    case MemoryColumn: return data(index(rowOfId(c.id), 0), MemoryRole).toULongLong();
    case StateColumn: return c.state;
    default: return displayData(c, column);
    }
}

QVariant ContainerListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const ContainerInfo& c = m_rows[index.row()];
    const auto usage = m_usage.constFind(c.id);
    const bool live = c.state == QLatin1String("running") && usage != m_usage.cend();
    switch (role) {
    case Qt::DisplayRole: return displayData(c, index.column());
    case Qt::ToolTipRole:
        if (index.column() == PortsColumn && webUrl(c.ports).isValid()) return tr("Click a port to open its page in the browser (%1)").arg(webUrl(c.ports).toString());
        return index.column() == StateColumn && c.oomKilled ? tr("Killed by the kernel: out of memory (OOM)") : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == CpuColumn || index.column() == MemoryColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case IdRole: return c.id;
    case NameRole: return c.name;
    case ImageRole: return c.image;
    case StateRole: return c.state;
    case StatusTextRole: return containerStatusText(c);
    case ExitCodeRole: return c.exitCode;
    case CpuPercentRole: return live ? QVariant(usage->cpuPercent) : QVariant();
    case MemoryRole: return live ? QVariant(usage->memoryUsage) : QVariant();
    case MemoryPercentRole: return live ? QVariant(usage->memoryPercent) : QVariant();
    case CommandRole: return c.command;
    case SortRole: return sortData(c, index.column());
    case WebUrlRole: return webUrl(c.ports);
    case PortsRole: return QVariant::fromValue(c.ports);
    }
    return {};
}

QVariant ContainerListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case ImageColumn: return tr("Image");
    case StateColumn: return tr("State");
    case StatusColumn: return tr("Status");
    case CpuColumn: return tr("CPU %");
    case MemoryColumn: return tr("Memory");
    case IdColumn: return tr("Container ID");
    case PortsColumn: return tr("Ports");
    }
    return {};
}

QHash<int, QByteArray> ContainerListModel::roleNames() const {
    auto names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "containerId"}, {NameRole, "name"}, {ImageRole, "image"}, {StateRole, "state"},
                  {StatusTextRole, "statusText"}, {ExitCodeRole, "exitCode"}, {CpuPercentRole, "cpuPercent"},
                  {MemoryRole, "memory"}, {MemoryPercentRole, "memoryPercent"}, {CommandRole, "command"}, {WebUrlRole, "webUrl"},
                  {PortsRole, "ports"}});
    return names;
}

} // namespace berth::ui
