#pragma once
// Draws a RelationshipGraph: images in a row on top, their layers below with the base layer at
// the bottom, one arrow per image → layer use. Colours come from the palette, so the drawing
// follows light and dark themes; only the "shared" badge has its own colour.
#include "teach/relationship_graph.h"

#include <QGraphicsView>

namespace berth::ui {

class RelationshipGraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit RelationshipGraphView(QWidget* parent = nullptr);

    void setSnapshot(const StoreSnapshot& snapshot);
    const RelationshipGraph& graph() const { return m_graph; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuildScene();
    QList<QPointF> layout() const;
    void addNode(const GraphNode& node, QPointF center);
    void addEdge(QPointF from, QPointF to);
    void fit();

    RelationshipGraph m_graph;
};

} // namespace berth::ui
