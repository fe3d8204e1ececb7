#pragma once
// The two CgroupManager implementations; only makeCgroupManager() constructs them.
#include "runtime/cgroups/cgroup_manager.h"

namespace berth::runtime {

// relativePath has been validated: relative, no "." or ".." components.
std::unique_ptr<CgroupManager> makeCgroupV1Manager(const CgroupLayout& layout, const std::filesystem::path& relativePath);
std::unique_ptr<CgroupManager> makeCgroupV2Manager(const CgroupLayout& layout, const std::filesystem::path& relativePath);

} // namespace berth::runtime
