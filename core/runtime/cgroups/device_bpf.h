#pragma once
// The cgroup v2 device policy: a BPF_PROG_TYPE_CGROUP_DEVICE program attached to the container's
// cgroup directory (docs.kernel.org/admin-guide/cgroup-v2.html, "Device controller"). The kernel
// runs it on every open and mknod of a device node by a process in the cgroup; 1 allows, 0 denies
// (EPERM). Written with raw bpf(2) calls: no libbpf.
#include "runtime/cgroups/device_rule.h"
#include "support/error.h"
#include "support/unique_fd.h"

#include <linux/bpf.h>

#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

namespace berth::runtime {

// The program for rules, where a later rule overrides an earlier one: the rules are emitted last
// first, and the first that matches returns its verdict; a device no rule matches is denied. Rules
// hidden by a later catch-all (the default list's leading "deny all") are left out, as the kernel's
// verifier refuses unreachable instructions.
// Registers: r2 access_type, r3 its device type (low 16 bits), r4 its access bits (high 16 bits),
// r5 major, r6 minor. Each rule is a block of "jump to the next block unless…" then r0 = verdict,
// exit. Uses only ldx w, alu32 mov/and/rsh, jne (imm and reg), mov64 imm and exit.
std::vector<bpf_insn> deviceProgram(std::span<const DeviceRule> rules);

// BPF_PROG_LOAD of a device program. On rejection the error carries the verifier's log; EPERM or
// ENOSYS (no BPF, or not allowed to load) says so in plain words.
Result<UniqueFd> loadDeviceProgram(std::span<const bpf_insn> insns);

// BPF_PROG_ATTACH (BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI) to an open cgroup v2 directory. The
// attachment holds its own reference: the program fd may be closed afterwards, and the kernel
// drops the program when the cgroup is removed.
Status attachDeviceProgram(int programFd, int cgroupDirFd);
// Detaches every device program attached to the directory itself (not its ancestors').
Status detachDevicePrograms(int cgroupDirFd);
// Device programs attached to the directory itself: BPF_PROG_QUERY's ids.
Result<std::vector<std::uint32_t>> attachedDevicePrograms(int cgroupDirFd);

// deviceProgram(defaultDeviceRules()), loaded and attached to dir (replacing any device program
// already attached there) when dir is on a cgroup2 filesystem; a directory elsewhere (the test
// fixtures' temp trees) is left alone.
Status applyDevicePolicyV2(const std::filesystem::path& dir);

} // namespace berth::runtime
