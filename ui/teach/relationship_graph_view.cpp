#include "teach/relationship_graph_view.h"

#include "models/container_list_model.h"
#include "models/display_format.h"
#include "views/state_badge_delegate.h"

#include <QEvent>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QPainterPath>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace berth::ui {

namespace {
constexpr qreal NodeWidth = 170, NodeHeight = 62, ColumnGap = 40, RowGap = 46, ContainerHeight = 44;
constexpr qreal Pitch = NodeWidth + ColumnGap;
const QColor SharedBadge(0x2e, 0xa0, 0x43);
} // namespace

RelationshipGraphView::RelationshipGraphView(QWidget* parent) : QGraphicsView(parent) {
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setAccessibleName(tr("Image and layer graph"));
}

void RelationshipGraphView::setSnapshot(const StoreSnapshot& snapshot) {
    m_images = snapshot.images;
    rebuildGraph();
}

void RelationshipGraphView::setContainers(const QList<ContainerInfo>& containers) {
    QStringList key;
    for (const auto& c : containers) key << c.id + c.name + c.state + c.imageId + c.image;
    if (key == m_containerKey) return;
    m_containerKey = key;
    m_containers = containers;
    rebuildGraph();
}

void RelationshipGraphView::rebuildGraph() {
    m_graph = buildRelationshipGraph(m_images, m_containers);
    rebuildScene();
}

// Images spread evenly; each layer sits under the mean position of the images using it, then
// nodes of one row are pushed apart so none overlap. Row 0 is the image row.
QList<QPointF> RelationshipGraphView::layout() const {
    QList<QPointF> pos(m_graph.nodes.size());
    QList<QList<int>> usersOf(m_graph.nodes.size());
    for (const auto& e : m_graph.edges) usersOf[e.layer].push_back(e.image);
    int column = 0;
    for (int i = 0; i < m_graph.nodes.size(); ++i)
        if (m_graph.nodes[i].kind == GraphNode::Kind::Image) pos[i] = QPointF(column++ * Pitch, 0);
    const int maxDepth = m_graph.maxDepth();
    for (int depth = maxDepth; depth >= 0; --depth) {
        QList<int> row;
        for (int i = 0; i < m_graph.nodes.size(); ++i) {
            const auto& n = m_graph.nodes[i];
            if (n.kind != GraphNode::Kind::Layer || n.depth != depth) continue;
            qreal x = 0;
            for (int u : usersOf[i]) x += pos[u].x();
            pos[i] = QPointF(usersOf[i].isEmpty() ? 0 : x / usersOf[i].size(),
                             (maxDepth - depth + 1) * (NodeHeight + RowGap) + RowGap);
            row.push_back(i);
        }
        std::sort(row.begin(), row.end(), [&](int a, int b) { return pos[a].x() < pos[b].x(); });
        for (int k = 1; k < row.size(); ++k)
            pos[row[k]].setX(std::max(pos[row[k]].x(), pos[row[k - 1]].x() + Pitch));
    }
    // Containers above their image, side by side.
    QList<int> row;
    for (const auto& u : m_graph.uses) {
        pos[u.container] = QPointF(pos[u.image].x(), -(NodeHeight / 2 + RowGap + ContainerHeight / 2));
        row.push_back(u.container);
    }
    std::stable_sort(row.begin(), row.end(), [&](int a, int b) { return pos[a].x() < pos[b].x(); });
    for (int k = 1; k < row.size(); ++k)
        pos[row[k]].setX(std::max(pos[row[k]].x(), pos[row[k - 1]].x() + Pitch));
    return pos;
}

void RelationshipGraphView::addNode(const GraphNode& node, QPointF center) {
    const QPalette pal = palette();
    const bool isImage = node.kind == GraphNode::Kind::Image;
    const bool shared = !isImage && node.users > 1;
    QRectF rect(center.x() - NodeWidth / 2, center.y() - NodeHeight / 2, NodeWidth, NodeHeight);
    auto* box = scene()->addRect(rect, QPen(shared ? SharedBadge : pal.color(QPalette::Mid), shared ? 3 : 1),
                                 isImage ? pal.color(QPalette::Highlight) : pal.color(QPalette::Base));
    box->setData(0, isImage ? QStringLiteral("image") : QStringLiteral("layer"));
    box->setToolTip(isImage ? node.label : tr("Layer %1\n%2").arg(node.key, node.detail));
    QString text = isImage ? node.label : node.label + QLatin1Char('\n') + formatSize(node.size);
    if (shared) text += QLatin1Char('\n') + tr("shared by %1 images").arg(node.users);
    auto* label = scene()->addText(text);
    label->setDefaultTextColor(isImage ? pal.color(QPalette::HighlightedText)
                                       : (shared ? SharedBadge : pal.color(QPalette::Text)));
    label->setTextWidth(NodeWidth - 8);
    label->setPos(rect.left() + 4, center.y() - label->boundingRect().height() / 2);
    label->setParentItem(box);
}

