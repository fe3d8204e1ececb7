#include "runtime/cgroups/cgroup_placement.h"

#include "support/file_util.h"
#include "support/user_namespace.h"

#include <unistd.h>

namespace berth::runtime {

CgroupPlacement choosePlacement(const CgroupLayout& host, bool inUserNamespace,
                                const std::optional<DelegatedCgroup>& delegated) {
    CgroupPlacement p;
    if (!inUserNamespace && backendFor(host) != CgroupBackend::None) {
        p.layout = host;
        return p;
    }
    if (inUserNamespace && delegated) {
        p.mode = CgroupMode::Delegated;
        p.layout.version = CgroupVersion::V2;
        p.layout.unifiedRoot = delegated->dir;
        p.layout.v2Controllers = delegated->controllers;
        return p;
    }
    p.mode = CgroupMode::ProcessTree;
    p.refusal = inUserNamespace
                    ? "needs a cgroup delegated to your user (cgroup v2 with systemd); this machine has "
                      "none — run without limits, or as root"
                    : "needs a cgroup hierarchy; this machine mounts none — run without limits";
    return p;
}

Result<CgroupPlacement> detectCgroupPlacement() {
    auto host = BERTH_TRY(detectHostLayout());
    if (!inUserNamespace()) return choosePlacement(host, false, std::nullopt);
    std::optional<DelegatedCgroup> delegated;
    if (!host.unifiedRoot.empty()) {
        // Our own cgroup in the unified hierarchy; a host without one (pure v1) delegates nothing.
        auto own = parseProcCgroup(BERTH_TRY(readFile("/proc/self/cgroup", 1 << 16)));
        if (own && own->contains(""))
            // The user's host uid reads as our own euid inside the namespace that maps it.
            delegated = findDelegatedCgroup(host.unifiedRoot, own->at(""), ::geteuid());
    }
    return choosePlacement(host, true, delegated);
}

const char* cgroupModeName(CgroupMode mode) {
    switch (mode) {
    case CgroupMode::Host: return "host";
    case CgroupMode::Delegated: return "delegated";
    case CgroupMode::ProcessTree: return "none";
    }
    return "unknown";
}

} // namespace berth::runtime
