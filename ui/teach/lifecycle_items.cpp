#include "teach/lifecycle_items.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QVariantAnimation>

#include <cmath>

namespace berth::ui {

namespace {
constexpr qreal kNodeW = 130, kNodeH = 52;
const QColor kIdle(0x75, 0x75, 0x75), kGlow(0xef, 0x6c, 0x00), kLit(0x2e, 0x7d, 0x32), kClick(0x15, 0x65, 0xc0);

QColor mix(const QColor& a, const QColor& b, qreal t) {
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t);
}
} // namespace

LifecycleNode::LifecycleNode(const QString& english, const QString& korean, QGraphicsItem* parent)
    : QGraphicsObject(parent), m_english(english), m_korean(korean) {}

QRectF LifecycleNode::boundingRect() const { return {-kNodeW / 2 - 2, -kNodeH / 2 - 2, kNodeW + 4, kNodeH + 4}; }

void LifecycleNode::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    const QRectF r(-kNodeW / 2, -kNodeH / 2, kNodeW, kNodeH);
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(m_lit ? kLit.darker(130) : kIdle, m_lit ? 3 : 1.5));
    p->setBrush(m_lit ? kLit : QColor(0xf5, 0xf5, 0xf5));
    p->drawRoundedRect(r, 12, 12);
    p->setPen(m_lit ? Qt::white : Qt::black);
    QFont f = p->font();
    f.setBold(true);
    p->setFont(f);
    p->drawText(r.adjusted(0, 4, 0, -kNodeH / 2), Qt::AlignCenter, m_english);
    f.setBold(false);
    p->setFont(f);
    p->drawText(r.adjusted(0, kNodeH / 2 - 4, 0, -4), Qt::AlignCenter, m_korean);
}

void LifecycleNode::setLit(bool lit) {
    if (lit == m_lit) return;
    m_lit = lit;
    update();
}

LifecycleEdge::LifecycleEdge(int index, QPointF from, QPointF to, qreal bend, const QString& label,
                             QGraphicsItem* parent)
    : QGraphicsObject(parent), m_index(index), m_label(label) {
    const QPointF d = to - from;
    const qreal len = std::hypot(d.x(), d.y());
    const QPointF normal(-d.y() / len, d.x() / len);
    const QPointF control = (from + to) / 2 + normal * bend * 2; // the curve's middle sits at `bend`
    // Start and end at the node borders (approximated by an ellipse around the box).
    const auto clip = [](QPointF centre, QPointF towards) {
        const QPointF v = towards - centre;
        const qreal t = 1.0 / std::sqrt(std::pow(v.x() / (kNodeW / 2 + 6), 2) + std::pow(v.y() / (kNodeH / 2 + 6), 2));
        return centre + v * std::min(t, 1.0);
    };
    const QPointF a = clip(from, control), b = clip(to, control);
    m_path.moveTo(a);
    m_path.quadTo(control, b);
    const QPointF dir = b - control;
    const qreal dl = std::hypot(dir.x(), dir.y());
    const QPointF u = dir / dl, n(-u.y(), u.x());
    m_head << b << b - u * 12 + n * 6 << b - u * 12 - n * 6;
    const QPointF mid = m_path.pointAtPercent(0.5);
    m_labelRect = QRectF(mid - QPointF(60, 16), QSizeF(120, 32));
    m_animation = new QVariantAnimation(this);
    m_animation->setDuration(1000);
    m_animation->setStartValue(1.0);
    m_animation->setEndValue(0.0);
    connect(m_animation, &QVariantAnimation::valueChanged, this, [this](const QVariant& v) {
        m_glow = v.toReal();
        update();
    });
}

QRectF LifecycleEdge::boundingRect() const {
    return m_path.boundingRect().united(m_head.boundingRect()).united(m_labelRect).adjusted(-8, -8, 8, 8);
}

QPainterPath LifecycleEdge::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(14);
    QPainterPath s = stroker.createStroke(m_path);
    s.addRect(m_labelRect);
    return s;
}

void LifecycleEdge::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    const QColor base = m_clickable ? kClick : kIdle;
    const QColor c = mix(base, kGlow, m_glow);
    p->setPen(QPen(c, 2 + 4 * m_glow));
    p->setBrush(Qt::NoBrush);
    p->drawPath(m_path);
    p->setPen(Qt::NoPen);
    p->setBrush(c);
    p->drawPolygon(m_head);
    QFont f = p->font();
    f.setUnderline(m_clickable);
    f.setBold(m_glow > 0);
    p->setFont(f);
    p->setPen(c);
    const QRectF text = QFontMetricsF(f).boundingRect(m_labelRect, Qt::AlignCenter, this->text()).adjusted(-4, -1, 4, 1);
    p->setBrush(QColor(255, 255, 255, 220));
    p->drawRoundedRect(text, 4, 4);
    p->drawText(m_labelRect, Qt::AlignCenter, this->text());
}

QString LifecycleEdge::text() const { return m_note.isEmpty() ? m_label : m_label + QLatin1Char('\n') + m_note; }

void LifecycleEdge::setNote(const QString& note) {
    m_note = note;
    update();
}

void LifecycleEdge::setClickable(bool clickable) {
    m_clickable = clickable;
    setCursor(QCursor(clickable ? Qt::PointingHandCursor : Qt::ArrowCursor));
    update();
}

void LifecycleEdge::flash() {
    m_animation->stop();
    m_animation->start();
}

bool LifecycleEdge::isFlashing() const { return m_animation->state() == QAbstractAnimation::Running; }

void LifecycleEdge::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (m_clickable && event->button() == Qt::LeftButton) emit clicked(m_index);
    event->accept();
}

} // namespace berth::ui
