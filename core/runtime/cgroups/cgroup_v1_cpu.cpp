// v1 cpu and cpuacct controllers: scheduler/sched-bwc.rst (CFS bandwidth), cgroup-v1/cpuacct.rst.
#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/cgroup_stat_parse.h"
#include "runtime/cgroups/cgroup_v1_controllers.h"

#include <algorithm>
#include <unistd.h>

namespace berth::runtime::v1 {

Status applyCpu(const fs::path& dir, const Resources& r) {
    if (r.cpus) {
        // Period first: the quota is checked against it (and the parent's bandwidth) when written.
        BERTH_CHECK(writeCgroupFile(dir, "cpu.cfs_period_us", std::to_string(kCpuPeriodUs)));
        BERTH_CHECK(writeCgroupFile(dir, "cpu.cfs_quota_us", std::to_string(cpuQuotaFromCpus(*r.cpus))));
    }
    if (r.cpuShares) {
        auto shares = std::clamp<std::uint64_t>(*r.cpuShares, 2, 262144);
        BERTH_CHECK(writeCgroupFile(dir, "cpu.shares", std::to_string(shares)));
    }
    return {};
}

void addCpuacctStat(std::string_view text, long ticksPerSecond, CgroupStats& s) {
    auto stat = parseFlatKeyed(text);
    std::uint64_t nanosPerTick = 1000000000ull / static_cast<std::uint64_t>(ticksPerSecond > 0 ? ticksPerSecond : 100);
    s.cpuUserNanos = stat["user"] * nanosPerTick;
    s.cpuSystemNanos = stat["system"] * nanosPerTick;
}

Status readCpuStats(const fs::path& cpuDir, const fs::path& cpuacctDir, CgroupStats& s) {
    if (!cpuacctDir.empty()) {
        s.cpuUsageNanos = BERTH_TRY(readCgroupNumber(cpuacctDir, "cpuacct.usage"));
        addCpuacctStat(BERTH_TRY(readCgroupFile(cpuacctDir, "cpuacct.stat")), ::sysconf(_SC_CLK_TCK), s);
    }
    if (!cpuDir.empty()) {
        auto stat = parseFlatKeyed(BERTH_TRY(readOptionalCgroupFile(cpuDir, "cpu.stat")));
        s.cpuPeriods = stat["nr_periods"];
        s.cpuThrottledPeriods = stat["nr_throttled"];
        s.cpuThrottledNanos = stat["throttled_time"];
    }
    return {};
}

} // namespace berth::runtime::v1
