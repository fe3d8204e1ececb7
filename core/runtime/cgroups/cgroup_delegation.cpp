#include "runtime/cgroups/cgroup_delegation.h"

#include "runtime/cgroups/cgroup_backends.h"
#include "runtime/cgroups/cgroup_file.h"

#include <sys/stat.h>

#include <vector>

namespace berth::runtime {

namespace {

bool ownedBy(const fs::path& path, uid_t uid) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && st.st_uid == uid;
}

bool isDelegatedTo(const fs::path& dir, uid_t uid) {
    return ownedBy(dir, uid) && ownedBy(dir / "cgroup.procs", uid);
}

std::string listText(const std::set<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : " ") + n;
    return out.empty() ? "none" : out;
}

// Checks limits against what the delegation enables before the v2 manager writes anything, so the
// error says what the user can do about it rather than naming a kernel file.
class DelegatedCgroupManager final : public CgroupManager {
public:
    DelegatedCgroupManager(const CgroupLayout& layout, const std::string& id, std::string name)
        : m_inner(makeCgroupV2Manager(layout, "berth/" + id, false)), m_name(std::move(name)),
          m_root(layout.unifiedRoot), m_controllers(layout.v2Controllers) {}

    Status create(const Resources& r) override {
        BERTH_CHECK(checkDelegated(r));
        return m_inner->create(r);
    }
    Status update(const Resources& r) override {
        BERTH_CHECK(checkDelegated(r));
        return m_inner->update(r);
    }
    Status addProcess(pid_t pid) override { return m_inner->addProcess(pid); }
    CgroupEntry entry() const override { return m_inner->entry(); }
    Result<std::vector<pid_t>> processes() override { return m_inner->processes(); }
    Status freeze() override { return m_inner->freeze(); }
    Status thaw() override { return m_inner->thaw(); }
    Result<bool> isFrozen() override { return m_inner->isFrozen(); }
    Status killAll(int signal) override { return m_inner->killAll(signal); }
    Result<CgroupStats> stats() override { return m_inner->stats(); }
    Status destroy() override { return m_inner->destroy(); }
    std::string path() const override { return m_inner->path(); }
    std::vector<fs::path> directories() const override { return m_inner->directories(); }

private:
    Status checkDelegated(const Resources& r) const {
        for (const auto& limit : requestedLimits(r)) {
            if (m_controllers.contains(limit.controller)) continue;
            return fail(ErrorCode::Unsupported,
                        "container " + m_name + ": " + limit.flag + " needs the " + limit.controller +
                            " controller, which is not delegated to your user (" + m_root.string() +
                            "/cgroup.subtree_control enables: " + listText(m_controllers) +
                            ") — run without " + limit.flag + ", or have the administrator add Delegate=" +
                            limit.controller + " to user@.service");
        }
        return {};
    }

    std::unique_ptr<CgroupManager> m_inner;
    std::string m_name;
    fs::path m_root;
    std::set<std::string> m_controllers;
};

} // namespace

std::optional<DelegatedCgroup> findDelegatedCgroup(const fs::path& unifiedRoot, std::string_view ownCgroup,
                                                   uid_t uid) {
    // The root and each directory below it on the way to ownCgroup; never above the root.
    std::vector<fs::path> candidates{unifiedRoot};
    for (const auto& part : fs::path(ownCgroup).relative_path()) {
        if (part.empty()) continue;
        if (part == "." || part == "..") return std::nullopt; // the kernel never writes these
        candidates.push_back(candidates.back() / part);
    }
    for (auto dir = candidates.rbegin(); dir != candidates.rend(); ++dir) {
        if (!isDelegatedTo(*dir, uid)) continue;
        DelegatedCgroup found{*dir, {}};
        if (auto enabled = readCgroupFile(*dir, "cgroup.subtree_control"))
            found.controllers = parseControllerList(*enabled);
        return found;
    }
    return std::nullopt;
}

std::unique_ptr<CgroupManager> makeDelegatedCgroupManager(const CgroupLayout& layout,
                                                          const std::string& containerId,
                                                          const std::string& name) {
    return std::make_unique<DelegatedCgroupManager>(layout, containerId, name);
}

} // namespace berth::runtime
