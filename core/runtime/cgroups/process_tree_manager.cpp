// ProcessTreeManager: a container without a cgroup of its own (rootless where nothing is delegated).
// The container's processes are its init and what descends from it (process_tree.h); usage is summed
// from their /proc files, pause is SIGSTOP/SIGCONT. Unlike the freezer, a stop is visible to the
// processes (a parent sees SIGCHLD for a stopped child), and nothing can limit them: create() refuses
// every limit rather than run the container without it.
#include "runtime/cgroups/cgroup_backends.h"
#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/process_tree.h"

#include <csignal>
#include <set>
#include <unistd.h>

namespace berth::runtime {

namespace {

// Stopped ('T'), or no longer running anything a signal could change.
bool isStoppedOrGone(const fs::path& procRoot, pid_t pid) {
    auto stat = readProcessStat(procRoot, pid);
    return !stat || stat->state == 'T' || stat->state == 'Z' || stat->state == 'X';
}

class ProcessTreeManager final : public CgroupManager {
public:
    ProcessTreeManager(fs::path procRoot, std::string name, ContainerProcesses processes, std::string refusal)
        : m_proc(std::move(procRoot)), m_name(std::move(name)), m_processes(processes),
          m_refusal(std::move(refusal)) {}

    Status create(const Resources& r) override { return refuseLimits(r); }
    Status update(const Resources& r) override { return refuseLimits(r); }

    Status addProcess(pid_t pid) override {
        // The shim calls this for each start of the container's init; restarts bring a new one.
        m_processes.init = pid;
        return {};
    }

    CgroupEntry entry() const override { return {}; }

    Result<std::vector<pid_t>> processes() override {
        if (m_processes.init <= 0) return std::vector<pid_t>{};
        auto init = readProcessStat(m_proc, m_processes.init);
        if (!init || (m_processes.shim > 0 && init->ppid != m_processes.shim)) return std::vector<pid_t>{};
        return processTree(m_proc, m_processes.init);
    }

    Status freeze() override;
    Status thaw() override;
    Result<bool> isFrozen() override;
    Status killAll(int signal) override;
    Result<CgroupStats> stats() override;

    Status destroy() override { return {}; } // nothing was made
    std::string path() const override { return {}; }
    std::vector<fs::path> directories() const override { return {}; }

private:
    Status refuseLimits(const Resources& r) const {
        BERTH_CHECK(validateResources(r));
        auto limits = requestedLimits(r);
        if (limits.empty()) return {};
        return fail(ErrorCode::Unsupported,
                    "container " + m_name + ": " + limits.front().flag + " " + m_refusal);
    }

    // Sends signal to every process, listing again until a pass finds none it has not signalled:
    // a process forked meanwhile is caught by the next pass. Returns everything signalled.
    Result<std::set<pid_t>> signalUntilStable(int signal) {
        std::set<pid_t> sent;
        for (int pass = 0; pass < 100; ++pass) {
            bool fresh = false;
            for (pid_t pid : BERTH_TRY(processes())) {
                if (!sent.insert(pid).second) continue;
                fresh = true;
                ::kill(pid, signal); // ESRCH: it exited meanwhile
            }
            if (!fresh) return sent;
        }
        return fail(ErrorCode::Busy,
                    "container " + m_name + ": processes keep appearing while signalling them");
    }

    fs::path m_proc;
    std::string m_name;
    ContainerProcesses m_processes;
    std::string m_refusal;
};

Status ProcessTreeManager::freeze() {
    auto context = "pausing container " + m_name;
    auto stopped = BERTH_TRY(withContext(signalUntilStable(SIGSTOP), context));
    // SIGSTOP takes effect asynchronously; wait until every process says 'T'.
    auto waited = waitForCgroupState(
        [&]() -> Result<bool> {
            for (pid_t pid : stopped)
                if (!isStoppedOrGone(m_proc, pid)) return false;
            return true;
        },
        context);
    if (!waited) (void)signalUntilStable(SIGCONT);
    return waited;
}

Status ProcessTreeManager::thaw() {
    auto context = "unpausing container " + m_name;
    auto continued = BERTH_TRY(withContext(signalUntilStable(SIGCONT), context));
    return waitForCgroupState(
        [&]() -> Result<bool> {
            for (pid_t pid : continued) {
                auto stat = readProcessStat(m_proc, pid);
                if (stat && stat->state == 'T') return false;
            }
            return true;
        },
        context);
}

Result<bool> ProcessTreeManager::isFrozen() {
    auto pids = BERTH_TRY(processes());
    std::size_t stopped = 0, alive = 0;
    for (pid_t pid : pids) {
        auto stat = readProcessStat(m_proc, pid);
        if (!stat || stat->state == 'Z' || stat->state == 'X') continue;
        ++alive;
        if (stat->state == 'T') ++stopped;
    }
    return alive > 0 && stopped == alive;
}

Status ProcessTreeManager::killAll(int signal) {
    auto context = "signalling container " + m_name;
    // SIGKILL needs no stop: it ends a stopped process too, and the passes catch new children.
    if (signal == SIGKILL) {
        BERTH_CHECK(withContext(signalUntilStable(SIGKILL), context));
        return {};
    }
    // Stop everything first so that no process can fork a child past the signal, as the v1 and v2
    // backends freeze the cgroup; the signal is delivered once they continue.
    BERTH_CHECK(withContext(freeze(), context));
    auto signalled = signalUntilStable(signal);
    BERTH_CHECK(thaw());
    BERTH_CHECK(withContext(std::move(signalled), context));
    return {};
}

Result<CgroupStats> ProcessTreeManager::stats() {
    static const std::uint64_t kClockTicks = static_cast<std::uint64_t>(::sysconf(_SC_CLK_TCK));
    static const std::uint64_t kPageSize = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    auto nanos = [](std::uint64_t ticks) { return ticks * (1000000000ULL / kClockTicks); };
    CgroupStats s;
    for (pid_t pid : BERTH_TRY(processes())) {
        auto stat = readProcessStat(m_proc, pid);
        if (!stat) continue; // exited since the listing
        s.cpuUserNanos += nanos(stat->userTicks + stat->childUserTicks);
        s.cpuSystemNanos += nanos(stat->systemTicks + stat->childSystemTicks);
        s.pidsCurrent += stat->threads; // pids.current counts tasks, threads included
        s.memoryUsageRaw += readProcessMemory(m_proc, pid, kPageSize);
    }
    s.cpuUsageNanos = s.cpuUserNanos + s.cpuSystemNanos;
    s.memoryUsage = s.memoryUsageRaw;
    return s;
}

} // namespace

std::unique_ptr<CgroupManager> makeProcessTreeManager(const fs::path& procRoot, const std::string& name,
                                                      ContainerProcesses processes, std::string refusal) {
    return std::make_unique<ProcessTreeManager>(procRoot, name, processes, std::move(refusal));
}

} // namespace berth::runtime
