// v1 pids (cgroup-v1/pids.rst) and blkio (cgroup-v1/blkio-controller.rst) controllers.
#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/cgroup_stat_parse.h"
#include "runtime/cgroups/cgroup_v1_controllers.h"

namespace berth::runtime::v1 {

Status applyPids(const fs::path& dir, const Resources& r) {
    if (!r.pidsLimit) return {};
    return writeCgroupFile(dir, "pids.max", *r.pidsLimit > 0 ? std::to_string(*r.pidsLimit) : "max");
}

Status readPidsStats(const fs::path& dir, CgroupStats& s) {
    s.pidsCurrent = BERTH_TRY(readCgroupNumber(dir, "pids.current"));
    s.pidsLimit = BERTH_TRY(readCgroupNumber(dir, "pids.max"));
    return {};
}

Status readBlkioStats(const fs::path& dir, CgroupStats& s) {
    // CFQ's io_service_bytes_recursive vanished with the legacy block layer (Linux 5.0); the throttle
    // files count every bio on any scheduler. Docker reads them in the same order.
    for (std::string_view name : {"blkio.io_service_bytes_recursive", "blkio.throttle.io_service_bytes_recursive",
                                  "blkio.throttle.io_service_bytes"}) {
        auto text = BERTH_TRY(readOptionalCgroupFile(dir, name));
        if (text.empty()) continue;
        auto bytes = parseBlkioServiceBytes(text);
        s.blkioReadBytes = bytes.read;
        s.blkioWriteBytes = bytes.write;
        return {};
    }
    return {};
}

} // namespace berth::runtime::v1
