#pragma once
// Unpacks one layer blob (tar, tar+gzip or tar+zstd, chosen by magic bytes) into an empty
// directory that becomes that layer's snapshot, while hashing the uncompressed tar to give its
// DiffId. The directory is in overlayfs form, so it mounts directly as an overlay lower dir:
//   .wh.<name>    → a 0/0 character device <name>   (or, with userXattr, see ApplyOptions)
//   .wh..wh..opq  → xattr trusted.overlay.opaque=y on the directory
// Every path is resolved inside the directory: "..", absolute names, symlinks and hardlinks
// pointing out are contained or refused (engine-reference §3.2), never written through.
// On error the caller discards the directory; nothing outside it has been touched.
#include "oci/digest.h"
#include "support/byte_source.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

namespace berth::layer {

struct ApplyLimits {
    std::uint64_t maxUncompressedBytes = 64ull << 30; // absolute cap on the tar stream
    std::uint64_t maxRatio = 0;                        // 0 = off; else uncompressed <= ratio * compressed
    std::uint64_t maxEntries = 4'000'000;
    std::size_t maxPathLength = 4096;
    std::size_t maxXattrBytes = 64 * 1024;             // per entry
};

struct ApplyOptions {
    ApplyLimits limits;
    // Rootless overlay (kernel >= 5.11 with "userxattr"): opaque dirs use user.overlay.opaque.
    // Always on inside a user namespace, where trusted.* cannot be written; device nodes are
    // skipped there and an owner outside the id map is an error naming the ids.
    bool userXattr = false;
    // Keep uid/gid from the archive (root); an unprivileged caller sets false.
    bool preserveOwners = true;
    // Directories of the layers below, top first: where a hardlink whose target is not in this
    // layer is copied up from. Empty: such a hardlink is an error naming the entry.
    std::vector<std::filesystem::path> parentDirs;
    // Called now and then with compressed bytes consumed so far (for progress); may be empty.
    std::function<void(std::uint64_t compressedBytes)> progress;
};

struct AppliedLayer {
    oci::DiffId diffId;                 // sha256 of the uncompressed tar stream
    std::uint64_t compressedBytes = 0;  // bytes read from the source
    std::uint64_t uncompressedBytes = 0;
    std::uint64_t entries = 0;
};

// Reads `source` to its end and applies it into `dir` (which must exist and be empty).
Result<AppliedLayer> applyLayer(ByteSource& source, const std::filesystem::path& dir, const ApplyOptions& options = {});

} // namespace berth::layer
