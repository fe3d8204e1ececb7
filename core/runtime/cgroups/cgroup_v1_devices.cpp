// The v1 devices controller (admin-guide/cgroup-v1/devices.rst): the shared default policy
// (device_rule.h) written rule by rule into devices.deny / devices.allow.
#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/cgroup_v1_controllers.h"
#include "runtime/cgroups/device_rule.h"

namespace berth::runtime::v1 {

Status applyDeviceRules(const fs::path& dir) {
    for (const auto& rule : defaultDeviceRules()) {
        auto file = rule.allow ? "devices.allow" : "devices.deny";
        BERTH_CHECK(withContext(writeCgroupFile(dir, file, deviceRuleText(rule)), "device policy"));
    }
    return {};
}

} // namespace berth::runtime::v1
