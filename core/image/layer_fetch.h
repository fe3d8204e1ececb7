#pragma once
// Brings one layer of an image into the store: its blob (verified by Digest) and its snapshot
// (verified by DiffId), downloading and unpacking at the same time. Internal to the puller.
#include "image/content_store.h"
#include "image/pull_progress.h"
#include "image/registry_client.h"
#include "layer/snapshot_store.h"

#include <atomic>

namespace berth::image {

struct LayerJob {
    oci::Descriptor blob;
    oci::DiffId diffId;
    oci::ChainId chainId;
    oci::ChainId parent;
    RegistryClient* client = nullptr;   // null: the blob must already be in the store
    ContentStore* content = nullptr;
    layer::SnapshotStore* snapshots = nullptr;
    PullProgressFn progress;            // already serialised by the caller
    const std::atomic<bool>* cancel = nullptr;
};

// Returns true when something was fetched or unpacked, false when both were already present.
Result<bool> fetchLayer(const LayerJob& job);

// Unpacks a blob already in the store into a snapshot (berth load, repair of a missing snapshot).
Status unpackStoredLayer(const LayerJob& job);

} // namespace berth::image
