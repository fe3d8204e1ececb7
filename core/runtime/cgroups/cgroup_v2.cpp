// CgroupV2Manager: one directory in the unified hierarchy (docs.kernel.org/admin-guide/cgroup-v2.html).
// A controller is usable in a cgroup only when every ancestor lists it in cgroup.subtree_control
// ("Top-down Constraint"), so create() enables ours level by level on the way down.
#include "runtime/cgroups/cgroup_backends.h"
#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/cgroup_stat_parse.h"
#include "runtime/cgroups/cgroup_v2_controllers.h"
#include "runtime/cgroups/device_bpf.h"

#include <csignal>

namespace berth::runtime {

namespace {

constexpr std::string_view kWanted[] = {"cpu", "io", "memory", "pids"};

// Adds to dir's cgroup.subtree_control the wanted controllers the layout offers that dir has and
// has not enabled yet. A delegated root offers only what it already enables: enabling more there
// would fail (it may hold processes, and its parent decides what it has).
Status enableControllers(const fs::path& dir, const std::set<std::string>& offered) {
    auto available = parseControllerList(BERTH_TRY(readCgroupFile(dir, "cgroup.controllers")));
    auto enabled = parseControllerList(BERTH_TRY(readCgroupFile(dir, "cgroup.subtree_control")));
    std::string change;
    for (auto c : kWanted) {
        std::string name(c);
        if (offered.contains(name) && available.contains(name) && !enabled.contains(name))
            change += (change.empty() ? "+" : " +") + name;
    }
    if (change.empty()) return {};
    return writeCgroupFile(dir, "cgroup.subtree_control", change);
}

Result<bool> eventsSay(const fs::path& dir, std::string_view key, std::uint64_t value) {
    auto events = parseFlatKeyed(BERTH_TRY(readCgroupFile(dir, "cgroup.events")));
    return events[std::string(key)] == value;
}

class CgroupV2Manager final : public CgroupManager {
public:
    CgroupV2Manager(const CgroupLayout& layout, const fs::path& relative, bool devicePolicy)
        : m_root(layout.unifiedRoot), m_relative(relative), m_dir(layout.unifiedRoot / relative),
          m_controllers(layout.v2Controllers), m_devicePolicy(devicePolicy) {}

    Status create(const Resources& r) override {
        auto context = "creating cgroup " + m_relative.string();
        BERTH_CHECK(withContext(checkSupported(r), context));
        fs::path dir = m_root;
        for (const auto& part : m_relative) {
            BERTH_CHECK(withContext(enableControllers(dir, m_controllers), context));
            BERTH_CHECK(withContext(makeCgroupDirs(dir, part, m_created), context));
            dir /= part;
        }
        // The device policy before anything can join: v2 has no devices files, only this program.
        Status applied;
        if (m_devicePolicy) applied = withContext(applyDevicePolicyV2(m_dir), "device policy");
        if (applied) applied = apply(r);
        if (!applied) {
            (void)destroy(); // nothing has joined yet: leave no half-made cgroup behind
            return withContext(applied, context);
        }
        return {};
    }

    Status update(const Resources& r) override {
        auto context = "updating cgroup " + m_relative.string();
        BERTH_CHECK(withContext(checkSupported(r), context));
        return withContext(apply(r), context);
    }

    Status addProcess(pid_t pid) override {
        return withContext(writeCgroupFile(m_dir, "cgroup.procs", std::to_string(pid)),
                           "adding process " + std::to_string(pid) + " to cgroup " + m_relative.string());
    }

    CgroupEntry entry() const override { return {.tasksFiles = {}, .cloneInto = m_dir}; }

    Result<std::vector<pid_t>> processes() override {
        return withContext(readCgroupProcs(m_dir), "listing cgroup " + m_relative.string());
    }

    Status freeze() override { return setFrozen(true); }
    Status thaw() override { return setFrozen(false); }
    Result<bool> isFrozen() override {
        return withContext(eventsSay(m_dir, "frozen", 1), "cgroup " + m_relative.string());
    }

