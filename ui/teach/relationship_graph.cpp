#include "teach/relationship_graph.h"

#include "models/display_format.h"

#include <QHash>

namespace berth::ui {

int RelationshipGraph::count(GraphNode::Kind kind) const {
    int n = 0;
    for (const auto& node : nodes) n += node.kind == kind ? 1 : 0;
    return n;
}

int RelationshipGraph::maxDepth() const {
    int d = 0;
    for (const auto& node : nodes) d = std::max(d, node.depth);
    return d;
}

namespace {

// Merges rows of one image id (an image listed once per name) into one image node.
int imageNode(RelationshipGraph& g, QHash<QString, int>& byId, const ImageInfo& image, bool& isNew) {
    auto it = byId.find(image.id);
    isNew = it == byId.end();
    if (!isNew) {
        GraphNode& node = g.nodes[*it];
        node.label += QLatin1Char('\n') + image.reference();
        return *it;
    }
    GraphNode node;
    node.kind = GraphNode::Kind::Image;
    node.key = image.id;
    node.label = image.reference();
    node.size = image.size;
    g.nodes.push_back(node);
    return byId[image.id] = static_cast<int>(g.nodes.size()) - 1;
}

int layerNode(RelationshipGraph& g, QHash<QString, int>& byChain, const LayerInfo& layer, int depth) {
    if (auto it = byChain.find(layer.chainId); it != byChain.end()) return *it;
    GraphNode node;
    node.kind = GraphNode::Kind::Layer;
    node.key = layer.chainId;
    node.label = shortDigest(layer.blobDigest.isEmpty() ? layer.diffId : layer.blobDigest);
    node.detail = layer.createdBy;
    node.size = layer.size;
    node.depth = depth;
    g.nodes.push_back(node);
    g.storedBytes += layer.size;
    return byChain[layer.chainId] = static_cast<int>(g.nodes.size()) - 1;
}

// The image node a container was made from: by image id, else by the name it was run with.
int imageOf(const QHash<QString, int>& byId, const QList<ImageInfo>& images, const ContainerInfo& c) {
    if (auto it = byId.find(c.imageId); !c.imageId.isEmpty() && it != byId.end()) return *it;
    for (const auto& image : images)
        if (image.reference() == c.image || image.reference() == c.image + QStringLiteral(":latest")) return byId.value(image.id, -1);
    return -1;
}

} // namespace

RelationshipGraph buildRelationshipGraph(const QList<ImageInfo>& images, const QList<ContainerInfo>& containers) {
    RelationshipGraph g;
    QHash<QString, int> byId, byChain;
    for (const auto& image : images) {
        bool isNew = false;
        int from = imageNode(g, byId, image, isNew);
        if (!isNew) continue; // same image under another name: same layers, no new edges
        for (int depth = 0; depth < image.layers.size(); ++depth) {
            int to = layerNode(g, byChain, image.layers[depth], depth);
            g.nodes[to].users += 1;
            g.unsharedBytes += image.layers[depth].size;
            g.edges.push_back({from, to});
        }
    }
    for (const auto& c : containers) {
        const int image = imageOf(byId, images, c);
        if (image < 0) continue;
        GraphNode node;
        node.kind = GraphNode::Kind::Container;
        node.key = c.id;
        node.label = c.name;
        node.state = c.state;
        node.exitCode = c.exitCode;
        g.nodes.push_back(node);
        g.uses.push_back({static_cast<int>(g.nodes.size()) - 1, image});
    }
    return g;
}

} // namespace berth::ui
