#include "bridge/snapshot_reader.h"

namespace berth::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

std::vector<const oci::HistoryEntry*> layerHistory(const oci::ImageConfig& config) {
    std::vector<const oci::HistoryEntry*> out;
    for (const auto& h : config.history)
        if (!h.emptyLayer) out.push_back(&h);
    return out;
}

} // namespace

QList<LayerInfo> layersOf(engine::Engine& engine, const image::Image& image) {
    auto history = layerHistory(image.config);
    QList<LayerInfo> layers;
    for (std::size_t i = 0; i < image.chainIds.size(); ++i) {
        LayerInfo l;
        l.chainId = qs(image.chainIds[i].str());
        if (i < image.config.diffIds.size()) l.diffId = qs(image.config.diffIds[i].str());
        if (i < image.manifest.layers.size()) l.blobDigest = qs(image.manifest.layers[i].digest.str());
        if (auto info = engine.store().snapshots().info(image.chainIds[i])) l.size = info->size;
        // History only lines up with layers when it has one non-empty entry per layer.
        if (history.size() == image.chainIds.size()) {
            l.createdBy = qs(history[i]->createdBy);
            l.created = qs(history[i]->created);
        }
        layers.push_back(l);
    }
    return layers;
}

Result<StoreSnapshot> readStoreSnapshot(engine::Engine& engine) {
    auto rows = BERTH_TRY(engine.listImages());
    StoreSnapshot snapshot;
    for (const auto& row : rows) {
        ImageInfo info;
        info.repository = qs(row.repository);
        info.tag = qs(row.tag);
        info.digest = qs(row.digest);
        info.id = qs(row.imageId.str());
        info.created = QDateTime::fromString(qs(row.created), Qt::ISODateWithMs);
        info.size = row.size;
        // A row whose image cannot be read still shows, with no layers: the list stays honest.
        if (auto image = engine.inspectImage(row.imageId.encoded())) info.layers = layersOf(engine, *image);
        snapshot.images.push_back(info);
    }
    return snapshot;
}

} // namespace berth::ui
