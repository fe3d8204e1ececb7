#include "models/event_list_model.h"

#include <QDateTime>

namespace berth::ui {

void EventListModel::addEvents(const QList<ContainerEvent>& events) {
    if (events.isEmpty()) return;
    const int n = static_cast<int>(events.size());
    beginInsertRows({}, 0, n - 1);
    for (const auto& e : events) m_events.prepend(e);
    endInsertRows();
    if (m_events.size() > kMaxRows) {
        beginRemoveRows({}, kMaxRows, static_cast<int>(m_events.size()) - 1);
        m_events.resize(kMaxRows);
        endRemoveRows();
    }
}

int EventListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int EventListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString EventListModel::details(const ContainerEvent& e) {
    QStringList parts;
    if (e.exitCode >= 0 && e.action == QLatin1String("die")) parts << QStringLiteral("exitCode=%1").arg(e.exitCode);
    if (!e.signal.isEmpty()) parts << QStringLiteral("signal=") + e.signal;
    if (!e.image.isEmpty()) parts << QStringLiteral("image=") + e.image;
    if (!e.container.isEmpty()) parts << QStringLiteral("container=") + e.container.left(12);
    if (!e.id.isEmpty()) parts << QStringLiteral("id=") + e.id.left(12);
    return parts.join(QStringLiteral(", "));
}

QVariant EventListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const ContainerEvent& e = m_events.at(index.row());
    if (role == IdRole) return e.id;
    if (role == ActionRole) return e.action;
    if (role == Qt::ToolTipRole && index.column() == DetailsColumn) return e.id;
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(e.timeNano / 1000000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case TypeColumn: return e.type;
    case ActionColumn: return e.action;
    case NameColumn: return e.name.isEmpty() ? e.id.left(12) : e.name;
    case DetailsColumn: return details(e);
    }
    return {};
}

QVariant EventListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case TypeColumn: return tr("Type");
    case ActionColumn: return tr("Action");
    case NameColumn: return tr("Name"); // a container's, or a network's for network events
    case DetailsColumn: return tr("Details");
    }
    return {};
}

} // namespace berth::ui
