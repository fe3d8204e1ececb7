#pragma once
// Turns the engine's view of the store into a StoreSnapshot. Blocking: worker threads only.
#include "bridge/bridge_types.h"

#include "engine/engine.h"

namespace berth::ui {

Result<StoreSnapshot> readStoreSnapshot(engine::Engine& engine);

// The layers of one image, bottom first, with sizes from the snapshot store and the build step
// from the config history (history entries marked empty_layer made no layer, so they are skipped).
QList<LayerInfo> layersOf(engine::Engine& engine, const image::Image& image);

} // namespace berth::ui
