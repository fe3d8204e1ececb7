// v1 freezer: admin-guide/cgroup-v1/freezer-subsystem.rst. Writing FROZEN starts freezing; the state
// reads FREEZING until every task has stopped, which can take a while (or never, for a task stuck
// in the kernel), so we poll, re-writing FROZEN as runc does, and give up by thawing.
#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/cgroup_stat_parse.h"
#include "runtime/cgroups/cgroup_v1_controllers.h"

namespace berth::runtime::v1 {

namespace {

Result<std::string> freezerState(const fs::path& dir) {
    auto text = BERTH_TRY(readCgroupFile(dir, "freezer.state"));
    auto words = splitWords(text);
    return words.empty() ? std::string() : std::string(words[0]);
}

} // namespace

Status setFreezerState(const fs::path& dir, bool frozen) {
    const std::string want = frozen ? "FROZEN" : "THAWED";
    BERTH_CHECK(writeCgroupFile(dir, "freezer.state", want));
    auto settled = [&]() -> Result<bool> {
        auto state = BERTH_TRY(freezerState(dir));
        if (state == want) return true;
        BERTH_CHECK(writeCgroupFile(dir, "freezer.state", want));
        return false;
    };
    auto waited = waitForCgroupState(settled, (frozen ? "freezing " : "thawing ") + dir.string());
    if (!waited && frozen) (void)writeCgroupFile(dir, "freezer.state", "THAWED");
    return waited;
}

Result<bool> isFreezerFrozen(const fs::path& dir) { return BERTH_TRY(freezerState(dir)) == "FROZEN"; }

} // namespace berth::runtime::v1
