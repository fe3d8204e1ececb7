#pragma once
// CgroupUsageFiles: the three numbers a Containers row shows — CPU time, memory usage (Docker's:
// without inactive file pages) and the memory limit — read from a container's cgroup files kept
// open, so a tick is four pread() calls per container rather than the dozen open/read/close of
// CgroupManager::stats() (which also reads pids, blkio and throttling for `berth stats`).
// Kernel docs: admin-guide/cgroup-v1/{cpuacct,memory}.rst, admin-guide/cgroup-v2.rst (cpu.stat,
// memory.current, memory.max, memory.stat). Owned by one thread.
#include "support/error.h"
#include "support/unique_fd.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace berth::ui {

class CgroupUsageFiles {
public:
    struct Reading {
        std::uint64_t cpuNanos = 0;
        std::uint64_t memoryUsage = 0; // usage minus inactive_file
        std::uint64_t memoryLimit = 0; // 0: unlimited
    };

    // Opens the files in a container's cgroup directories (CgroupManager::directories(): one per
    // v1 hierarchy, or the one v2 directory). Nothing when a file is missing (no such controller).
    static std::optional<CgroupUsageFiles> open(const std::vector<std::filesystem::path>& directories);
    // Reads all four now; fails when the cgroup went away.
    Result<Reading> read() const;

private:
    bool m_v2 = false;
    UniqueFd m_cpu;        // v1 cpuacct.usage (ns), v2 cpu.stat (usage_usec)
    UniqueFd m_memory;     // v1 memory.usage_in_bytes, v2 memory.current
    UniqueFd m_limit;      // v1 memory.limit_in_bytes, v2 memory.max
    UniqueFd m_memoryStat; // memory.stat: total_inactive_file (v1) or inactive_file (v2)
};

} // namespace berth::ui
