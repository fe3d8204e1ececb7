#include "runtime/rootless/rootless_checks.h"

#include "runtime/rootless/rootless_paths.h"
#include "runtime/rootless/subordinate_ids.h"
#include "support/file_util.h"
#include "support/user_namespace.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/xattr.h>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

RootlessCheck subordinate(const RootlessCheckInputs& in, const fs::path& file, const char* kind) {
    RootlessCheck c{std::string("subordinate ") + kind + "s", true, false, {}, {}};
    auto ranges = readSubordinateIds(file, in.user, in.uid);
    if (ranges && !ranges->empty()) {
        c.detail = std::to_string(totalIds(*ranges)) + " " + kind + "s from " +
                   std::to_string(ranges->front().start);
        return c;
    }
    auto uids = readFile(in.subuidFile, 16u << 20).value_or(""),
         gids = readFile(in.subgidFile, 16u << 20).value_or("");
    std::uint32_t start = freeSubordinateStart({uids, gids});
    std::string range = std::to_string(start) + "-" + std::to_string(start + 65535u);
    c.ok = false;
    c.detail = ranges ? "no range for user " + in.user + " in " + file.string() + " (single-id mode)"
                      : ranges.error().message;
    c.fix = "sudo usermod --add-subuids " + range + " --add-subgids " + range + " " + in.user;
    return c;
}

RootlessCheck helper(const fs::path& tool, const char* name, std::uint32_t rootOwner) {
    RootlessCheck c{name, true, false, {}, {}};
    struct stat st {};
    if (tool.empty() || ::stat(tool.c_str(), &st) != 0) {
        c.ok = false;
        c.detail = std::string(name) + " not found (single-id mode)";
        c.fix = "sudo apt-get install uidmap";
        return c;
    }
    // Debian installs it setuid root; other distributions give it file capabilities instead.
    bool setuidRoot = st.st_uid == rootOwner && (st.st_mode & S_ISUID);
    bool fileCaps = ::getxattr(tool.c_str(), "security.capability", nullptr, 0) > 0;
    c.ok = setuidRoot || fileCaps;
    c.detail = tool.string() + (setuidRoot ? " (setuid root)"
                                : fileCaps ? " (file capabilities)"
                                           : " is not setuid root");
    if (!c.ok) c.fix = "sudo chown root:root " + tool.string() + " && sudo chmod u+s " + tool.string();
    return c;
}

// A sysctl that must (not) be 0 where the file exists; a missing file means the kernel has no such knob.
void sysctl(std::vector<RootlessCheck>& out, const fs::path& file, const std::string& name, bool wantNonZero,
            const std::string& fixValue) {
    auto text = readFile(file, 64);
    if (!text) return;
    long value = std::strtol(text->c_str(), nullptr, 10);
    RootlessCheck c{name, (value != 0) == wantNonZero, true, name + " = " + std::to_string(value), {}};
    if (!c.ok)
        c.fix = "sudo sysctl -w " + name + "=" + fixValue + " (and put it in /etc/sysctl.d/ to keep it)";
    out.push_back(c);
}

// The user needs read and write access to the tun device: the node belongs to host root, whom the
// user namespace does not map, so only the "other" bits count (or an owner that is the user).
RootlessCheck tunDevice(const RootlessCheckInputs& in) {
    RootlessCheck c{in.tunDevice.string(), true, false, {}, {}};
    struct stat st {};
    if (::stat(in.tunDevice.c_str(), &st) != 0 || !S_ISCHR(st.st_mode)) {
        c.ok = false;
        c.detail = "missing: slirp4netns cannot give containers a network (only --network none works)";
        c.fix = "sudo modprobe tun (and add `tun` to /etc/modules to keep it)";
        return c;
    }
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    c.ok = (st.st_mode & 0006) == 0006 || (st.st_uid == in.uid && (st.st_mode & 0600) == 0600);
    c.detail = std::string("mode ") + mode;
    if (!c.ok) {
        c.detail += ": the user cannot open it, so slirp4netns cannot give containers a network";
        c.fix = "sudo chmod 0666 " + in.tunDevice.string() +
                " (udev sets that at boot; without udev add `KERNEL==\"tun\", MODE=\"0666\"` to "
                "/etc/udev/rules.d/50-tun.rules)";
    }
    return c;
}

} // namespace

RootlessCheckInputs defaultCheckInputs() {
    RootlessCheckInputs in;
    in.uid = hostUid();
    const passwd* pw = ::getpwuid(in.uid);
    in.user = pw && pw->pw_name ? pw->pw_name : std::to_string(in.uid);
    in.tools = findIdMapTools();
    // Inside our user namespace host root is not mapped: its files show the overflow uid.
    auto maps = parseIdMappings(readFile("/proc/self/uid_map", 1u << 16).value_or(""));
    bool rootMapped =
        !maps || std::any_of(maps->begin(), maps->end(), [](auto& m) { return m.outside == 0; });
    if (!rootMapped)
        in.rootOwner = static_cast<std::uint32_t>(std::strtoul(
            readFile("/proc/sys/kernel/overflowuid", 64).value_or("65534").c_str(), nullptr, 10));
    if (const char* run = std::getenv("XDG_RUNTIME_DIR")) in.xdgRuntimeDir = run;
    const RootlessPaths paths = rootlessPaths();
    in.runtimeDir = paths.runtimeDir;
    in.runtimeDirFallback = paths.runtimeDirFallback;
    return in;
}

std::vector<RootlessCheck> checkRootless(const RootlessCheckInputs& in) {
    std::vector<RootlessCheck> out;
    out.push_back(subordinate(in, in.subuidFile, "uid"));
    out.push_back(subordinate(in, in.subgidFile, "gid"));
    out.push_back(helper(in.tools.newuidmap, "newuidmap", in.rootOwner));
    out.push_back(helper(in.tools.newgidmap, "newgidmap", in.rootOwner));
    sysctl(out, in.maxUserNamespaces, "user.max_user_namespaces", true, "15000");
    sysctl(out, in.unprivilegedUsernsClone, "kernel.unprivileged_userns_clone", true, "1");
    sysctl(out, in.apparmorRestrict, "kernel.apparmor_restrict_unprivileged_userns", false, "0");
    const fs::path runtimeDir =
        in.runtimeDir.empty() ? fs::path("/tmp/berth-run-" + std::to_string(in.uid)) : in.runtimeDir;
    RootlessCheck run{
        "XDG_RUNTIME_DIR", !in.xdgRuntimeDir.empty() || !in.runtimeDirFallback, false, in.xdgRuntimeDir, {}};
    if (in.xdgRuntimeDir.empty()) run.detail = "unset (runtime state goes to " + runtimeDir.string() + ")";
    if (!run.ok) {
        run.fix = "log in through a session that sets it (pam_systemd), or `sudo install -d -m 0700 -o " +
                  in.user + " /run/user/" + std::to_string(in.uid) +
                  "` and `export XDG_RUNTIME_DIR=/run/user/" + std::to_string(in.uid) + "`";
    }
    out.push_back(run);
    out.push_back(tunDevice(in));
    return out;
}

} // namespace berth::runtime
