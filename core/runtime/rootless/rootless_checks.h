#pragma once
// What an ordinary user's machine needs for rootless Berth, checked one by one so that `berth info`,
// the app's first start and installer/check-rootless.sh can say exactly what to change. Every path
// is injected so tests feed fixture files.
#include "runtime/rootless/pause_process.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace berth::runtime {

struct RootlessCheck {
    std::string name; // "subordinate uids"
    bool ok = true;
    bool required = false; // false: Berth still runs, with less (single-id mode, a runtime dir in /tmp)
    std::string detail;    // what was found
    std::string fix;       // the command that fixes it, when !ok
};

struct RootlessCheckInputs {
    std::string user;
    std::uint32_t uid = 0;
    std::filesystem::path subuidFile = "/etc/subuid", subgidFile = "/etc/subgid";
    IdMapTools tools;
    // The owner host root's files show: 0, or the overflow uid (65534) inside a user namespace
    // that does not map host root.
    std::uint32_t rootOwner = 0;
    std::filesystem::path maxUserNamespaces = "/proc/sys/user/max_user_namespaces";
    std::filesystem::path unprivilegedUsernsClone = "/proc/sys/kernel/unprivileged_userns_clone";
    std::filesystem::path apparmorRestrict = "/proc/sys/kernel/apparmor_restrict_unprivileged_userns";
    std::string xdgRuntimeDir; // the variable's value, empty when unset
    // Where the runtime state goes (rootless_paths); empty: /tmp/berth-run-<uid>. Not a fallback
    // when the variable is unset but logind's /run/user/<uid> is there.
    std::filesystem::path runtimeDir;
    bool runtimeDirFallback = true;
    // slirp4netns opens it inside the container's network namespace as the user.
    std::filesystem::path tunDevice = "/dev/net/tun";
};

// The defaults for the user this process acts for (hostUid(), findIdMapTools(), the environment).
RootlessCheckInputs defaultCheckInputs();

// Subordinate uids and gids, newuidmap and newgidmap (present, setuid root or with file
// capabilities), user namespaces allowed (the three sysctls, where they exist), XDG_RUNTIME_DIR,
// /dev/net/tun readable and writable by the user (mode 0666, as udev sets it).
std::vector<RootlessCheck> checkRootless(const RootlessCheckInputs& in);

} // namespace berth::runtime
