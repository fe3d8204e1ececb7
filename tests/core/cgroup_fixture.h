#pragma once
// Fixture cgroup trees for the cgroup manager tests: temp directories holding the files a kernel
// would show, so the backends can be driven without touching /sys/fs/cgroup. A real cgroupfs
// creates a new directory's files on mkdir and drops them on rmdir; here the test plays the kernel:
// populate*() before create(), emptyDir() before destroy().
#include "runtime/cgroups/cgroup_layout.h"
#include "test_env.h"

#include <filesystem>
#include <string>

namespace berth::test {

namespace fs = std::filesystem;

inline constexpr const char* kV1Unlimited = "9223372036854771712\n";

// A v1 layout whose controllers each have a hierarchy under root (cpu and cpuacct joined when asked).
inline runtime::CgroupLayout v1FixtureLayout(const fs::path& root, bool joinCpu = false,
                                             std::initializer_list<const char*> controllers =
                                                 {"memory", "cpu", "cpuacct", "pids", "freezer", "blkio"}) {
    runtime::CgroupLayout layout;
    layout.version = runtime::CgroupVersion::V1;
    for (const char* c : controllers) {
        std::string name = c;
        std::string dir = (joinCpu && (name == "cpu" || name == "cpuacct")) ? "cpu,cpuacct" : name;
        layout.v1Mounts[name] = root / dir;
        fs::create_directories(root / dir);
    }
    return layout;
}

// The files a v1 kernel puts in a new cgroup directory of controller, with their defaults.
inline void populateV1(const fs::path& dir, const std::string& controller) {
    fs::create_directories(dir);
    writeText(dir / "cgroup.procs", "");
    writeText(dir / "tasks", "");
    if (controller == "memory") {
        writeText(dir / "memory.limit_in_bytes", kV1Unlimited);
        writeText(dir / "memory.memsw.limit_in_bytes", kV1Unlimited);
        writeText(dir / "memory.usage_in_bytes", "0\n");
        writeText(dir / "memory.max_usage_in_bytes", "0\n");
        writeText(dir / "memory.stat", "cache 0\nrss 0\ntotal_cache 0\ntotal_inactive_file 0\n");
        writeText(dir / "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    } else if (controller == "cpu") {
        writeText(dir / "cpu.cfs_period_us", "100000\n");
        writeText(dir / "cpu.cfs_quota_us", "-1\n");
        writeText(dir / "cpu.shares", "1024\n");
        writeText(dir / "cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n");
    } else if (controller == "cpuacct") {
        writeText(dir / "cpuacct.usage", "0\n");
        writeText(dir / "cpuacct.stat", "user 0\nsystem 0\n");
    } else if (controller == "pids") {
        writeText(dir / "pids.max", "max\n");
        writeText(dir / "pids.current", "0\n");
    } else if (controller == "freezer") {
        writeText(dir / "freezer.state", "THAWED\n");
    } else if (controller == "blkio") {
        writeText(dir / "blkio.throttle.io_service_bytes_recursive", "Total 0\n");
        writeText(dir / "blkio.throttle.io_service_bytes", "Total 0\n");
    }
}

// populateV1 for every controller of layout, at relative.
inline void populateV1Tree(const runtime::CgroupLayout& layout, const fs::path& relative) {
    for (const auto& [controller, mount] : layout.v1Mounts) populateV1(mount / relative, controller);
}

// A v2 layout rooted at root offering controllers, with the root's files.
inline runtime::CgroupLayout v2FixtureLayout(const fs::path& root,
                                             const std::string& controllers = "cpuset cpu io memory hugetlb pids") {
    runtime::CgroupLayout layout;
    layout.version = runtime::CgroupVersion::V2;
    layout.unifiedRoot = root;
    layout.v2Controllers = runtime::parseControllerList(controllers);
    fs::create_directories(root);
    writeText(root / "cgroup.controllers", controllers + "\n");
    writeText(root / "cgroup.subtree_control", "\n");
    return layout;
}

// The files of a v2 cgroup directory whose parent enabled controllers (space-separated).
inline void populateV2(const fs::path& dir, const std::string& controllers) {
    fs::create_directories(dir);
    writeText(dir / "cgroup.controllers", controllers + "\n");
    writeText(dir / "cgroup.subtree_control", "\n");
    writeText(dir / "cgroup.procs", "");
    writeText(dir / "cgroup.events", "populated 0\nfrozen 0\n");
    writeText(dir / "cgroup.freeze", "0\n");
    writeText(dir / "cgroup.kill", "");
    writeText(dir / "cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");
    auto has = runtime::parseControllerList(controllers);
    if (has.contains("memory")) {
        writeText(dir / "memory.max", "max\n");
        writeText(dir / "memory.swap.max", "max\n");
        writeText(dir / "memory.current", "0\n");
        writeText(dir / "memory.stat", "anon 0\nfile 0\ninactive_file 0\n");
        writeText(dir / "memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
    }
    if (has.contains("cpu")) {
        writeText(dir / "cpu.max", "max 100000\n");
        writeText(dir / "cpu.weight", "100\n");
    }
    if (has.contains("pids")) {
        writeText(dir / "pids.max", "max\n");
        writeText(dir / "pids.current", "0\n");
    }
    if (has.contains("io")) writeText(dir / "io.stat", "");
}

// What rmdir would find after the kernel dropped a cgroup's files: an empty directory.
inline void emptyDir(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) fs::remove(e.path());
}

} // namespace berth::test
