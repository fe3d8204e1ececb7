#include "metrics/usage_calculator.h"

#include "support/text.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace berth::metrics {

namespace {

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while ((pos = line.find_first_not_of(" \t", pos)) != std::string_view::npos) {
        std::size_t end = std::min(line.find_first_of(" \t", pos), line.size());
        out.push_back(line.substr(pos, end - pos));
        pos = end;
    }
    return out;
}

std::optional<std::uint64_t> number(std::string_view word) {
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
    if (word.empty() || ec != std::errc() || ptr != word.data() + word.size()) return std::nullopt;
    return v;
}

bool isPerCpuLine(std::string_view first) {
    return first.size() > 3 && first.starts_with("cpu") && first[3] >= '0' && first[3] <= '9';
}

} // namespace

Result<SystemCpu> parseProcStat(std::string_view text, long ticksPerSecond) {
    if (ticksPerSecond <= 0) return fail(ErrorCode::InvalidArgument, "clock ticks per second must be positive");
    SystemCpu out;
    std::optional<std::uint64_t> ticks;
    bool bad = false;
    forEachLine(text, [&](std::string_view line) {
        auto w = words(line);
        if (w.empty()) return;
        if (isPerCpuLine(w[0])) ++out.onlineCpus;
        if (w[0] != "cpu" || ticks) return;
        if (w.size() < 8) {
            bad = true;
            return;
        }
        std::uint64_t sum = 0;
        for (std::size_t i = 1; i <= 7; ++i) {
            auto v = number(w[i]);
            if (!v) bad = true;
            else sum += *v;
        }
        ticks = sum;
    });
    if (bad || !ticks) return fail(ErrorCode::Corrupt, "reading /proc/stat: no well-formed \"cpu\" line");
    // Multiply before dividing: 1e9 / USER_HZ is exact for 100 but not for every HZ.
    out.totalNanos = static_cast<std::uint64_t>((static_cast<unsigned __int128>(*ticks) * 1000000000u) /
                                                static_cast<unsigned>(ticksPerSecond));
    return out;
}

Result<std::uint64_t> parseMemTotal(std::string_view text) {
    std::optional<std::uint64_t> kib;
    forEachLine(text, [&](std::string_view line) {
        auto w = words(line);
        if (!kib && w.size() >= 2 && w[0] == "MemTotal:") kib = number(w[1]);
    });
    if (!kib) return fail(ErrorCode::Corrupt, "reading /proc/meminfo: no MemTotal line");
    return *kib * 1024;
}

double cpuPercent(const CpuCounters& previous, const CpuCounters& current) {
    auto delta = [](std::uint64_t before, std::uint64_t after) { return after > before ? after - before : 0; };
    std::uint64_t cpuDelta = delta(previous.containerNanos, current.containerNanos);
    std::uint64_t systemDelta = delta(previous.systemNanos, current.systemNanos);
    if (cpuDelta == 0 || systemDelta == 0) return 0.0;
    unsigned cpus = current.onlineCpus ? current.onlineCpus : (previous.onlineCpus ? previous.onlineCpus : 1);
    double percent = double(cpuDelta) / double(systemDelta) * cpus * 100.0;
    // Reads of the two counters are not atomic together, so a tick can overshoot; cap at all CPUs busy.
    return std::clamp(percent, 0.0, cpus * 100.0);
}

double memoryPercent(std::uint64_t usage, std::uint64_t limit, std::uint64_t hostTotal) {
    std::uint64_t effective = (limit == 0 || (hostTotal != 0 && limit > hostTotal)) ? hostTotal : limit;
    if (effective == 0) return 0.0;
    return double(usage) / double(effective) * 100.0;
}

std::optional<double> UsageCalculator::addCpu(const CpuCounters& counters) {
    std::optional<double> out;
    if (m_previous) out = cpuPercent(*m_previous, counters);
    m_previous = counters;
    return out;
}

} // namespace berth::metrics
