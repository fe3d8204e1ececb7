#include "views/state_badge_delegate.h"

#include "models/container_list_model.h"

#include <QApplication>
#include <QPainter>

namespace berth::ui {

QColor StateBadgeDelegate::badgeColor(const QString& state, int exitCode) {
    if (state == QLatin1String("running")) return QColor(0x2e, 0x9e, 0x4f);
    if (state == QLatin1String("paused") || state == QLatin1String("restarting")) return QColor(0xd9, 0x8c, 0x1a);
    if (state == QLatin1String("created")) return QColor(0x6c, 0x7a, 0x89);
    if (state == QLatin1String("exited") && exitCode == 0) return QColor(0x4a, 0x5a, 0x70);
    return QColor(0xc6, 0x3b, 0x3b); // exited with an error, dead, removing
}

void StateBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // selection background

    const QColor colour = badgeColor(index.data(ContainerListModel::StateRole).toString(),
                                     index.data(ContainerListModel::ExitCodeRole).toInt());
    const QFontMetrics fm(opt.font);
    const int w = fm.horizontalAdvance(text) + 16;
    const int h = fm.height() + 4;
    QRect badge(opt.rect.left() + 4, opt.rect.center().y() - h / 2, w, h);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(opt.font);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

QSize StateBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    return {s.width() + 24, qMax(s.height(), option.fontMetrics.height() + 8)};
}

} // namespace berth::ui
