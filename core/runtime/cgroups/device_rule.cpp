// The default device policy, written once for both cgroup backends.
#include "runtime/cgroups/device_rule.h"

namespace berth::runtime {

std::span<const DeviceRule> defaultDeviceRules() {
    static const DeviceRule rules[] = {
        {'a', -1, -1, "rwm", false},                           // deny everything first
        {'c', -1, -1, "m", true},    {'b', -1, -1, "m", true}, // mknod of any node (using it is checked)
        {'c', 1, 3, "rwm", true},    {'c', 1, 5, "rwm", true}, // null zero
        {'c', 1, 7, "rwm", true},    {'c', 1, 8, "rwm", true}, // full random
        {'c', 1, 9, "rwm", true},                              // urandom
        {'c', 5, 0, "rwm", true},    {'c', 5, 1, "rwm", true}, // tty console
        {'c', 5, 2, "rwm", true},                              // ptmx
        {'c', 136, -1, "rwm", true},                           // the container's pts
        {'c', 10, 200, "rwm", true},                           // tun
    };
    return rules;
}

std::string deviceRuleText(const DeviceRule& rule) {
    if (rule.type == 'a' && rule.major < 0 && rule.minor < 0 && rule.access == "rwm") return "a";
    auto number = [](int n) { return n < 0 ? std::string("*") : std::to_string(n); };
    return std::string(1, rule.type) + " " + number(rule.major) + ":" + number(rule.minor) + " " +
           rule.access;
}

} // namespace berth::runtime
