#pragma once
// SampleHistory: the last N samples of one container, oldest first, in a fixed-size ring; the GUI's
// charts read it (one replace(points) per tick). Not thread-safe: the sampler owns it and hands out
// copies of samples().
#include "metrics/sample.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace berth::metrics {

class SampleHistory {
public:
    static constexpr std::size_t kDefaultCapacity = 600; // 10 minutes at one sample per second

    explicit SampleHistory(std::size_t capacity = kDefaultCapacity);

    // Appends, dropping the oldest when full. A sample older than the newest one is refused
    // (returns false): history stays in time order even if a caller mixes clocks.
    bool append(const Sample& sample);
    // All samples, oldest first.
    std::vector<Sample> samples() const;
    // Samples with timeMs ≥ sinceMs, oldest first (what a chart's visible window needs).
    std::vector<Sample> samplesSince(std::int64_t sinceMs) const;
    std::optional<Sample> latest() const;
    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_ring.size(); }
    bool isEmpty() const { return m_size == 0; }
    void clear();

private:
    std::vector<Sample> m_ring;
    std::size_t m_start = 0; // index of the oldest sample
    std::size_t m_size = 0;
};

} // namespace berth::metrics
