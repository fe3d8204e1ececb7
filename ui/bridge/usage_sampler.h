#pragma once
// UsageSampler: live CPU and memory of the containers the app shows, read straight from their
// cgroup files. The cgroup placement is detected once and each container's cgroup files stay open
// while it runs with the same pid, so a tick costs one /proc/stat read plus four pread() calls per
// sampled container — no container state JSON is parsed and no mount table is read per sample
// (Engine::sampleContainer does both, which made 50 containers cost 10× `podman stats`).
// Owned by the ContainerWatcher on its watch thread; not thread-safe.
#include "bridge/cgroup_usage_files.h"
#include "bridge/container_types.h"
#include "metrics/usage_calculator.h"
#include "runtime/cgroups/cgroup_placement.h"
#include "runtime/container_state.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace berth::runtime {
class CgroupManager;
}

namespace berth::ui {

class UsageSampler {
public:
    UsageSampler();
    ~UsageSampler();

    // One reading of each container in running (id → state; only Running ones are read). CPU %
    // needs two readings: a container's first reading reports 0 %.
    UsageById sample(const std::map<QString, runtime::ContainerState>& running);
    // Forgets every container not in these (stopped, or no longer shown): its next reading is a
    // first one again (a restart starts a fresh cgroup).
    void keepOnly(const std::map<QString, runtime::ContainerState>& containers);

private:
    struct Tracked {
        int pid = 0;
        std::unique_ptr<runtime::CgroupManager> cgroup;
        std::optional<CgroupUsageFiles> files; // the cgroup's files, open; none: cgroup->stats()
        metrics::UsageCalculator cpu;
    };
    // The container's cgroup, found once per run (pid): its files stay open while it runs.
    Tracked* track(const QString& id, const runtime::ContainerState& state);
    static Result<CgroupUsageFiles::Reading> read(Tracked& t);

    std::optional<runtime::CgroupPlacement> m_placement;
    std::map<QString, Tracked> m_tracked;
    std::uint64_t m_hostMemory = 0;
    int m_ticks = 0;
};

} // namespace berth::ui
