#pragma once
// The syscall names of Docker's default seccomp profile as plain tables (moby/profiles
// seccomp/default.json as vendored by Docker 28.5.2), read by seccomp_profile.cpp. Names unknown
// to the running libseccomp or architecture are skipped when the filter is built.
#include <cstdint>
#include <span>
#include <string_view>

namespace berth::runtime::seccomp_data {

// Allowed unconditionally.
std::span<const std::string_view> allowlist();

// Allowed on kernels >= 4.8, where ptrace can no longer be used to bypass seccomp. Berth needs
// Linux 5.6 (openat2), so these are always allowed.
std::span<const std::string_view> ptraceSafeSyscalls();

// Allowed only on the architecture family Berth was built for.
std::span<const std::string_view> nativeArchSyscalls();

// Allowed when the container holds a capability.
struct CapabilitySyscalls {
    std::string_view capability;
    std::span<const std::string_view> syscalls;
};
std::span<const CapabilitySyscalls> capabilitySyscalls();

// personality(2) values the profile allows: PER_LINUX, PER_LINUX32, UNAME26 variants, and the
// 0xffffffff query.
std::span<const std::uint64_t> personalityValues();

// clone(2) flags that create namespaces (CLONE_NEWNS … CLONE_NEWNET, CLONE_NEWCGROUP); clone with
// any of them needs CAP_SYS_ADMIN.
inline constexpr std::uint64_t kCloneNamespaceFlags = 0x7E020000;

// socket(2) families refused: AF_VSOCK (40), which can reach the host.
inline constexpr std::uint64_t kBlockedSocketFamily = 40;

} // namespace berth::runtime::seccomp_data
