#pragma once
// One device-cgroup rule and the default policy every container gets, shared by the v1 devices
// controller (devices.allow / devices.deny) and the v2 eBPF device program (device_bpf.h).
#include <span>
#include <string>

namespace berth::runtime {

struct DeviceRule {
    char type = 'a';    // 'a' any, 'b' block, 'c' char
    int major = -1;     // -1 = any
    int minor = -1;     // -1 = any
    std::string access; // any of "rwm" (read, write, mknod)
    bool allow = false;
};

// The default policy (engine-reference §2.2): deny everything, then allow mknod of any node and
// read/write/mknod of null zero full random urandom tty console ptmx, the container's pts and tun.
// Later rules override earlier ones (the v1 kernel list semantics, runc's on v2).
std::span<const DeviceRule> defaultDeviceRules();

// The v1 devices.allow / devices.deny line of a rule: "c 1:3 rwm", "c 136:* rwm"; everything is "a".
std::string deviceRuleText(const DeviceRule& rule);

} // namespace berth::runtime
