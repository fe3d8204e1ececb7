#pragma once
// Draws the Containers table's Ports cell as links, one per published port
// ("127.0.0.1:8080→80/tcp"): tcp ports with a host port look and act as links, udp ones as text.
// A click on a link emits linkActivated with the page's URL (see portUrl); the page decides how to
// open it, so a test can record it instead of starting a browser.
#include "bridge/container_types.h"

#include <QStyledItemDelegate>
#include <QUrl>

namespace berth::ui {

class PortLinksDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Where each port's text lies in a cell: one rectangle per port, in order. Pure layout,
    // shared by painting, hit testing and tests.
    static QList<QRect> segments(const QRect& cell, const QFontMetrics& metrics,
                                 const QList<PortMapping>& ports);
    // The port whose text is under pos, or -1.
    static int portAt(const QRect& cell, const QFontMetrics& metrics, const QList<PortMapping>& ports,
                      const QPoint& pos);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

signals:
    void linkActivated(const QUrl& url);
};

} // namespace berth::ui
