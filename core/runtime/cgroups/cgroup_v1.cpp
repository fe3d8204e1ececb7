// CgroupV1Manager: one directory per controller hierarchy (admin-guide/cgroup-v1/cgroups.rst).
// Only the controllers Berth uses are touched; cpuset (needs cpus/mems copied down before any task
// may join) and name=systemd are left alone. devices carries Docker's device policy.
#include "runtime/cgroups/cgroup_backends.h"
#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/cgroup_v1_controllers.h"

#include <algorithm>
#include <csignal>
#include <map>

namespace berth::runtime {

namespace {

constexpr std::string_view kControllers[] = {"memory", "cpu", "cpuacct", "pids", "freezer", "blkio", "devices"};

class CgroupV1Manager final : public CgroupManager {
public:
    CgroupV1Manager(const CgroupLayout& layout, const fs::path& relative) : m_relative(relative) {
        for (auto c : kControllers) {
            auto it = layout.v1Mounts.find(std::string(c));
            if (it != layout.v1Mounts.end()) m_dirs[std::string(c)] = {it->second, it->second / relative};
        }
    }

    Status create(const Resources& r) override {
        auto context = "creating cgroup " + m_relative.string();
        BERTH_CHECK(withContext(checkSupported(r), context));
        for (const auto& dir : uniqueDirs()) BERTH_CHECK(withContext(makeCgroupDirs(dir.mount, m_relative, m_created), context));
        auto applied = apply(r);
        if (applied)
            if (auto dir = leafOf("devices"); !dir.empty()) applied = v1::applyDeviceRules(dir);
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
        for (const auto& dir : uniqueDirs()) {
            BERTH_CHECK(withContext(writeCgroupFile(dir.leaf, "cgroup.procs", std::to_string(pid)),
                                    "adding process " + std::to_string(pid) + " to cgroup " + m_relative.string()));
        }
        return {};
    }

    CgroupEntry entry() const override {
        CgroupEntry e;
        for (const auto& dir : uniqueDirs()) e.tasksFiles.push_back(dir.leaf / "tasks");
        return e;
    }

    Result<std::vector<pid_t>> processes() override {
        std::vector<pid_t> all;
        for (const auto& dir : uniqueDirs()) {
            auto pids = BERTH_TRY(withContext(readCgroupProcs(dir.leaf), "listing cgroup " + m_relative.string()));
            all.insert(all.end(), pids.begin(), pids.end());
        }
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        return all;
    }

    Status freeze() override { return setFrozen(true); }
    Status thaw() override { return setFrozen(false); }

    Result<bool> isFrozen() override {
        auto freezer = BERTH_TRY(controllerDir("freezer"));
        return withContext(v1::isFreezerFrozen(freezer), "cgroup " + m_relative.string());
    }

    Status killAll(int signal) override;
    Result<CgroupStats> stats() override;
    Status destroy() override;

    std::string path() const override { return m_relative.string(); }

    std::vector<fs::path> directories() const override {
        std::vector<fs::path> out;
        for (const auto& dir : uniqueDirs()) out.push_back(dir.leaf);
        return out;
    }

private:
    struct Dir {
        fs::path mount;
        fs::path leaf;
    };

    // cpu and cpuacct share a directory when mounted together; each directory once.
    std::vector<Dir> uniqueDirs() const {
        std::vector<Dir> out;
        for (const auto& [name, dir] : m_dirs) {
            bool seen = std::any_of(out.begin(), out.end(), [&](const Dir& d) { return d.leaf == dir.leaf; });
            if (!seen) out.push_back(dir);
        }
        return out;
    }

    fs::path leafOf(const std::string& controller) const {
        auto it = m_dirs.find(controller);
        return it == m_dirs.end() ? fs::path() : it->second.leaf;
    }

    Result<fs::path> controllerDir(const std::string& controller) const {
        auto dir = leafOf(controller);
        if (dir.empty())
            return fail(ErrorCode::Unsupported, "cgroup " + m_relative.string() + ": the " + controller +
                                                    " controller is not mounted");
        return dir;
    }

