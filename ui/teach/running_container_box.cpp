#include "teach/running_container_box.h"

#include "models/container_list_model.h"

#include <QEvent>

namespace berth::ui {

RunningContainerBox::RunningContainerBox(QWidget* parent) : QComboBox(parent) {
    setMinimumContentsLength(24);
    retranslate();
    connect(this, &QComboBox::currentIndexChanged, this, [this] { emit containerChosen(currentId()); });
}

void RunningContainerBox::retranslate() {
    setAccessibleName(tr("Running container"));
    setPlaceholderText(tr("No running container"));
}

void RunningContainerBox::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QComboBox::changeEvent(event);
}

void RunningContainerBox::setContainerModel(ContainerListModel* model) {
    m_model = model;
    connect(model, &QAbstractItemModel::modelReset, this, &RunningContainerBox::rebuild);
    connect(model, &QAbstractItemModel::layoutChanged, this, &RunningContainerBox::rebuild);
    connect(model, &QAbstractItemModel::rowsInserted, this, &RunningContainerBox::rebuild);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &RunningContainerBox::rebuild);
    connect(model, &QAbstractItemModel::dataChanged, this, &RunningContainerBox::rebuild);
    rebuild();
}

void RunningContainerBox::rebuild() {
    QStringList ids, labels;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QModelIndex i = m_model->index(r, 0);
        const QString state = i.data(ContainerListModel::StateRole).toString();
        if (state != QLatin1String("running") && state != QLatin1String("paused")) continue;
        const QString id = i.data(ContainerListModel::IdRole).toString();
        ids << id;
        labels << QStringLiteral("%1  (%2)").arg(i.data(ContainerListModel::NameRole).toString(), id.left(12));
    }
    if (ids == m_ids) return;
    const QString keep = currentId();
    m_ids = ids;
    QSignalBlocker block(this);
    clear();
    for (int k = 0; k < ids.size(); ++k) addItem(labels[k], ids[k]);
    const int at = ids.indexOf(keep);
    setCurrentIndex(at >= 0 ? at : (ids.isEmpty() ? -1 : 0));
    block.unblock();
    if (currentId() != keep) emit containerChosen(currentId());
}

} // namespace berth::ui
