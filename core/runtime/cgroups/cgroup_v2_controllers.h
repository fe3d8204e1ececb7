#pragma once
// The v2 backend's per-controller steps on the container's one directory
// (docs.kernel.org/admin-guide/cgroup-v2.html, "Controllers"). Unset resources write nothing.
#include "runtime/cgroups/cgroup_manager.h"

#include <filesystem>

namespace berth::runtime::v2 {

namespace fs = std::filesystem;

Status applyMemory(const fs::path& dir, const Resources& resources);
Status applyCpu(const fs::path& dir, const Resources& resources);
Status applyPids(const fs::path& dir, const Resources& resources);
// Reads whatever the enabled controllers offer; cpu.stat is always there (core accounting).
Status readStats(const fs::path& dir, CgroupStats& stats);

} // namespace berth::runtime::v2
