// The v1 devices controller (admin-guide/cgroup-v1/devices.rst): a deny-all, then the allow list
// Docker gives every container.
#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/cgroup_v1_controllers.h"

namespace berth::runtime::v1 {

Status applyDeviceRules(const fs::path& dir) {
    static const char* allowed[] = {
        "c *:* m",    "b *:* m",    // mknod of any node (using it is what is checked)
        "c 1:3 rwm",  "c 1:5 rwm",  "c 1:7 rwm",  "c 1:8 rwm", "c 1:9 rwm", // null zero full random urandom
        "c 5:0 rwm",  "c 5:1 rwm",  "c 5:2 rwm",  // tty console ptmx
        "c 136:* rwm",                             // the container's pts
        "c 10:200 rwm",                            // tun
    };
    BERTH_CHECK(withContext(writeCgroupFile(dir, "devices.deny", "a"), "device policy"));
    for (const char* rule : allowed) BERTH_CHECK(withContext(writeCgroupFile(dir, "devices.allow", rule), "device policy"));
    return {};
}

} // namespace berth::runtime::v1
