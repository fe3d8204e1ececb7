#include "metrics/sample_history.h"

#include <algorithm>

namespace berth::metrics {

SampleHistory::SampleHistory(std::size_t capacity) : m_ring(std::max<std::size_t>(capacity, 1)) {}

bool SampleHistory::append(const Sample& sample) {
    if (auto newest = latest(); newest && sample.timeMs < newest->timeMs) return false;
    if (m_size < m_ring.size()) {
        m_ring[(m_start + m_size) % m_ring.size()] = sample;
        ++m_size;
    } else {
        m_ring[m_start] = sample; // overwrite the oldest; the next one becomes the oldest
        m_start = (m_start + 1) % m_ring.size();
    }
    return true;
}

std::vector<Sample> SampleHistory::samples() const {
    std::vector<Sample> out;
    out.reserve(m_size);
    for (std::size_t i = 0; i < m_size; ++i) out.push_back(m_ring[(m_start + i) % m_ring.size()]);
    return out;
}

std::vector<Sample> SampleHistory::samplesSince(std::int64_t sinceMs) const {
    auto all = samples();
    auto first = std::lower_bound(all.begin(), all.end(), sinceMs,
                                  [](const Sample& s, std::int64_t t) { return s.timeMs < t; });
    return {first, all.end()};
}

std::optional<Sample> SampleHistory::latest() const {
    if (m_size == 0) return std::nullopt;
    return m_ring[(m_start + m_size - 1) % m_ring.size()];
}

void SampleHistory::clear() {
    m_start = 0;
    m_size = 0;
}

} // namespace berth::metrics
