#pragma once
// One point of a container's resource history: what the charts draw.
#include <cstdint>

namespace berth::metrics {

struct Sample {
    std::int64_t timeMs = 0; // when it was taken, ms on a monotonic clock
    double cpuPercent = 0;   // Docker's CPU % (100 = one CPU busy)
    std::uint64_t memoryUsage = 0;
    std::uint64_t memoryLimit = 0; // 0 = unlimited

    friend bool operator==(const Sample&, const Sample&) = default;
};

} // namespace berth::metrics
