#include "views/visible_rows_tracker.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QSet>
#include <QTimer>

namespace berth::ui {

VisibleRowsTracker::VisibleRowsTracker(QAbstractItemView* view, int idRole)
    : QObject(view), m_view(view), m_idRole(idRole), m_pending(new QTimer(this)) {
    m_pending->setSingleShot(true);
    m_pending->setInterval(0);
    connect(m_pending, &QTimer::timeout, this, &VisibleRowsTracker::update);
    view->installEventFilter(this);             // Show, Hide
    view->viewport()->installEventFilter(this); // Resize
    for (QScrollBar* bar : {view->verticalScrollBar(), view->horizontalScrollBar()}) {
        connect(bar, &QScrollBar::valueChanged, this, &VisibleRowsTracker::schedule);
        connect(bar, &QScrollBar::rangeChanged, this, &VisibleRowsTracker::schedule);
    }
    if (view->selectionModel())
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                &VisibleRowsTracker::schedule);
    watchModel(view->model());
    schedule();
}

void VisibleRowsTracker::watchModel(QAbstractItemModel* model) {
    if (!model) return;
    connect(model, &QAbstractItemModel::rowsInserted, this, &VisibleRowsTracker::schedule);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &VisibleRowsTracker::schedule);
    connect(model, &QAbstractItemModel::rowsMoved, this, &VisibleRowsTracker::schedule);
    connect(model, &QAbstractItemModel::modelReset, this, &VisibleRowsTracker::schedule);
    connect(model, &QAbstractItemModel::layoutChanged, this, &VisibleRowsTracker::schedule); // sorting
}

bool VisibleRowsTracker::eventFilter(QObject* watched, QEvent* event) {
    const QEvent::Type t = event->type();
    if ((watched == m_view && (t == QEvent::Show || t == QEvent::Hide)) ||
        (watched == m_view->viewport() && t == QEvent::Resize))
        schedule();
    return QObject::eventFilter(watched, event);
}

void VisibleRowsTracker::schedule() {
    if (!m_pending->isActive()) m_pending->start();
}

void VisibleRowsTracker::update() {
    m_pending->stop();
    QSet<QString> ids;
    const QAbstractItemModel* model = m_view->model();
    if (model && m_view->isVisible()) {
        const int rows = model->rowCount(m_view->rootIndex());
        const QRect area = m_view->viewport()->rect();
        const QModelIndex top = m_view->indexAt(area.topLeft());
        if (top.isValid()) {
            const QModelIndex bottom = m_view->indexAt(QPoint(area.left(), area.bottom()));
            const int last = bottom.isValid() ? bottom.row() : rows - 1; // the rows end above the bottom
            for (int row = top.row(); row <= last; ++row)
                ids.insert(model->index(row, 0, m_view->rootIndex()).data(m_idRole).toString());
        }
    }
    if (const QModelIndex current = m_view->currentIndex(); current.isValid())
        ids.insert(current.siblingAtColumn(0).data(m_idRole).toString());
    ids.remove(QString());
    QStringList sorted = ids.values();
    sorted.sort();
    if (sorted == m_ids) return;
    m_ids = sorted;
    emit idsChanged(m_ids);
}

} // namespace berth::ui
