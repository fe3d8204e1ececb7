#include "views/port_links_delegate.h"

#include "models/container_list_model.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>

namespace berth::ui {

namespace {

constexpr int kMargin = 4; // as the style's item text margin, near enough
const QString kSeparator = QStringLiteral(", ");

QList<PortMapping> portsOf(const QModelIndex& index) {
    return index.data(ContainerListModel::PortsRole).value<QList<PortMapping>>();
}

} // namespace

QList<QRect> PortLinksDelegate::segments(const QRect& cell, const QFontMetrics& metrics,
                                         const QList<PortMapping>& ports) {
    QList<QRect> out;
    int x = cell.left() + kMargin;
    for (const auto& p : ports) {
        const int width = metrics.horizontalAdvance(portLinkText(p));
        out << QRect(x, cell.top(), width, cell.height());
        x += width + metrics.horizontalAdvance(kSeparator);
    }
    return out;
}

int PortLinksDelegate::portAt(const QRect& cell, const QFontMetrics& metrics, const QList<PortMapping>& ports,
                              const QPoint& pos) {
    const QList<QRect> rects = segments(cell, metrics, ports);
    for (int i = 0; i < rects.size(); ++i)
        if (rects[i].contains(pos)) return i;
    return -1;
}

void PortLinksDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // background, selection and focus from the style; the text is ours
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QList<PortMapping> ports = portsOf(index);
    const QList<QRect> rects = segments(option.rect, option.fontMetrics, ports);
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor link = selected ? text : option.palette.color(QPalette::Link);
    painter->save();
    painter->setClipRect(option.rect);
    for (int i = 0; i < ports.size(); ++i) {
        const bool isLink = portUrl(ports[i]).isValid();
        QFont font = option.font;
        font.setUnderline(isLink);
        painter->setFont(font);
        painter->setPen(isLink ? link : text);
        painter->drawText(rects[i], Qt::AlignLeft | Qt::AlignVCenter, portLinkText(ports[i]));
        if (i + 1 < ports.size()) {
            painter->setFont(option.font);
            painter->setPen(text);
            const QRect after(rects[i].right() + 1, option.rect.top(),
                              option.fontMetrics.horizontalAdvance(kSeparator), option.rect.height());
            painter->drawText(after, Qt::AlignLeft | Qt::AlignVCenter, kSeparator);
        }
    }
    painter->restore();
}

bool PortLinksDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                    const QStyleOptionViewItem& option, const QModelIndex& index) {
    if (event->type() == QEvent::MouseButtonRelease) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        const QList<PortMapping> ports = portsOf(index);
        const int hit = mouse->button() == Qt::LeftButton
                            ? portAt(option.rect, option.fontMetrics, ports, mouse->position().toPoint())
                            : -1;
        if (hit >= 0) {
            if (const QUrl url = portUrl(ports[hit]); url.isValid()) {
                emit linkActivated(url);
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace berth::ui
