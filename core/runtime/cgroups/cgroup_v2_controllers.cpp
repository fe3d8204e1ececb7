#include "runtime/cgroups/cgroup_v2_controllers.h"

#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/cgroup_stat_parse.h"

namespace berth::runtime::v2 {

namespace {

std::string limitText(std::int64_t v) { return v < 0 ? "max" : std::to_string(v); }

Status readMemoryStats(const fs::path& dir, CgroupStats& s) {
    if (!hasCgroupFile(dir, "memory.current")) return {}; // memory controller not enabled here
    s.memoryUsageRaw = BERTH_TRY(readCgroupNumber(dir, "memory.current"));
    s.memoryLimit = BERTH_TRY(readCgroupNumber(dir, "memory.max"));
    if (hasCgroupFile(dir, "memory.peak")) s.memoryMaxUsage = BERTH_TRY(readCgroupNumber(dir, "memory.peak"));
    auto stat = parseFlatKeyed(BERTH_TRY(readCgroupFile(dir, "memory.stat")));
    s.memoryUsage = usageWithoutInactiveFile(s.memoryUsageRaw, stat["inactive_file"]);
    s.memoryCache = stat["file"];
    // memory.events counts this cgroup and its descendants (memory.events.local: only itself).
    s.oomKills = parseFlatKeyed(BERTH_TRY(readOptionalCgroupFile(dir, "memory.events")))["oom_kill"];
    return {};
}

} // namespace

Status applyMemory(const fs::path& dir, const Resources& r) {
    if (!r.memoryBytes) return {}; // validateResources: a swap limit always comes with a memory limit
    BERTH_CHECK(writeCgroupFile(dir, "memory.max", limitText(*r.memoryBytes)));
    // memory.swap.max needs swap accounting (CONFIG_MEMCG_SWAP); without it, as on v1, there is
    // nothing to limit and Docker drops the value with a warning.
    if (!r.memorySwapBytes || !hasCgroupFile(dir, "memory.swap.max")) return {};
    // v2 limits swap alone, Docker's --memory-swap is memory+swap (engine-reference §2.7).
    auto swap = BERTH_TRY(swapMaxFromMemorySwap(*r.memorySwapBytes, *r.memoryBytes));
    return writeCgroupFile(dir, "memory.swap.max", limitText(swap));
}

Status applyCpu(const fs::path& dir, const Resources& r) {
    if (r.cpus) {
        // "$MAX $PERIOD" in one write: quota and period change together.
        std::int64_t quota = cpuQuotaFromCpus(*r.cpus);
        BERTH_CHECK(writeCgroupFile(dir, "cpu.max", limitText(quota) + " " + std::to_string(kCpuPeriodUs)));
    }
    if (r.cpuShares) BERTH_CHECK(writeCgroupFile(dir, "cpu.weight", std::to_string(cpuWeightFromShares(*r.cpuShares))));
    return {};
}

Status applyPids(const fs::path& dir, const Resources& r) {
    if (!r.pidsLimit) return {};
    return writeCgroupFile(dir, "pids.max", *r.pidsLimit > 0 ? std::to_string(*r.pidsLimit) : "max");
}

Status readStats(const fs::path& dir, CgroupStats& s) {
    auto cpu = parseFlatKeyed(BERTH_TRY(readCgroupFile(dir, "cpu.stat")));
    s.cpuUsageNanos = cpu["usage_usec"] * 1000;
    s.cpuUserNanos = cpu["user_usec"] * 1000;
    s.cpuSystemNanos = cpu["system_usec"] * 1000;
    s.cpuPeriods = cpu["nr_periods"];
    s.cpuThrottledPeriods = cpu["nr_throttled"];
    s.cpuThrottledNanos = cpu["throttled_usec"] * 1000;
    BERTH_CHECK(readMemoryStats(dir, s));
    if (hasCgroupFile(dir, "pids.current")) {
        s.pidsCurrent = BERTH_TRY(readCgroupNumber(dir, "pids.current"));
        s.pidsLimit = BERTH_TRY(readCgroupNumber(dir, "pids.max"));
    }
    if (hasCgroupFile(dir, "io.stat")) {
        auto io = parseIoStat(BERTH_TRY(readCgroupFile(dir, "io.stat")));
        s.blkioReadBytes = io.read;
        s.blkioWriteBytes = io.write;
    }
    return {};
}

} // namespace berth::runtime::v2
