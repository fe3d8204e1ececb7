#include "bridge/usage_sampler.h"

#include "runtime/cgroups/cgroup_manager.h"
#include "support/file_util.h"

#include <unistd.h>

namespace berth::ui {

namespace {
// MemTotal changes only with memory hotplug: read again once a minute of ticks.
constexpr int kMemTotalTicks = 60;
} // namespace

UsageSampler::UsageSampler() = default;
UsageSampler::~UsageSampler() = default;

UsageSampler::Tracked* UsageSampler::track(const QString& id, const runtime::ContainerState& state) {
    auto it = m_tracked.find(id);
    if (it != m_tracked.end() && it->second.pid == state.pid) return &it->second;
    if (!m_placement) {
        auto placement = runtime::detectCgroupPlacement();
        if (!placement) return nullptr;
        m_placement = std::move(*placement);
    }
    auto cgroup =
        runtime::makeContainerCgroupManager(*m_placement, id.toStdString(), {state.pid, state.shimPid});
    if (!cgroup) return nullptr;
    Tracked& t = m_tracked[id];
    t = Tracked{};
    t.pid = state.pid;
    t.files =
        CgroupUsageFiles::open((*cgroup)->directories()); // none without a cgroup (rootless, process tree)
    t.cgroup = std::move(*cgroup);
    return &t;
}

Result<CgroupUsageFiles::Reading> UsageSampler::read(Tracked& t) {
    if (t.files) return t.files->read();
    auto stats = BERTH_TRY(t.cgroup->stats());
    return CgroupUsageFiles::Reading{stats.cpuUsageNanos, stats.memoryUsage, stats.memoryLimit};
}

void UsageSampler::keepOnly(const std::map<QString, runtime::ContainerState>& containers) {
    std::erase_if(m_tracked, [&containers](const auto& entry) { return !containers.contains(entry.first); });
}

UsageById UsageSampler::sample(const std::map<QString, runtime::ContainerState>& running) {
    UsageById usage;
    if (running.empty()) return usage;
    auto stat = readFile("/proc/stat", 1 << 20);
    if (!stat) return usage;
    auto sys = metrics::parseProcStat(*stat, ::sysconf(_SC_CLK_TCK));
    if (!sys) return usage;
    if (m_hostMemory == 0 || m_ticks++ % kMemTotalTicks == 0)
        if (auto mem = readFile("/proc/meminfo", 1 << 20))
            if (auto total = metrics::parseMemTotal(*mem)) m_hostMemory = *total;
    for (const auto& [id, state] : running) {
        if (state.status != runtime::ContainerStatus::Running) continue;
        Tracked* t = track(id, state);
        if (!t) continue;
        auto r = read(*t);
        if (!r) { // gone (exited meanwhile): opened again next time
            m_tracked.erase(id);
            continue;
        }
        ContainerUsage u;
        u.cpuPercent = t->cpu.addCpu({r->cpuNanos, sys->totalNanos, sys->onlineCpus}).value_or(0.0);
        u.memoryUsage = r->memoryUsage;
        const bool limited = r->memoryLimit != 0 && r->memoryLimit < m_hostMemory;
        u.memoryLimit = limited ? r->memoryLimit : m_hostMemory;
        u.memoryLimited = limited;
        u.memoryPercent = metrics::memoryPercent(r->memoryUsage, r->memoryLimit, m_hostMemory);
        usage.insert(id, u);
    }
    return usage;
}

} // namespace berth::ui
