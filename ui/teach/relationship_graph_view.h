#pragma once
// Draws a RelationshipGraph: the containers in a row on top, coloured by state (as the
// Containers table's badges), each joined to the image it was made from; the images below them,
// then their layers with the base layer at the bottom, one arrow per image → layer use. Colours come from the palette, so the drawing
// follows light and dark themes; only the "shared" badge has its own colour.
#include "teach/relationship_graph.h"

#include <QGraphicsView>

namespace berth::ui {

class RelationshipGraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit RelationshipGraphView(QWidget* parent = nullptr);

    void setSnapshot(const StoreSnapshot& snapshot);
    // Live: redrawn only when a container appears, goes, or changes state (not as its status ages).
    void setContainers(const QList<ContainerInfo>& containers);
    const RelationshipGraph& graph() const { return m_graph; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuildScene();
    QList<QPointF> layout() const;
    void addNode(const GraphNode& node, QPointF center);
    void addEdge(QPointF from, QPointF to);
    void addContainer(const GraphNode& node, QPointF center);
    void addUse(QPointF image, QPointF container);
    void rebuildGraph();
    void fit();

    RelationshipGraph m_graph;
    QList<ImageInfo> m_images;
    QList<ContainerInfo> m_containers;
    QStringList m_containerKey; // id, name, state and image of each container last drawn
};

} // namespace berth::ui
