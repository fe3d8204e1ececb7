#pragma once
// Snapshots are committed, read-only layer directories named by ChainId (one per distinct stack
// of layers, so a layer shared by images is stored once). A Snapshotter turns a stack of them
// into a root filesystem for a container:
//   prepare(key, layers) → mounts for a writable rootfs (layers bottom first, as in a manifest)
//   remove(key)          → deletes the writable part; the committed layers stay
// Two backends: OverlaySnapshotter (layer dirs as lower dirs, per-key upper and work dirs) and
// CopySnapshotter (where overlay is missing: copies the layers into one tree, applying whiteouts).
#include "layer/mount.h"
#include "oci/digest.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace berth::layer {

class SnapshotStore;

class Snapshotter {
public:
    virtual ~Snapshotter() = default;
    virtual const char* name() const = 0;
    virtual Result<std::vector<Mount>> prepare(const std::string& key, const std::vector<oci::ChainId>& layers) = 0;
    virtual Status remove(const std::string& key) = 0;
};

// activeRoot holds the per-key writable state (root/active/<key>/…).
std::unique_ptr<Snapshotter> makeOverlaySnapshotter(SnapshotStore& store, std::filesystem::path activeRoot);
std::unique_ptr<Snapshotter> makeCopySnapshotter(SnapshotStore& store, std::filesystem::path activeRoot);
// True when this kernel can mount overlay here (checked once by a trial mount in a temp dir).
bool overlaySupported(const std::filesystem::path& scratchDir);

} // namespace berth::layer
