#pragma once
// The local image store under one root directory:
//   <root>/images/           OCI image layout (oci-layout, index.json, blobs/sha256/…): one
//                            index.json entry per image name, annotated with the full name, so
//                            `skopeo inspect oci:<root>/images:docker.io/library/busybox:latest` works
//   <root>/ingest/           partial blobs (see ContentStore)
//   <root>/snapshots/, l/    unpacked layers by ChainId (see layer::SnapshotStore)
//   <root>/store.lock        shared by pulls and loads for their whole run; exclusive for
//                            removal and garbage collection, so nothing is deleted under a pull
//   <root>/index.lock        exclusive while index.json is read-modified-written
// An image becomes visible (index.json) only after all its blobs and snapshots are committed.
#include "image/content_store.h"
#include "image/reference.h"
#include "layer/snapshot_store.h"
#include "oci/image_config.h"
#include "oci/manifest.h"
#include "support/file_lock.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace berth::image {

// One named (or dangling, name empty) image in index.json.
struct ImageRecord {
    std::string name;        // full reference, "docker.io/library/busybox:latest"
    oci::Descriptor target;  // the platform manifest
    oci::Digest imageId;     // config digest
    std::string created;     // when stored here (RFC 3339)
    std::string repoDigest;  // digest the registry served for the name (index or manifest), if any
};

// An image with its manifest and config read and verified.
struct Image {
    std::vector<ImageRecord> records; // every name pointing at this manifest
    oci::Descriptor target;
    oci::Manifest manifest;
    oci::ImageConfig config;
    oci::Digest imageId;
    std::vector<oci::ChainId> chainIds; // bottom layer first
    std::uint64_t size = 0;             // unpacked bytes of all layers
};

struct GcReport {
    std::vector<oci::Digest> removedBlobs;
    std::vector<oci::ChainId> removedSnapshots;
    std::uint64_t reclaimedBytes = 0;
};

class ImageStore {
public:
    static Result<ImageStore> open(std::filesystem::path root);

    ContentStore& content() { return m_content; }
    layer::SnapshotStore& snapshots() { return m_snapshots; }
    const std::filesystem::path& root() const { return m_root; }

    Result<FileLock> lockShared() const;
    Result<FileLock> lockExclusive() const;

    Result<std::vector<ImageRecord>> list() const;
    // Points `name` (a full reference) at target; the image it pointed at before, if no other
    // name keeps it, stays as a dangling entry (Docker's <none>:<none>).
    Status setName(const std::string& name, const oci::Descriptor& target, const oci::Digest& imageId,
                   const std::string& repoDigest = {});
    Status removeName(const std::string& name);
    // Removes every entry (named or dangling) pointing at this manifest.
    Status removeTarget(const oci::Digest& manifestDigest);

    // Finds an image by name (normalised: "busybox" finds docker.io/library/busybox:latest),
    // by name@digest, or by image id (full or a unique prefix of at least 1 hex digit).
    Result<Image> resolve(std::string_view refOrId) const;
    Result<Image> loadImage(const oci::Descriptor& target) const;

    // Deletes blobs and snapshots no image refers to. Caller holds lockExclusive().
    // extraSnapshots: snapshots kept alive by something else (containers, later).
    Result<GcReport> collectGarbage(const std::vector<oci::ChainId>& extraSnapshots = {});

private:
    ImageStore(std::filesystem::path root, ContentStore content, layer::SnapshotStore snapshots)
        : m_root(std::move(root)), m_content(std::move(content)), m_snapshots(std::move(snapshots)) {}
    Result<std::vector<ImageRecord>> readIndex() const;
    Status writeIndex(const std::vector<ImageRecord>& records);

    std::filesystem::path m_root;
    ContentStore m_content;
    layer::SnapshotStore m_snapshots;
};

} // namespace berth::image