    Status checkSupported(const Resources& r) const {
        BERTH_CHECK(validateResources(r));
        if (r.memoryBytes || r.memorySwapBytes) BERTH_CHECK(controllerDir("memory"));
        if (r.cpus || r.cpuShares) BERTH_CHECK(controllerDir("cpu"));
        if (r.pidsLimit) BERTH_CHECK(controllerDir("pids"));
        return {};
    }

    Status apply(const Resources& r) {
        if (auto dir = leafOf("memory"); !dir.empty()) BERTH_CHECK(v1::applyMemory(dir, r));
        if (auto dir = leafOf("cpu"); !dir.empty()) BERTH_CHECK(v1::applyCpu(dir, r));
        if (auto dir = leafOf("pids"); !dir.empty()) BERTH_CHECK(v1::applyPids(dir, r));
        return {};
    }

    Status setFrozen(bool frozen) {
        auto freezer = BERTH_TRY(controllerDir("freezer"));
        return withContext(v1::setFreezerState(freezer, frozen),
                           (frozen ? "freezing cgroup " : "thawing cgroup ") + m_relative.string());
    }

    fs::path m_relative;
    std::map<std::string, Dir> m_dirs; // controller → its mount and our directory in it
    std::vector<fs::path> m_created;   // directories create() made, to remove again if empty
};

Status CgroupV1Manager::killAll(int signal) {
    // Frozen, nothing can fork between listing and signalling; SIGKILL takes effect on thaw.
    bool froze = !leafOf("freezer").empty() && setFrozen(true).has_value();
    auto pids = processes();
    if (pids) {
        for (pid_t pid : *pids) ::kill(pid, signal); // ESRCH: it exited meanwhile
    }
    if (froze) BERTH_CHECK(setFrozen(false));
    if (!pids) return std::unexpected(pids.error());
    return {};
}

Result<CgroupStats> CgroupV1Manager::stats() {
    auto context = "reading stats of cgroup " + m_relative.string();
    auto dirs = uniqueDirs();
    if (dirs.empty() || !fs::is_directory(dirs.front().leaf))
        return fail(ErrorCode::NotFound, context + ": it does not exist");
    CgroupStats s;
    if (auto dir = leafOf("memory"); !dir.empty()) BERTH_CHECK(withContext(v1::readMemoryStats(dir, s), context));
    BERTH_CHECK(withContext(v1::readCpuStats(leafOf("cpu"), leafOf("cpuacct"), s), context));
    if (auto dir = leafOf("pids"); !dir.empty()) BERTH_CHECK(withContext(v1::readPidsStats(dir, s), context));
    if (auto dir = leafOf("blkio"); !dir.empty()) BERTH_CHECK(withContext(v1::readBlkioStats(dir, s), context));
    return s;
}

Status CgroupV1Manager::destroy() {
    auto context = "removing cgroup " + m_relative.string();
    std::vector<pid_t> left;
    for (const auto& dir : uniqueDirs()) {
        auto pids = BERTH_TRY(withContext(readRemainingProcs(dir.leaf), context));
        left.insert(left.end(), pids.begin(), pids.end());
    }
    std::sort(left.begin(), left.end());
    left.erase(std::unique(left.begin(), left.end()), left.end());
    if (!left.empty())
        return fail(ErrorCode::Busy, context + ": " + std::to_string(left.size()) + " processes remain (" +
                                         pidListText(left) + ")");
    for (const auto& dir : uniqueDirs()) BERTH_CHECK(withContext(removeCgroupDir(dir.leaf), context));
    removeEmptyCgroupDirs(m_created);
    m_created.clear();
    return {};
}

} // namespace

std::unique_ptr<CgroupManager> makeCgroupV1Manager(const CgroupLayout& layout, const fs::path& relativePath) {
    return std::make_unique<CgroupV1Manager>(layout, relativePath);
}

} // namespace berth::runtime
