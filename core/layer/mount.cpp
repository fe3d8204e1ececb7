#include "layer/mount.h"

#include <cerrno>
#include <string_view>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

namespace berth::layer {

namespace {

struct MountArgs {
    unsigned long flags = 0;
    bool readOnlyBind = false; // a bind mount is made read-only by a second, remounting call
    std::string data;
};

MountArgs parseOptions(const Mount& m) {
    static const struct {
        std::string_view name;
        unsigned long flag;
    } kFlags[] = {{"ro", MS_RDONLY}, {"nosuid", MS_NOSUID}, {"nodev", MS_NODEV}, {"noexec", MS_NOEXEC},
                  {"bind", MS_BIND}, {"rbind", MS_BIND | MS_REC}, {"relatime", MS_RELATIME}};
    MountArgs args;
    for (const std::string& opt : m.options) {
        bool known = opt == "rw";
        for (const auto& f : kFlags) {
            if (opt == f.name) {
                args.flags |= f.flag;
                known = true;
            }
        }
        if (known) continue;
        if (!args.data.empty()) args.data.push_back(',');
        args.data += opt;
    }
    if (m.type == "bind") args.flags |= MS_BIND;
    if ((args.flags & MS_BIND) && (args.flags & MS_RDONLY)) {
        args.readOnlyBind = true;
        args.flags &= ~static_cast<unsigned long>(MS_RDONLY);
    }
    return args;
}

// The overlay option string names lower dirs relative to workingDirectory: chdir there in a
// child so the caller's cwd, shared by all its threads, never moves. The child shares our mount
// namespace, so the mount is ours once it exits.
Status mountInChild(const Mount& m, const MountArgs& args, const std::filesystem::path& target) {
    const std::string dir = m.workingDirectory.string(), tgt = target.string();
    pid_t pid = ::fork();
    if (pid < 0) return sysFail("forking to mount " + tgt);
    if (pid == 0) {
        if (::chdir(dir.c_str()) != 0) ::_exit(errno);
        if (::mount(m.source.c_str(), tgt.c_str(), m.type.c_str(), args.flags, args.data.c_str()) != 0)
            ::_exit(errno);
        ::_exit(0);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return sysFail("waiting for the mount helper of " + tgt);
    }
    if (!WIFEXITED(status)) return fail(ErrorCode::Internal, "mounting " + m.type + " on " + tgt + ": helper died");
    if (int err = WEXITSTATUS(status)) return sysFail("mounting " + m.type + " on " + tgt, err);
    return {};
}

} // namespace

Status performMount(const Mount& mount, const std::filesystem::path& target) {
    MountArgs args = parseOptions(mount);
    if (mount.type == "overlay" && !mount.workingDirectory.empty()) return mountInChild(mount, args, target);
    const char* type = mount.type == "bind" ? nullptr : mount.type.c_str();
    if (::mount(mount.source.c_str(), target.c_str(), type, args.flags, args.data.empty() ? nullptr : args.data.c_str()) != 0)
        return sysFail("mounting " + mount.type + " " + mount.source + " on " + target.string());
    if (args.readOnlyBind &&
        ::mount(nullptr, target.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
        int err = errno;
        ::umount2(target.c_str(), MNT_DETACH);
        return sysFail("making " + target.string() + " read-only", err);
    }
    return {};
}

Status unmount(const std::filesystem::path& target) {
    if (::umount2(target.c_str(), 0) != 0) return sysFail("unmounting " + target.string());
    return {};
}

} // namespace berth::layer
