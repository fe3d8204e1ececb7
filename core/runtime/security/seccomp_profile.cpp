#include "runtime/security/seccomp_profile.h"


#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>

#include "runtime/security/seccomp_syscalls.h"
#include "support/unique_fd.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <memory>
#include <seccomp.h>
#include <set>
#include <sys/mman.h>
#include <unistd.h>

namespace berth::runtime {

namespace {

namespace data = seccomp_data;

std::string canonicalCap(std::string_view name) {
    std::string u(name);
    for (char& c : u)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u.starts_with("CAP_") ? u : "CAP_" + u;
}

bool holds(const SeccompOptions& options, std::string_view cap) {
    return std::any_of(options.capabilities.begin(), options.capabilities.end(),
                       [cap](const std::string& c) { return canonicalCap(c) == cap; });
}

// Collects rules; an unconditional allow is added once even when several lists name it.
class RuleList {
public:
    void allow(std::string_view name) {
        if (m_allowed.insert(std::string(name)).second)
            m_rules.push_back({std::string(name), SeccompAction::Allow, 0, {}});
    }
    void allowIf(std::string_view name, SeccompArg arg) {
        m_rules.push_back({std::string(name), SeccompAction::Allow, 0, {arg}});
    }
    void deny(std::string_view name, int err) {
        m_rules.push_back({std::string(name), SeccompAction::Errno, err, {}});
    }
    std::vector<SeccompRule> take() { return std::move(m_rules); }

private:
    std::set<std::string> m_allowed;
    std::vector<SeccompRule> m_rules;
};

void addArgumentFilters(RuleList& rules, bool sysAdmin) {
    rules.allowIf("socket", {0, SeccompCompare::NotEqual, data::kBlockedSocketFamily, 0});
    for (std::uint64_t persona : data::personalityValues())
        rules.allowIf("personality", {0, SeccompCompare::Equal, persona, 0});
    if (sysAdmin) return; // clone and clone3 came unconditionally with CAP_SYS_ADMIN
#if defined(__s390x__) || defined(__s390__)
    const unsigned flagsArg = 1; // s390 passes clone's stack first
#else
    const unsigned flagsArg = 0;
#endif
    rules.allowIf("clone", {flagsArg, SeccompCompare::MaskedEqual, 0, data::kCloneNamespaceFlags});
    // ENOSYS, not EPERM: clone3's flags live in memory a filter cannot read, and glibc only falls
    // back to clone on ENOSYS.
    rules.deny("clone3", ENOSYS);
}

using FilterPtr = std::unique_ptr<void, void (*)(scmp_filter_ctx)>;

scmp_compare toLibseccomp(SeccompCompare op) {
    switch (op) {
    case SeccompCompare::Equal:
        return SCMP_CMP_EQ;
    case SeccompCompare::NotEqual:
        return SCMP_CMP_NE;
    case SeccompCompare::MaskedEqual:
        return SCMP_CMP_MASKED_EQ;
    }
    return SCMP_CMP_EQ;
}

// Adds the architectures a native binary can also run code for (32-bit x86 and x32 on x86_64,
// arm on aarch64), as Docker's archMap does, so such binaries get the profile instead of SIGSYS.
Status addSubArchitectures(scmp_filter_ctx ctx) {
    std::vector<std::uint32_t> arches;
#if defined(__x86_64__)
    arches = {SCMP_ARCH_X86, SCMP_ARCH_X32};
#elif defined(__aarch64__)
    arches = {SCMP_ARCH_ARM};
#endif
    for (std::uint32_t arch : arches) {
        int rc = seccomp_arch_add(ctx, arch);
        if (rc != 0 && rc != -EEXIST) return sysFail("adding a seccomp architecture", -rc);
    }
    return {};
}

Status addRule(scmp_filter_ctx ctx, const SeccompRule& rule) {
    int nr = seccomp_syscall_resolve_name(rule.syscall.c_str());
    if (nr == __NR_SCMP_ERROR) return {}; // newer than this libseccomp: stays at the default action
    std::vector<scmp_arg_cmp> args;
    for (const SeccompArg& a : rule.args) {
        bool masked = a.op == SeccompCompare::MaskedEqual;
        args.push_back({a.index, toLibseccomp(a.op), masked ? a.mask : a.value, masked ? a.value : 0});
    }
    std::uint32_t action =
        rule.action == SeccompAction::Allow ? SCMP_ACT_ALLOW : SCMP_ACT_ERRNO(rule.errnoValue);
    int rc = seccomp_rule_add_array(ctx, action, nr, static_cast<unsigned>(args.size()), args.data());
    // A negative number is a pseudo-syscall that none of the filter's architectures has.
    if (rc != 0 && nr >= 0) return sysFail("adding the seccomp rule for " + rule.syscall, -rc);
    return {};
}

Result<FilterPtr> buildFilter(const SeccompOptions& options) {
    FilterPtr ctx(seccomp_init(SCMP_ACT_ERRNO(kSeccompDefaultErrno)), seccomp_release);
    if (!ctx) return fail(ErrorCode::Internal, "creating the seccomp filter: seccomp_init failed");
    // no_new_privs is the launcher's decision (Docker leaves it off by default), not libseccomp's.
    int rc = seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_NNP, 0);
    if (rc != 0) return sysFail("configuring the seccomp filter", -rc);
    BERTH_CHECK(addSubArchitectures(ctx.get()));
    for (const SeccompRule& rule : defaultSeccompRules(options))
        BERTH_CHECK(addRule(ctx.get(), rule));
    return ctx;
}

} // namespace

