#include "views/log_line_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace berth::ui {

namespace {
constexpr int kPad = 4;
} // namespace

QSize LogLineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    // One width for every row: long lines are clipped, never scrolled sideways.
    return {1, option.fontMetrics.height() + 2};
}

void LogLineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background and selection

    const bool selected = opt.state & QStyle::State_Selected;
    QList<QTextLayout::FormatRange> formats;
    for (const auto& [start, length] : LogModel::matchesIn(text, m_query)) {
        QTextLayout::FormatRange range;
        range.start = start;
        range.length = length;
        const bool current = index.row() == m_currentRow;
        range.format.setBackground(current ? QColor(0xff, 0x98, 0x00) : QColor(0xff, 0xeb, 0x3b));
        range.format.setForeground(QColor(Qt::black));
        formats.append(range);
    }

    QTextLayout layout(text, opt.font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(textOption);
    layout.setFormats(formats);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    layout.endLayout();
    if (!line.isValid()) return;

    const QRect r = option.rect.adjusted(kPad, 0, -kPad, 0);
    painter->save();
    painter->setClipRect(r);
    painter->setPen(
        opt.palette.color(QPalette::Normal, selected ? QPalette::HighlightedText : QPalette::Text));
    const qreal y = r.top() + (r.height() - line.height()) / 2;
    layout.draw(painter, QPointF(r.left(), y));
    painter->restore();

    if (line.naturalTextWidth() > r.width()) { // the line goes on past the edge
        const QString more = QString(QChar(0x2026));
        const int w = opt.fontMetrics.horizontalAdvance(more) + kPad;
        const QRect tail(option.rect.right() - w, option.rect.top(), w, option.rect.height());
        painter->fillRect(tail, opt.palette.brush(selected ? QPalette::Highlight : QPalette::Base));
        painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
        painter->drawText(tail, Qt::AlignCenter, more);
    }
}

} // namespace berth::ui
