#pragma once
// The image → layer graph the Learn view draws, as plain data: one node per image id, one node
// per layer (ChainId), so a layer used by two images is ONE node with two edges. Pure: built
// from a StoreSnapshot and tested without widgets.
#include "bridge/bridge_types.h"

namespace berth::ui {

struct GraphNode {
    enum class Kind { Image, Layer };
    Kind kind = Kind::Layer;
    QString key;        // image id or layer ChainId
    QString label;      // image names, or the layer's short id
    QString detail;     // layer: its build step
    quint64 size = 0;
    int depth = 0;      // layer: position in the stack, 0 = base; image: 0
    int users = 0;      // layer: how many images use it
};

struct GraphEdge {
    int image = 0; // node indices
    int layer = 0;
};

struct RelationshipGraph {
    QList<GraphNode> nodes;
    QList<GraphEdge> edges;
    quint64 storedBytes = 0;   // every layer counted once, as the store keeps them
    quint64 unsharedBytes = 0; // what the images would take if each kept its own copy

    quint64 savedBytes() const { return unsharedBytes - storedBytes; }
    int count(GraphNode::Kind kind) const;
    int maxDepth() const;
};

RelationshipGraph buildRelationshipGraph(const QList<ImageInfo>& images);

} // namespace berth::ui
