#include "models/container_list_model.h"

#include "models/container_status.h"
#include "models/display_format.h"

#include <QSet>
#include <QTimer>

#include <algorithm>

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

ContainerListModel::ContainerListModel(QObject* parent)
    : QAbstractTableModel(parent), m_aging(new QTimer(this)) {
    m_aging->setInterval(kAgingMs);
    connect(m_aging, &QTimer::timeout, this, [this] {
        refreshStatus();
        m_aging->start(kAgingMs); // the usage ticks stopped: age on our own, once a second
    });
}

ContainerListModel::Status ContainerListModel::statusOf(const ContainerInfo& c, const QDateTime& now) {
    Status s;
    if (c.state == QLatin1String("running") || c.state == QLatin1String("paused"))
        s.since = parseRfc3339(c.startedAt);
    else if (c.state == QLatin1String("exited") || c.state == QLatin1String("restarting"))
        s.since = parseRfc3339(c.finishedAt);
    if (s.since.isValid()) s.duration = humanDuration(s.since.secsTo(now));
    s.text = containerStatusText(c, now);
    if (!s.duration.isEmpty()) s.at = s.text.indexOf(s.duration);
    return s;
}

namespace {
// The columns that show each field (Id never changes for a row; command and image id are roles
// of column 0 only). State moves STATUS and the live columns too.
QList<int> changedColumns(const ContainerInfo& a, const ContainerInfo& b) {
    using M = ContainerListModel;
    QList<int> out;
    if (a.name != b.name || a.command != b.command || a.imageId != b.imageId) out << M::NameColumn;
    if (a.image != b.image) out << M::ImageColumn;
    if (a.state != b.state || a.exitCode != b.exitCode || a.oomKilled != b.oomKilled ||
        a.created != b.created || a.startedAt != b.startedAt || a.finishedAt != b.finishedAt)
        out << M::StateColumn << M::MemoryColumn;
    if (a.ports != b.ports) out << M::PortsColumn;
    return out;
}
} // namespace

void ContainerListModel::setContainers(const QList<ContainerInfo>& containers) {
    QSet<QString> incoming;
    for (const auto& c : containers) incoming.insert(c.id);
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_rows[row].id)) continue;
        beginRemoveRows({}, row, row);
        m_usage.remove(m_rows[row].id);
        m_rows.removeAt(row);
        m_status.removeAt(row);
        endRemoveRows();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QHash<QString, int> rowOf;
    for (int row = 0; row < m_rows.size(); ++row)
        rowOf.insert(m_rows[row].id, row);
    QList<ContainerInfo> added;
    for (const auto& c : containers) {
        const int row = rowOf.value(c.id, -1);
        if (row < 0) {
            added.append(c);
            continue;
        }
        if (m_rows[row] == c) continue; // nothing to repaint
        const QList<int> columns = changedColumns(m_rows[row], c);
        m_rows[row] = c;
        m_status[row] = statusOf(c, now);
        if (columns.isEmpty()) continue;
        const auto [first, last] = std::minmax_element(columns.begin(), columns.end());
        emit dataChanged(index(row, *first), index(row, *last));
    }
    if (!added.isEmpty()) { // one insertion: views and proxies lay out once, not once per row
        const int at = static_cast<int>(m_rows.size());
        beginInsertRows({}, at, at + static_cast<int>(added.size()) - 1);
        for (const auto& c : added) {
            m_rows.append(c);
            m_status.append(statusOf(c, now));
        }
        endInsertRows();
    }
    updateAgingTimer();
}

void ContainerListModel::updateAgingTimer() {
    const bool aging =
        std::any_of(m_status.cbegin(), m_status.cend(), [](const Status& s) { return s.since.isValid(); });
    if (aging && !m_aging->isActive()) m_aging->start(kAgingMs);
    if (!aging) m_aging->stop();
}

QPair<int, int> ContainerListModel::ageStatus(const QDateTime& now) {
    int first = -1, last = -1;
    for (int row = 0; row < m_status.size(); ++row) {
        Status& s = m_status[row];
        if (!s.since.isValid()) continue;
        QString duration = humanDuration(s.since.secsTo(now));
        if (duration == s.duration) continue;
        if (s.at >= 0) // "Up 5 seconds" → "Up 6 seconds": the words around the duration stay
            s.text.replace(s.at, s.duration.size(), duration);
        else
            s.text = containerStatusText(m_rows[row], now);
        s.duration = std::move(duration);
        if (first < 0) first = row;
        last = row;
    }
    return {first, last};
}

