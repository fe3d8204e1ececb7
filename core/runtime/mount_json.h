#pragma once
// The snapshotter's mounts for a container, kept as <container dir>/mounts.json so every start
// (and restart) of the container mounts the same writable layer.
#include "layer/mount.h"

#include <filesystem>
#include <vector>

namespace berth::runtime {

Status writeMounts(const std::filesystem::path& file, const std::vector<layer::Mount>& mounts);
Result<std::vector<layer::Mount>> readMounts(const std::filesystem::path& file);

} // namespace berth::runtime