void RelationshipGraphView::addEdge(QPointF from, QPointF to) {
    QPointF a(from.x(), from.y() + NodeHeight / 2), b(to.x(), to.y() - NodeHeight / 2);
    QPen pen(palette().color(QPalette::Text), 1.2);
    scene()->addLine(QLineF(a, b), pen)->setZValue(-1);
    // Arrow head at the layer end.
    const qreal angle = std::atan2(b.y() - a.y(), b.x() - a.x());
    for (qreal side : {-0.45, 0.45}) {
        QPointF tip(b.x() - 10 * std::cos(angle + side), b.y() - 10 * std::sin(angle + side));
        scene()->addLine(QLineF(b, tip), pen)->setZValue(-1);
    }
}

void RelationshipGraphView::addContainer(const GraphNode& node, QPointF center) {
    const QColor colour = StateBadgeDelegate::badgeColor(node.state, node.exitCode);
    QRectF rect(center.x() - NodeWidth / 2, center.y() - ContainerHeight / 2, NodeWidth, ContainerHeight);
    QPainterPath path;
    path.addRoundedRect(rect, 10, 10);
    auto* box = scene()->addPath(path, QPen(colour.darker(130), 1.5), colour);
    box->setData(0, QStringLiteral("container"));
    box->setData(1, node.state);
    box->setToolTip(tr("Container %1 (%2): its own writable layer on top of the image's layers")
                        .arg(node.label, stateLabel(node.state)));
    auto* label = scene()->addText(node.label + QLatin1Char('\n') + stateLabel(node.state));
    label->setDefaultTextColor(Qt::white);
    label->setTextWidth(NodeWidth - 8);
    label->setPos(rect.left() + 4, center.y() - label->boundingRect().height() / 2);
    label->setParentItem(box);
}

// From the image's top edge up to the container: "made from".
void RelationshipGraphView::addUse(QPointF image, QPointF container) {
    QPointF a(image.x(), image.y() - NodeHeight / 2), b(container.x(), container.y() + ContainerHeight / 2);
    QPen pen(palette().color(QPalette::Text), 1.2, Qt::DashLine);
    scene()->addLine(QLineF(a, b), pen)->setZValue(-1);
    const qreal angle = std::atan2(b.y() - a.y(), b.x() - a.x());
    pen.setStyle(Qt::SolidLine);
    for (qreal side : {-0.45, 0.45}) {
        QPointF tip(b.x() - 10 * std::cos(angle + side), b.y() - 10 * std::sin(angle + side));
        scene()->addLine(QLineF(b, tip), pen)->setZValue(-1);
    }
}

void RelationshipGraphView::rebuildScene() {
    scene()->clear();
    const auto pos = layout();
    for (const auto& e : m_graph.edges) addEdge(pos[e.image], pos[e.layer]);
    for (const auto& u : m_graph.uses) addUse(pos[u.image], pos[u.container]);
    for (int i = 0; i < m_graph.nodes.size(); ++i) {
        if (m_graph.nodes[i].kind == GraphNode::Kind::Container) addContainer(m_graph.nodes[i], pos[i]);
        else addNode(m_graph.nodes[i], pos[i]);
    }
    scene()->setSceneRect(scene()->itemsBoundingRect().adjusted(-20, -20, 20, 20));
    fit();
}

void RelationshipGraphView::fit() {
    resetTransform();
    const QRectF r = sceneRect();
    if (r.width() > viewport()->width() || r.height() > viewport()->height())
        fitInView(r, Qt::KeepAspectRatio);
}

void RelationshipGraphView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    fit();
}

void RelationshipGraphView::changeEvent(QEvent* event) {
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) rebuildScene(); // theme switched
}

} // namespace berth::ui