std::vector<SeccompRule> defaultSeccompRules(const SeccompOptions& options) {
    if (options.unconfined) return {};
    RuleList rules;
    for (std::string_view name : data::allowlist())
        rules.allow(name);
    for (std::string_view name : data::ptraceSafeSyscalls())
        rules.allow(name);
    for (std::string_view name : data::nativeArchSyscalls())
        rules.allow(name);
    for (const data::CapabilitySyscalls& group : data::capabilitySyscalls())
        if (holds(options, group.capability))
            for (std::string_view name : group.syscalls)
                rules.allow(name);
    addArgumentFilters(rules, holds(options, "CAP_SYS_ADMIN"));
    return rules.take();
}

std::vector<SeccompRule> seccompRulesFor(std::string_view syscall, const SeccompOptions& options) {
    std::vector<SeccompRule> matching;
    for (SeccompRule& rule : defaultSeccompRules(options))
        if (rule.syscall == syscall) matching.push_back(std::move(rule));
    return matching;
}

Status loadDefaultSeccomp(const SeccompOptions& options) {
    if (options.unconfined) return {};
    FilterPtr ctx = BERTH_TRY(buildFilter(options));
    int rc = seccomp_load(ctx.get());
    if (rc != 0) return sysFail("loading the seccomp filter", -rc);
    return {};
}

Result<std::string> exportSeccompPfc(const SeccompOptions& options) {
    FilterPtr ctx = BERTH_TRY(buildFilter(options));
    UniqueFd fd(::memfd_create("berth-seccomp-pfc", MFD_CLOEXEC));
    if (!fd.isValid()) return sysFail("creating a memfd for the seccomp export");
    int rc = seccomp_export_pfc(ctx.get(), fd.get());
    if (rc != 0) return sysFail("exporting the seccomp filter", -rc);
    std::string text;
    char buf[8192];
    ::lseek(fd.get(), 0, SEEK_SET);
    for (ssize_t n; (n = ::read(fd.get(), buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return sysFail("reading the seccomp export");
        text.append(buf, static_cast<std::size_t>(n));
    }
    return text;
}

} // namespace berth::runtime

namespace berth::runtime {

Result<std::string> compileSeccompBpf(const SeccompOptions& options) {
    FilterPtr ctx = BERTH_TRY(buildFilter(options));
    UniqueFd fd(::memfd_create("berth-seccomp-bpf", MFD_CLOEXEC));
    if (!fd.isValid()) return sysFail("creating a memfd for the seccomp program");
    int rc = seccomp_export_bpf(ctx.get(), fd.get());
    if (rc != 0) return sysFail("exporting the seccomp program", -rc);
    std::string program;
    char buf[8192];
    ::lseek(fd.get(), 0, SEEK_SET);
    for (ssize_t n; (n = ::read(fd.get(), buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return sysFail("reading the seccomp program");
        program.append(buf, static_cast<std::size_t>(n));
    }
    return program;
}

std::string seccompCacheKey(const SeccompOptions& options) {
    std::string text = "berth-seccomp-v1";
    for (const SeccompRule& r : defaultSeccompRules(options)) {
        text += "|" + r.syscall + ":" + std::to_string(static_cast<int>(r.action)) + ":" + std::to_string(r.errnoValue);
        for (const SeccompArg& a : r.args)
            text += "," + std::to_string(a.index) + "/" + std::to_string(static_cast<int>(a.op)) + "/" + std::to_string(a.value) +
                    "/" + std::to_string(a.mask);
    }
    // FNV-1a: a cache key, not a security boundary (the cache lives in the root-owned store);
    // it keeps libcrypto out of the shim, whose memory is counted per container.
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : text) h = (h ^ ch) * 1099511628211ull;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

Status loadSeccompBpf(std::string_view program) {
    if (program.empty() || program.size() % sizeof(sock_filter) != 0)
        return fail(ErrorCode::Corrupt, "seccomp program has an invalid size");
    sock_fprog prog {};
    prog.len = static_cast<unsigned short>(program.size() / sizeof(sock_filter));
    prog.filter = reinterpret_cast<sock_filter*>(const_cast<char*>(program.data()));
    if (::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) return sysFail("loading the seccomp program");
    return {};
}

} // namespace berth::runtime
