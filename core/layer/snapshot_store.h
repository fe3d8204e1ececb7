#pragma once
// Committed layer directories on disk, keyed by ChainId:
//   <root>/snapshots/<chainid-hex>/fs         the layer's files in overlay form
//   <root>/snapshots/<chainid-hex>/meta.json  {chainId, diffId, parent, size, created}
//   <root>/l/<12-hex>                         short symlink → ../snapshots/<hex>/fs (overlay option length)
// A layer is unpacked into begin()'s scratch directory and becomes visible only through
// commit(), an atomic rename done after its DiffId was verified; a crash leaves only a scratch
// directory, which sweep() removes. Thread-safe and multi-process safe through rename atomicity.
#include "oci/digest.h"
#include "support/error.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace berth::layer {

struct SnapshotInfo {
    oci::ChainId chainId;
    oci::DiffId diffId;
    oci::ChainId parent; // empty for a base layer
    std::uint64_t size = 0; // bytes of regular files in this layer
    std::string shortId;    // name of the link in <root>/l
};

class SnapshotStore {
public:
    static Result<SnapshotStore> open(std::filesystem::path root);

    bool has(const oci::ChainId& chainId) const;
    Result<SnapshotInfo> info(const oci::ChainId& chainId) const;
    std::filesystem::path fsDir(const oci::ChainId& chainId) const; // <root>/snapshots/<hex>/fs
    std::filesystem::path linkDir() const { return m_root / "l"; }
    std::vector<oci::ChainId> list() const;

    // A new scratch directory (<root>/snapshots/.tmp-…) with an empty "fs" inside to unpack into.
    Result<std::filesystem::path> begin();
    // Moves scratch into place as chainId. If it already exists (another pull won), the scratch
    // is discarded and the existing snapshot kept: that is success.
    Result<SnapshotInfo> commit(const std::filesystem::path& scratch, const SnapshotInfo& info);
    Status abort(const std::filesystem::path& scratch);
    Status remove(const oci::ChainId& chainId);
    // Removes scratch directories left by killed processes (older than minAgeSeconds).
    void sweep(int minAgeSeconds = 3600);

    const std::filesystem::path& root() const { return m_root; }

private:
    explicit SnapshotStore(std::filesystem::path root) : m_root(std::move(root)) {}
    std::filesystem::path m_root;
};

} // namespace berth::layer
