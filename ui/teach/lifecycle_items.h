#pragma once
// The Lifecycle view's scene items: a state node (English word over the Korean term, lit when the
// selected container is in it) and an edge (a curved arrow with its verb; glows for a second when
// an event takes it, clickable when it leaves the lit state). GUI thread only.
#include <QGraphicsObject>

class QVariantAnimation;

namespace berth::ui {

class LifecycleNode : public QGraphicsObject {
    Q_OBJECT
public:
    LifecycleNode(const QString& english, const QString& korean, QGraphicsItem* parent = nullptr);
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    void setLit(bool lit);
    bool isLit() const { return m_lit; }

private:
    QString m_english, m_korean;
    bool m_lit = false;
};

class LifecycleEdge : public QGraphicsObject {
    Q_OBJECT
public:
    // bend: how far the curve's middle leaves the straight line (pixels, signed).
    LifecycleEdge(int index, QPointF from, QPointF to, qreal bend, const QString& label,
                  QGraphicsItem* parent = nullptr);
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    int index() const { return m_index; }
    QString text() const; // the verb, then the note ("exit 137") on its own line
    void setNote(const QString& note);
    void setClickable(bool clickable);
    bool isClickable() const { return m_clickable; }
    // Glows for about a second, fading back.
    void flash();
    bool isFlashing() const;
    QPointF labelCenter() const { return m_labelRect.center(); }

signals:
    void clicked(int index);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    int m_index;
    QPainterPath m_path;
    QPolygonF m_head;
    QString m_label, m_note;
    QRectF m_labelRect;
    bool m_clickable = false;
    qreal m_glow = 0;
    QVariantAnimation* m_animation = nullptr;
};

} // namespace berth::ui
