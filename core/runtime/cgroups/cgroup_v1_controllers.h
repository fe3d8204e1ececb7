#pragma once
// The v1 backend's per-controller steps. Each takes the container's directory in that controller's
// hierarchy (admin-guide/cgroup-v1/<controller>.rst) and does nothing for unset resources.
#include "runtime/cgroups/cgroup_manager.h"

#include <filesystem>

namespace berth::runtime::v1 {

namespace fs = std::filesystem;

Status applyMemory(const fs::path& dir, const Resources& resources);
Status readMemoryStats(const fs::path& dir, CgroupStats& stats);

Status applyCpu(const fs::path& dir, const Resources& resources);
Status readCpuStats(const fs::path& cpuDir, const fs::path& cpuacctDir, CgroupStats& stats);
// cpuacct.stat's "user"/"system" are USER_HZ ticks (proc(5)); ticksPerSecond is sysconf(_SC_CLK_TCK).
void addCpuacctStat(std::string_view text, long ticksPerSecond, CgroupStats& stats);

// The shared default device policy (device_rule.h): deny everything, then allow mknod of any node
// and read/write of the default devices only — so CAP_MKNOD cannot open a host disk.
Status applyDeviceRules(const fs::path& dir);
Status applyPids(const fs::path& dir, const Resources& resources);
Status readPidsStats(const fs::path& dir, CgroupStats& stats);

Status readBlkioStats(const fs::path& dir, CgroupStats& stats);

// Writes FROZEN or THAWED to freezer.state and waits until it reads back the same.
Status setFreezerState(const fs::path& dir, bool frozen);
Result<bool> isFreezerFrozen(const fs::path& dir);

} // namespace berth::runtime::v1
