#pragma once
// The image → layer graph the Learn view draws, as plain data: one node per image id, one node
// per layer (ChainId), so a layer used by two images is ONE node with two edges; and one node
// per container, joined to the image it was made from (its writable layer sits on that image's
// layers). Pure: built from a StoreSnapshot and the container list, tested without widgets.
#include "bridge/bridge_types.h"
#include "bridge/container_types.h"

namespace berth::ui {

struct GraphNode {
    enum class Kind { Image, Layer, Container };
    Kind kind = Kind::Layer;
    QString key;        // image id, layer ChainId or container id
    QString label;      // image names, the layer's short id, or the container's name
    QString state;      // container: Docker's word (running, exited, …)
    int exitCode = 0;   // container: its last exit code
    QString detail;     // layer: its build step
    quint64 size = 0;
    int depth = 0;      // layer: position in the stack, 0 = base; image: 0
    int users = 0;      // layer: how many images use it
};

struct GraphEdge {
    int image = 0; // node indices
    int layer = 0;
};

// A container made from an image (node indices).
struct GraphUse {
    int container = 0;
    int image = 0;
};

struct RelationshipGraph {
    QList<GraphNode> nodes;
    QList<GraphEdge> edges;
    QList<GraphUse> uses;
    quint64 storedBytes = 0;   // every layer counted once, as the store keeps them
    quint64 unsharedBytes = 0; // what the images would take if each kept its own copy

    quint64 savedBytes() const { return unsharedBytes - storedBytes; }
    int count(GraphNode::Kind kind) const;
    int maxDepth() const;
};

// containers whose image is no longer in the store are left out (nothing to join them to).
RelationshipGraph buildRelationshipGraph(const QList<ImageInfo>& images, const QList<ContainerInfo>& containers = {});

} // namespace berth::ui
