#include "runtime/security/capabilities.h"

#include "support/file_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace berth::runtime {

namespace {

// Bit n is kNames[n] (linux/capability.h); newer kernels may know more than this table.
// clang-format off
constexpr std::array<std::string_view, 41> kNames = {
    "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
    "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
    "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
    "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
    "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
    "CHECKPOINT_RESTORE",
};
// clang-format on

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string canonical(std::string_view name) {
    std::string u = upper(name);
    return u.starts_with("CAP_") ? u : "CAP_" + u;
}

bool isAll(std::string_view name) {
    return upper(name) == "ALL";
}

// Parses every name (validating it), except "ALL", into a mask.
Result<std::uint64_t> maskOf(const std::vector<std::string>& names) {
    std::uint64_t mask = 0;
    for (const std::string& n : names) {
        if (isAll(n)) continue;
        mask |= std::uint64_t{1} << BERTH_TRY(parseCapabilityName(n));
    }
    return mask;
}

std::uint64_t allKnownMask() {
    int last = std::min<int>(lastCapability(), static_cast<int>(kNames.size()) - 1);
    return last >= 63 ? ~std::uint64_t{0} : (std::uint64_t{2} << last) - 1;
}

std::vector<std::string> namesOf(std::uint64_t mask) {
    std::vector<std::string> out;
    for (int bit = 0; bit < 64; ++bit)
        if (mask & (std::uint64_t{1} << bit)) out.push_back(capabilityName(bit));
    return out;
}

struct CapSets {
    std::uint64_t effective = 0, permitted = 0, inheritable = 0;
};

Result<CapSets> capGet() {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    std::array<__user_cap_data_struct, 2> data{};
    if (::syscall(SYS_capget, &header, data.data()) != 0) return sysFail("reading capabilities");
    auto join = [](std::uint32_t lo, std::uint32_t hi) { return (std::uint64_t{hi} << 32) | lo; };
    return CapSets{join(data[0].effective, data[1].effective), join(data[0].permitted, data[1].permitted),
                   join(data[0].inheritable, data[1].inheritable)};
}

Status capSet(const CapSets& sets) {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    std::array<__user_cap_data_struct, 2> data{};
    for (int i = 0; i < 2; ++i) {
        data[i].effective = static_cast<std::uint32_t>(sets.effective >> (32 * i));
        data[i].permitted = static_cast<std::uint32_t>(sets.permitted >> (32 * i));
        data[i].inheritable = static_cast<std::uint32_t>(sets.inheritable >> (32 * i));
    }
    if (::syscall(SYS_capset, &header, data.data()) != 0) return sysFail("setting capabilities");
    return {};
}

Status dropBounding(std::uint64_t keep) {
    for (int bit = 0; bit <= lastCapability() && bit < 64; ++bit) {
        if (keep & (std::uint64_t{1} << bit)) continue;
        // EINVAL: a bit this kernel does not have; nothing to drop.
        if (::prctl(PR_CAPBSET_DROP, bit, 0, 0, 0) != 0 && errno != EINVAL)
            return sysFail("dropping " + capabilityName(bit) + " from the bounding set");
    }
    return {};
}

} // namespace

const std::vector<std::string>& defaultCapabilities() {
    static const std::vector<std::string> caps = {
        "CAP_CHOWN",      "CAP_DAC_OVERRIDE", "CAP_FOWNER",      "CAP_FSETID",           "CAP_KILL",
        "CAP_SETGID",     "CAP_SETUID",       "CAP_SETPCAP",     "CAP_NET_BIND_SERVICE", "CAP_NET_RAW",
        "CAP_SYS_CHROOT", "CAP_MKNOD",        "CAP_AUDIT_WRITE", "CAP_SETFCAP",
    };
    return caps;
}

int lastCapability() {
    static const int last = [] {
        auto text = readFile("/proc/sys/kernel/cap_last_cap", 64);
        int v = 0;
        // Without /proc, trust the headers Berth was built with.
        if (!text || std::sscanf(text->c_str(), "%d", &v) != 1 || v < 0 || v > 63) return CAP_LAST_CAP;
        return v;
    }();
    return last;
}

std::vector<std::string> capabilityNames() {
    return namesOf(allKnownMask());
}

std::string capabilityName(int bit) {
    if (bit >= 0 && bit < static_cast<int>(kNames.size())) return "CAP_" + std::string(kNames[bit]);
    return "CAP_" + std::to_string(bit);
}

Result<int> parseCapabilityName(std::string_view name) {
    std::string full = canonical(name);
    auto it = std::find(kNames.begin(), kNames.end(), std::string_view(full).substr(4));
    if (it == kNames.end()) return fail(ErrorCode::InvalidArgument, "unknown capability: \"" + full + "\"");
    int bit = static_cast<int>(it - kNames.begin());
    if (bit > lastCapability())
        return fail(
            ErrorCode::Unsupported,
            "capability not supported by your kernel or not available in the current environment: \"" + full +
                "\"");
    return bit;
}

Result<std::uint64_t> capabilityMask(const std::vector<std::string>& names) {
    for (const std::string& n : names)
        if (isAll(n)) return fail(ErrorCode::InvalidArgument, "\"ALL\" is not a capability here");
    return maskOf(names);
}

Result<std::vector<std::string>> resolveCapabilities(const std::vector<std::string>& add,
                                                     const std::vector<std::string>& drop) {
    // Validate everything first so a typo fails even when "ALL" would make it irrelevant.
    std::uint64_t addMask = BERTH_TRY(maskOf(add));
    std::uint64_t dropMask = BERTH_TRY(maskOf(drop));
    std::uint64_t caps = 0;
    if (std::any_of(add.begin(), add.end(), isAll))
        caps = allKnownMask() & ~dropMask;
    else if (std::any_of(drop.begin(), drop.end(), isAll))
        caps = addMask;
    else
        caps = (BERTH_TRY(maskOf(defaultCapabilities())) & ~dropMask) | addMask;
    return namesOf(caps);
}

Status applyCapabilities(const std::vector<std::string>& caps) {
    std::uint64_t mask = BERTH_TRY(capabilityMask(caps));
    CapSets current = BERTH_TRY(capGet());
    if (std::uint64_t missing = mask & ~current.permitted) {
        std::string list;
        for (const std::string& n : namesOf(missing))
            list += (list.empty() ? "" : ", ") + n;
        return fail(ErrorCode::Denied, "applying capabilities: this process lacks " + list);
    }
    // After a setuid() under PR_SET_KEEPCAPS only the permitted set survives: raise it to effective
    // so that CAP_SETPCAP is usable for the bounding set below.
    if (current.effective != current.permitted)
        BERTH_CHECK(capSet(CapSets{current.permitted, current.permitted, current.inheritable}));
    // Bounding first: dropping from it needs CAP_SETPCAP, which capset may be about to remove.
    BERTH_CHECK(dropBounding(mask));
    if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
        return sysFail("clearing the ambient capabilities");
    return capSet(CapSets{mask, mask, 0});
}

} // namespace berth::runtime
