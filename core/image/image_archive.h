#pragma once
// `berth save` and `berth load`: images as one tar file, the way a classroom without internet
// moves them. Save writes what Docker 25+ writes — an OCI image layout (oci-layout, index.json,
// blobs/sha256/…) that is at the same time a Docker archive (manifest.json, repositories) — so
// both `docker load`/`podman load` and OCI tools read it. Load reads either kind, including the
// older Docker layout (<id>/layer.tar, <id>.json), verifies every blob and DiffId, and names the
// images only when all their layers are unpacked.
#include "image/image_store.h"

#include <filesystem>
#include <string>
#include <vector>

namespace berth::image {

// Writes the images named by refs (names or ids) to `out` (a path; "-" for stdout).
Status saveImages(ImageStore& store, const std::vector<std::string>& refs, const std::filesystem::path& out);

struct LoadedImage {
    std::string name;   // full name, empty when the archive gave none
    oci::Digest imageId;
};

// Reads an archive (tar, or tar compressed with gzip or zstd) from `in` ("-" for stdin).
Result<std::vector<LoadedImage>> loadImages(ImageStore& store, const std::filesystem::path& in);

} // namespace berth::image
