#pragma once
// Docker's `docker stats` percentages from cumulative counters (engine-reference §5.6), as pure
// functions: the sampler reads the files, this turns two readings into a number.
//
//   cpu %    = (Δ container CPU ns / Δ host CPU ns) × online CPUs × 100
//   memory % = usage / limit × 100 (no limit: the host's total memory)
//
// The host's CPU ns is the sum of the first 7 fields of /proc/stat's "cpu" line (user nice system
// idle iowait irq softirq) in USER_HZ ticks, × 1e9 / USER_HZ (moby daemon/stats_unix.go).
#include "support/error.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace berth::metrics {

// The host side of a CPU reading.
struct SystemCpu {
    std::uint64_t totalNanos = 0;
    unsigned onlineCpus = 0; // "cpuN" lines: /proc/stat lists online CPUs only
};

// /proc/stat text → SystemCpu. ticksPerSecond is USER_HZ (sysconf(_SC_CLK_TCK), 100 on Linux).
Result<SystemCpu> parseProcStat(std::string_view text, long ticksPerSecond = 100);
// /proc/meminfo text → MemTotal in bytes.
Result<std::uint64_t> parseMemTotal(std::string_view text);

// Container and host CPU counters read at the same moment.
struct CpuCounters {
    std::uint64_t containerNanos = 0; // cgroup cpu usage (CgroupStats::cpuUsageNanos)
    std::uint64_t systemNanos = 0;    // SystemCpu::totalNanos
    unsigned onlineCpus = 0;          // SystemCpu::onlineCpus
};

// CPU % between two readings, in [0, onlineCpus × 100]. A counter that went backwards (a restarted
// container gets a fresh cgroup) or a zero host delta yields 0, never a negative or infinite value.
double cpuPercent(const CpuCounters& previous, const CpuCounters& current);
// Memory %; limit 0 (unlimited) or a limit above the host's memory uses hostTotal. 0 when both are 0.
double memoryPercent(std::uint64_t usage, std::uint64_t limit, std::uint64_t hostTotal);

// Keeps the previous reading so a sampler can feed one reading per tick. Not thread-safe: owned by
// the one sampling thread.
class UsageCalculator {
public:
    // CPU % since the previous reading; nothing for the first one.
    std::optional<double> addCpu(const CpuCounters& counters);
    // Forget the previous reading (the container restarted, sampling paused).
    void reset() { m_previous.reset(); }

private:
    std::optional<CpuCounters> m_previous;
};

} // namespace berth::metrics
