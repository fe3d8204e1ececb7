#pragma once
// Pulls an image from a registry into the ImageStore, the way `docker pull` does: resolve the
// name to a manifest (choosing a platform from an index), fetch and verify the config, then
// download every layer while it is being unpacked — each layer streams into its ingest file and
// the extractor reads the same file as it grows, so download, hashing and extraction overlap,
// and several layers proceed at once. A layer counts only when its blob digest and its DiffId
// both match; the image name appears only when every layer is committed.
#include "image/image_store.h"
#include "image/pull_progress.h"
#include "image/reference.h"
#include "image/registry_client.h"
#include "oci/platform.h"

#include <atomic>

namespace berth::image {

struct PullOptions {
    oci::Platform platform = oci::Platform::host();
    PullProgressFn progress;
    RegistryOptions registry;
    int maxConcurrentLayers = 3;
    const std::atomic<bool>* cancel = nullptr; // set to true to stop at the next chunk
};

struct PullResult {
    Reference reference;
    std::string repoDigest;  // digest the registry served for the name (index or manifest)
    Image image;
    bool upToDate = false;   // the name already pointed at this image and nothing was fetched
};

Result<PullResult> pull(ImageStore& store, const Reference& reference, const PullOptions& options);

// The index entry to use for `want` (first match, attestation manifests skipped).
Result<oci::Descriptor> selectPlatform(const oci::ImageIndex& index, const oci::Platform& want);

} // namespace berth::image
