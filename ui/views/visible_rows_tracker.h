#pragma once
// VisibleRowsTracker: which rows of an item view a user can see, as the ids those rows carry
// (idRole), plus the current row's — what is worth sampling live (house rule 10: only what is
// visible is sampled). Recomputed after scrolling, resizing, sorting, filtering and rows coming or
// going, once per event-loop turn however many of those arrived; while the view is hidden (another
// page is shown) only the current row counts, for the charts' history. GUI thread only.
#include <QObject>
#include <QStringList>

class QAbstractItemModel;
class QAbstractItemView;
class QTimer;

namespace berth::ui {

class VisibleRowsTracker : public QObject {
    Q_OBJECT
public:
    // Watches view (which must have its model set); parented to it.
    VisibleRowsTracker(QAbstractItemView* view, int idRole);

    // The ids now, sorted, without duplicates.
    QStringList ids() const { return m_ids; }
    // Recomputes at once (tests; the tracker does it by itself on the next event-loop turn).
    void update();

signals:
    void idsChanged(const QStringList& ids);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void schedule();
    void watchModel(QAbstractItemModel* model);

    QAbstractItemView* m_view;
    int m_idRole;
    QTimer* m_pending;
    QStringList m_ids;
};

} // namespace berth::ui
