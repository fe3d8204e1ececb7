#include "views/app_icon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace berth::ui {

namespace {

// Three stacked layers on a blue tile, drawn on a 64-unit grid like the SVG.
QPixmap paintIcon(int size) {
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 64.0, size / 64.0);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x1f, 0x5f, 0xa8));
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 13, 13);
    const QColor layers[] = {QColor(0x9c, 0xd3, 0xff), QColor(0xcf, 0xe9, 0xff), QColor(0xff, 0xff, 0xff)};
    for (int i = 0; i < 3; ++i) {
        const qreal y = 40 - i * 11;
        QPainterPath diamond;
        diamond.moveTo(32, y - 9);
        diamond.lineTo(52, y);
        diamond.lineTo(32, y + 9);
        diamond.lineTo(12, y);
        diamond.closeSubpath();
        p.setBrush(layers[i]);
        p.setPen(QPen(QColor(0x1f, 0x5f, 0xa8), 1.5));
        p.drawPath(diamond);
    }
    return pm;
}

} // namespace

QIcon appIcon() {
    QIcon icon;
    for (int s : {16, 24, 32, 48, 64, 128, 256}) icon.addPixmap(paintIcon(s));
    return icon;
}

} // namespace berth::ui
