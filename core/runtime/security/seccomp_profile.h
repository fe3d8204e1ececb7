#pragma once
// Docker's default seccomp profile (engine-reference §2.5), pinned to the moby/profiles version
// Docker 28.5.2 vendors, built in code: the default action is EPERM; an allowlist of syscalls;
// argument filters on clone, personality and socket; clone3 answers ENOSYS so glibc falls back to
// clone; more syscalls for each granted capability. The profile is plain data (rules) so tests can
// read it; loadDefaultSeccomp turns it into a libseccomp filter.
#include "support/error.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace berth::runtime {

struct SeccompOptions {
    std::vector<std::string> capabilities; // the container's bounding set ("CAP_SYS_ADMIN", …)
    bool unconfined = false;               // --security-opt seccomp=unconfined: no filter at all
};

enum class SeccompAction { Allow, Errno };
enum class SeccompCompare { Equal, NotEqual, MaskedEqual };

// One argument test: args[index] op value (MaskedEqual: (args[index] & mask) == value).
struct SeccompArg {
    unsigned index = 0;
    SeccompCompare op = SeccompCompare::Equal;
    std::uint64_t value = 0;
    std::uint64_t mask = 0;
};

// A syscall matching every arg test gets action. Several rules for one syscall are alternatives.
struct SeccompRule {
    std::string syscall;
    SeccompAction action = SeccompAction::Allow;
    int errnoValue = 0; // for SeccompAction::Errno
    std::vector<SeccompArg> args;
};

// The errno every syscall not listed gets.
inline constexpr int kSeccompDefaultErrno = 1; // EPERM

// The profile for these options: allowlist, argument filters and capability additions. Names this
// libseccomp or architecture does not know are kept here and skipped when loading.
std::vector<SeccompRule> defaultSeccompRules(const SeccompOptions& options);

// The rules the profile has for one syscall; empty means the default action (EPERM).
std::vector<SeccompRule> seccompRulesFor(std::string_view syscall, const SeccompOptions& options);

// Installs the profile on the calling thread (inherited by children and kept across execve).
// Apply it last: the caller must have set no_new_privs or hold CAP_SYS_ADMIN. Nothing happens
// when options.unconfined is set.
Status loadDefaultSeccomp(const SeccompOptions& options);

// The filter libseccomp would load, as its pseudo-filter-code text (for debugging and tests).
Result<std::string> exportSeccompPfc(const SeccompOptions& options);

// Compiling the profile with libseccomp costs tens of milliseconds, so starts use a cached BPF
// program instead: compileSeccompBpf gives the raw program (struct sock_filter array) that
// loadDefaultSeccomp would install, seccompCacheKey names it without compiling (a hash of the
// rules), and loadSeccompBpf installs it on the calling thread (needs no_new_privs or
// CAP_SYS_ADMIN, like seccomp_load).
Result<std::string> compileSeccompBpf(const SeccompOptions& options);
std::string seccompCacheKey(const SeccompOptions& options);
Status loadSeccompBpf(std::string_view program);

} // namespace berth::runtime
