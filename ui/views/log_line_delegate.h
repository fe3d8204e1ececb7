#pragma once
// Paints one log line on one text line: monospace, clipped at the right edge (marked "…" when
// the line goes on), with every match of the current search highlighted and the rows of the
// current match drawn stronger. Only visible rows are painted, so highlighting costs nothing for
// the rest of a million-line log.
#include "models/log_model.h"

#include <QStyledItemDelegate>

namespace berth::ui {

class LogLineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setQuery(const LogQuery& query) { m_query = query; }
    const LogQuery& query() const { return m_query; }
    void setCurrentRow(int row) { m_currentRow = row; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    LogQuery m_query;
    int m_currentRow = -1;
};

} // namespace berth::ui