void ContainerListModel::refreshStatus(const QDateTime& now) {
    if (const auto [first, last] = ageStatus(now); first >= 0)
        emit dataChanged(index(first, StatusColumn), index(last, StatusColumn),
                         {Qt::DisplayRole, StatusTextRole});
}

void ContainerListModel::setUsage(const UsageById& usage) {
    const auto same = [](const ContainerUsage& a, const ContainerUsage& b) {
        return a.cpuPercent == b.cpuPercent && a.memoryUsage == b.memoryUsage &&
               a.memoryLimit == b.memoryLimit && a.memoryPercent == b.memoryPercent &&
               a.memoryLimited == b.memoryLimited;
    };
    int first = -1, last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        const auto was = m_usage.constFind(m_rows[row].id), now = usage.constFind(m_rows[row].id);
        const bool hadIt = was != m_usage.cend(), hasIt = now != usage.cend();
        if (hadIt == hasIt && (!hasIt || same(*was, *now))) continue;
        if (first < 0) first = row;
        last = row;
    }
    m_usage = usage;
    // STATUS ages with the usage tick, in the same announcement: one repaint and one round of
    // listeners a second rather than two. The timer only takes over when the ticks stop.
    int firstColumn = CpuColumn;
    if (m_aging->isActive()) {
        m_aging->start(kAgingMs + kAgingMs / 2);
        if (const auto [aged, lastAged] = ageStatus(QDateTime::currentDateTimeUtc()); aged >= 0) {
            first = first < 0 ? aged : std::min(first, aged);
            last = std::max(last, lastAged);
            firstColumn = StatusColumn;
        }
    }
    if (first >= 0)
        emit dataChanged(
            index(first, firstColumn), index(last, MemoryColumn),
            {Qt::DisplayRole, StatusTextRole, CpuPercentRole, MemoryRole, MemoryPercentRole, SortRole});
}

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

QVariant ContainerListModel::displayData(int row, int column) const {
    const ContainerInfo& c = m_rows[row];
    const auto usage = m_usage.constFind(c.id);
    const bool live = c.state == QLatin1String("running") && usage != m_usage.cend();
    switch (column) {
    case NameColumn: return c.name;
    case ImageColumn: return c.image;
    case StateColumn: return stateLabel(c.state);
    case StatusColumn: return m_status[row].text;
    case CpuColumn: return live ? QStringLiteral("%1 %").arg(usage->cpuPercent, 0, 'f', 2) : QString();
    case MemoryColumn:
        return live ? QStringLiteral("%1 (%2 %)").arg(formatSize(usage->memoryUsage)).arg(usage->memoryPercent, 0, 'f', 1)
                    : QString();
    case IdColumn: return c.shortId();
    case PortsColumn: return portsText(c.ports);
    }
    return {};
}

QVariant ContainerListModel::sortData(int row, int column) const {
    const ContainerInfo& c = m_rows[row];
    switch (column) {
    case StatusColumn: return c.startedAt.isEmpty() ? c.created : c.startedAt;
    case CpuColumn: return data(index(row, 0), CpuPercentRole).toDouble();
    case MemoryColumn: return data(index(row, 0), MemoryRole).toULongLong();
    case StateColumn: return c.state;
    default: return displayData(row, column);
    }
}

QVariant ContainerListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const ContainerInfo& c = m_rows[index.row()];
    const auto usage = m_usage.constFind(c.id);
    const bool live = c.state == QLatin1String("running") && usage != m_usage.cend();
    switch (role) {
    case Qt::DisplayRole: return displayData(index.row(), index.column());
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
    case StatusTextRole: return m_status[index.row()].text;
    case ExitCodeRole: return c.exitCode;
    case CpuPercentRole: return live ? QVariant(usage->cpuPercent) : QVariant();
    case MemoryRole: return live ? QVariant(usage->memoryUsage) : QVariant();
    case MemoryPercentRole: return live ? QVariant(usage->memoryPercent) : QVariant();
    case CommandRole: return c.command;
    case SortRole: return sortData(index.row(), index.column());
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
