#include "models/container_filter_proxy.h"

#include "models/container_list_model.h"

namespace berth::ui {

ContainerFilterProxy::ContainerFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(ContainerListModel::SortRole);
}

void ContainerFilterProxy::setText(const QString& text) {
    m_text = text.trimmed();
    invalidateRowsFilter();
}

void ContainerFilterProxy::setState(const QString& state) {
    m_state = state;
    invalidateRowsFilter();
}

bool ContainerFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_state.isEmpty() && i.data(ContainerListModel::StateRole).toString() != m_state) return false;
    if (m_text.isEmpty()) return true;
    for (int role : {ContainerListModel::NameRole, ContainerListModel::ImageRole, ContainerListModel::IdRole,
                     ContainerListModel::CommandRole})
        if (i.data(role).toString().contains(m_text, Qt::CaseInsensitive)) return true;
    return false;
}

} // namespace berth::ui
