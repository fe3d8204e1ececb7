#pragma once
// CgroupManager: one container's cgroup, the same verbs on cgroup v1, v2 and without a cgroup
// (rootless where none is delegated: the container's process tree, see README.md).
//
// Lifecycle (one manager per container, used from one thread at a time):
//   1. makeContainerCgroupManager(placement, id, processes) (or makeCgroupManager(layout, path) for
//      a given layout) touches nothing yet.
//   2. create(resources) makes the directories (v1: one per controller hierarchy, v2: one, after
//      enabling controllers in each ancestor's cgroup.subtree_control) and writes the limits. A
//      directory left by a crash is reused.
//   3. The container's first process enters before it execs (see entry(); addProcess(pid) moves it
//      from outside where that is not possible); its children follow.
//   4. While it runs: stats() (polled by the sampler), update(resources) (`docker update`),
//      freeze()/thaw() (`docker pause`/`unpause`; both wait until the kernel says the state settled),
//      processes(), killAll(signal).
//   5. When every process has been reaped, destroy() removes the leaf and the parents this manager
//      created (only if empty). destroy() never kills: it fails with Busy while processes remain.
// Nothing outside the relative path is ever written, except enabling controllers in ancestors'
// cgroup.subtree_control on v2 (the kernel's precondition for a child to have them).
// Kernel docs: https://docs.kernel.org/admin-guide/cgroup-v2.html and admin-guide/cgroup-v1/.
#include "runtime/cgroups/cgroup_layout.h"
#include "runtime/cgroups/cgroup_placement.h"
#include "support/error.h"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace berth::runtime {

// Limits, in Docker's units. An empty optional leaves the current value alone (update) or the
// kernel default (create).
struct Resources {
    std::optional<std::int64_t> memoryBytes;     // > 0, or -1 for unlimited
    std::optional<std::int64_t> memorySwapBytes; // Docker's --memory-swap: memory+swap total, -1 unlimited;
                                                 // needs memoryBytes in the same call
    std::optional<double> cpus;                  // --cpus: quota = cpus × 100 ms per 100 ms; 0 = no quota
    std::optional<std::uint64_t> cpuShares;      // --cpu-shares, clamped to [2, 262144] as v1 does
    std::optional<std::int64_t> pidsLimit;       // --pids-limit: ≤ 0 = unlimited
};

// Cumulative counters and current values, as `docker stats` needs them (engine-reference §5.6).
// A value the kernel does not expose reads 0.
struct CgroupStats {
    std::uint64_t cpuUsageNanos = 0, cpuUserNanos = 0, cpuSystemNanos = 0;
    std::uint64_t cpuPeriods = 0, cpuThrottledPeriods = 0, cpuThrottledNanos = 0;
    std::uint64_t memoryUsage = 0;    // Docker's: usage minus inactive_file (v1: total_inactive_file)
    std::uint64_t memoryUsageRaw = 0; // memory.usage_in_bytes / memory.current
    std::uint64_t memoryMaxUsage = 0; // memory.max_usage_in_bytes / memory.peak (kernel ≥ 5.19)
    std::uint64_t memoryLimit = 0;    // 0 = unlimited
    std::uint64_t memoryCache = 0;    // v1 total_cache, v2 file
    std::uint64_t pidsCurrent = 0, pidsLimit = 0; // pidsLimit 0 = unlimited
    std::uint64_t blkioReadBytes = 0, blkioWriteBytes = 0;
    std::uint64_t oomKills = 0;       // v1 memory.oom_control oom_kill (kernel ≥ 4.13), v2 memory.events
};

// How a process of the container's own making enters the cgroup by itself. Moving another process
// (addProcess) takes the kernel's global threadgroup lock for writing, which waits for an RCU grace
// period: about 11 ms on this project's machines, half a container's start. Entering oneself
// spares that (kernel/cgroup/cgroup.c, cgroup_procs_write_start; clone(2)).
struct CgroupEntry {
    // v1: each hierarchy's `tasks` file. A single-threaded process that writes "0" to each moves
    // itself whole, without the lock.
    std::vector<std::filesystem::path> tasksFiles;
    // v2: the cgroup directory, for clone3(CLONE_INTO_CGROUP): the child is born in the cgroup.
    std::filesystem::path cloneInto;
    bool empty() const { return tasksFiles.empty() && cloneInto.empty(); }
};