    Status killAll(int signal) override;

    Result<CgroupStats> stats() override {
        auto context = "reading stats of cgroup " + m_relative.string();
        if (!fs::is_directory(m_dir)) return fail(ErrorCode::NotFound, context + ": it does not exist");
        CgroupStats s;
        BERTH_CHECK(withContext(v2::readStats(m_dir, s), context));
        return s;
    }

    Status destroy() override;
    std::string path() const override { return m_relative.string(); }
    std::vector<fs::path> directories() const override { return {m_dir}; }

private:
    Status checkSupported(const Resources& r) const {
        BERTH_CHECK(validateResources(r));
        auto need = [&](const char* controller) -> Status {
            if (m_controllers.contains(controller)) return {};
            return fail(ErrorCode::Unsupported, std::string("the ") + controller + " controller is not available in " +
                                                    m_root.string() + "/cgroup.controllers");
        };
        if (r.memoryBytes || r.memorySwapBytes) BERTH_CHECK(need("memory"));
        if (r.cpus || r.cpuShares) BERTH_CHECK(need("cpu"));
        if (r.pidsLimit) BERTH_CHECK(need("pids"));
        return {};
    }

    Status apply(const Resources& r) {
        BERTH_CHECK(v2::applyMemory(m_dir, r));
        BERTH_CHECK(v2::applyCpu(m_dir, r));
        return v2::applyPids(m_dir, r);
    }

    Status setFrozen(bool frozen) {
        auto context = (frozen ? "freezing cgroup " : "thawing cgroup ") + m_relative.string();
        // cgroup.freeze arrived in Linux 5.2.
        if (!hasCgroupFile(m_dir, "cgroup.freeze"))
            return fail(ErrorCode::Unsupported, context + ": this kernel has no cgroup.freeze");
        BERTH_CHECK(withContext(writeCgroupFile(m_dir, "cgroup.freeze", frozen ? "1" : "0"), context));
        auto waited = waitForCgroupState([&] { return eventsSay(m_dir, "frozen", frozen ? 1 : 0); }, context);
        if (!waited && frozen) (void)writeCgroupFile(m_dir, "cgroup.freeze", "0");
        return waited;
    }

    fs::path m_root;
    fs::path m_relative;
    fs::path m_dir;
    std::set<std::string> m_controllers; // what the unified root offers
    std::vector<fs::path> m_created;     // directories create() made, to remove again if empty
    bool m_devicePolicy = true;
};

Status CgroupV2Manager::killAll(int signal) {
    // cgroup.kill (Linux 5.14) kills the whole subtree atomically, forks in flight included.
    if (signal == SIGKILL && hasCgroupFile(m_dir, "cgroup.kill"))
        return withContext(writeCgroupFile(m_dir, "cgroup.kill", "1"), "killing cgroup " + m_relative.string());
    bool froze = hasCgroupFile(m_dir, "cgroup.freeze") && setFrozen(true).has_value();
    auto pids = processes();
    if (pids) {
        for (pid_t pid : *pids) ::kill(pid, signal); // ESRCH: it exited meanwhile
    }
    if (froze) BERTH_CHECK(setFrozen(false));
    if (!pids) return std::unexpected(pids.error());
    return {};
}

Status CgroupV2Manager::destroy() {
    auto context = "removing cgroup " + m_relative.string();
    auto left = BERTH_TRY(withContext(readRemainingProcs(m_dir), context));
    if (!left.empty())
        return fail(ErrorCode::Busy, context + ": " + std::to_string(left.size()) + " processes remain (" +
                                         pidListText(left) + ")");
    BERTH_CHECK(withContext(removeCgroupDir(m_dir), context));
    removeEmptyCgroupDirs(m_created);
    m_created.clear();
    return {};
}

} // namespace

std::unique_ptr<CgroupManager> makeCgroupV2Manager(const CgroupLayout& layout, const fs::path& relativePath,
                                                   bool devicePolicy) {
    return std::make_unique<CgroupV2Manager>(layout, relativePath, devicePolicy);
}

} // namespace berth::runtime