class CgroupManager {
public:
    virtual ~CgroupManager();

    // Makes the cgroup directories and applies resources; see the lifecycle above.
    virtual Status create(const Resources& resources) = 0;
    // Applies the set fields of resources to an existing cgroup.
    virtual Status update(const Resources& resources) = 0;
    // Moves a process (and, from then on, its future children) into the cgroup.
    virtual Status addProcess(pid_t pid) = 0;
    // The cheap ways in for a new process (see CgroupEntry); empty when there is none, and
    // addProcess is the way.
    virtual CgroupEntry entry() const = 0;
    // The processes in the cgroup, sorted, without duplicates.
    virtual Result<std::vector<pid_t>> processes() = 0;
    // Freezes every process and waits until the kernel reports the cgroup frozen (Busy on timeout,
    // after thawing again).
    virtual Status freeze() = 0;
    virtual Status thaw() = 0;
    virtual Result<bool> isFrozen() = 0;
    // Sends signal to every process; with the cgroup frozen meanwhile (or v2 cgroup.kill for
    // SIGKILL) so that a forking process cannot escape. Does not wait for them to exit.
    virtual Status killAll(int signal) = 0;
    virtual Result<CgroupStats> stats() = 0;
    // Removes the directories; kills nothing; Busy if processes remain. Removing twice is fine.
    virtual Status destroy() = 0;
    // The relative path given at construction ("berth/<container-id>").
    virtual std::string path() const = 0;
    // The directories this cgroup lives in (one per v1 hierarchy used, one on v2), for diagnostics.
    virtual std::vector<std::filesystem::path> directories() const = 0;
};

// The manager for layout's backend. Fails with Unsupported when the layout has no usable
// hierarchy, and InvalidArgument when relativePath is empty, absolute or contains "." or "..".
Result<std::unique_ptr<CgroupManager>> makeCgroupManager(const CgroupLayout& layout, std::string relativePath);

// Which processes are a container's when no cgroup says so (CgroupMode::ProcessTree): its init,
// and the shim that is the init's parent — a recorded pid whose parent is not the shim belongs to
// someone else now (the pid was reused), and counts as gone.
struct ContainerProcesses {
    pid_t init = 0; // 0 while it is not running; addProcess() sets it in the shim
    pid_t shim = 0; // 0: do not check the parent
};

// The one way to get a container's manager, for the shim and every engine verb: berth/<id> under
// the host's hierarchies, <delegated>/berth/<id>, or the process tree of processes.init, as
// placement says. Errors name the container by containerName (its id when empty). InvalidArgument
// for an id that is not a plain path component.
Result<std::unique_ptr<CgroupManager>> makeContainerCgroupManager(const CgroupPlacement& placement,
                                                                  const std::string& containerId,
                                                                  ContainerProcesses processes,
                                                                  const std::string& containerName = {});

// A limit that resources sets, as Docker's flag and the v2 controller it needs.
struct LimitRequest {
    const char* flag;       // "--memory"
    const char* controller; // "memory"
};
// The limits resources sets, in the order of its fields.
std::vector<LimitRequest> requestedLimits(const Resources& resources);

// Checks a Resources value before anything is written (shared by both backends).
Status validateResources(const Resources& resources);
// cpu.shares → cpu.weight, the linear formula of runc and Docker: 1 + ((shares − 2) × 9999) / 262142.
std::uint64_t cpuWeightFromShares(std::uint64_t shares);
// Docker's --memory-swap (memory+swap) → v2 memory.swap.max (swap alone); -1 stays -1 (max).
Result<std::int64_t> swapMaxFromMemorySwap(std::int64_t memorySwap, std::int64_t memory);
// --cpus → quota in microseconds per kCpuPeriodUs; -1 (no quota) for 0.
std::int64_t cpuQuotaFromCpus(double cpus);
inline constexpr std::int64_t kCpuPeriodUs = 100000;

} // namespace berth::runtime
