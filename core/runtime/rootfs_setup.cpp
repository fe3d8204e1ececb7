#include "runtime/rootfs_setup.h"

#include "runtime/cgroups/cgroup_layout.h"
#include "runtime/in_root.h"
#include "runtime/security/default_paths.h"
#include "support/file_util.h"
#include "support/user_namespace.h"

#include <cerrno>
#include <fcntl.h>
#include <map>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

struct DefaultMount {
    const char* target;
    const char* type;
    unsigned long flags;
    const char* data;
};

// engine-reference §2.1 (Docker's defaults).
const DefaultMount kDefaultMounts[] = {
    {"/proc", "proc", MS_NOSUID | MS_NOEXEC | MS_NODEV, nullptr},
    {"/dev", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k"},
    {"/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5"},
    {"/dev/shm", "tmpfs", MS_NOSUID | MS_NOEXEC | MS_NODEV, "mode=1777,size=65536k"},
    {"/dev/mqueue", "mqueue", MS_NOSUID | MS_NOEXEC | MS_NODEV, nullptr},
    {"/sys", "sysfs", MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, nullptr},
};

Status mountAt(int rootFd, const std::string& target, const char* type, unsigned long flags, const char* data,
               bool strict) {
    auto fd = BERTH_TRY(openInRoot(rootFd, target, InRootKind::Directory, strict));
    if (::mount(type, fdPath(fd.get()).c_str(), type, flags, data) != 0) return sysFail("mounting " + std::string(type) + " on " + target);
    return {};
}

// In a user namespace mknod of a device is refused and a tmpfs mounted there is nodev anyway:
// each device is the host's node bind-mounted onto an empty file, as runc does in a userns.
Status bindHostDevice(int devDir, const DeviceNode& d) {
    struct stat st {};
    if (::stat(d.path.c_str(), &st) != 0 || !S_ISCHR(st.st_mode) || major(st.st_rdev) != d.major ||
        minor(st.st_rdev) != d.minor)
        return fail(ErrorCode::NotFound, "host " + d.path + " is not the device " +
                                             std::to_string(d.major) + ":" + std::to_string(d.minor));
    std::string name = fs::path(d.path).filename().string();
    UniqueFd file(::openat(devDir, name.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!file.isValid()) return sysFail("creating " + d.path);
    const std::string target = "/proc/self/fd/" + std::to_string(file.get());
    if (::mount(d.path.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0)
        return sysFail("binding the host's " + d.path);
    return {};
}

Status makeDevices(int rootFd) {
    auto dev = BERTH_TRY(openInRoot(rootFd, "/dev", InRootKind::Directory, true));
    UniqueFd devDir(::openat(dev.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    const bool userns = inUserNamespace();
    for (const DeviceNode& d : defaultDevices()) {
        if (userns) {
            BERTH_CHECK(bindHostDevice(devDir.get(), d));
            continue;
        }
        std::string name = fs::path(d.path).filename().string();
        if (::mknodat(devDir.get(), name.c_str(), S_IFCHR | d.mode, makedev(d.major, d.minor)) != 0 && errno != EEXIST)
            return sysFail("creating " + d.path);
        ::fchmodat(devDir.get(), name.c_str(), d.mode, 0); // mknod applies the umask
    }
    for (const DeviceSymlink& l : defaultDevSymlinks()) {
        std::string name = fs::path(l.path).filename().string();
        if (::symlinkat(l.target.c_str(), devDir.get(), name.c_str()) != 0 && errno != EEXIST)
            return sysFail("creating " + l.path);
    }
    return {};
}

// A recursive bind of a host directory, then read-only (the remount keeps the locked flags).
Status bindReadOnly(int rootFd, const std::string& hostDir, const std::string& target) {
    auto fd = BERTH_TRY(openInRoot(rootFd, target, InRootKind::Directory, true));
    if (::mount(hostDir.c_str(), fdPath(fd.get()).c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0)
        return sysFail("binding the host's " + hostDir + " on " + target);
    auto mounted = BERTH_TRY(openInRoot(rootFd, target, InRootKind::Directory, true));
    if (::mount(nullptr, fdPath(mounted.get()).c_str(), nullptr,
                MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
        return sysFail("making " + target + " read-only");
    return {};
}

// sysfs may be mounted in a user namespace only by the owner of the network namespace: a
// container with its own netns gets a fresh one; one sharing the host's (--network host) gets a
// read-only recursive bind of the host's /sys, as rootless Podman does.
Status mountSysInUserNamespace(int rootFd) {
    const unsigned long ro = MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY;
    auto fd = BERTH_TRY(openInRoot(rootFd, "/sys", InRootKind::Directory, true));
    if (::mount("sysfs", fdPath(fd.get()).c_str(), "sysfs", ro, nullptr) == 0) return {};
    if (errno != EPERM) return sysFail("mounting sysfs on /sys");
    return bindReadOnly(rootFd, "/sys", "/sys");
}

// devpts in a user namespace: gid=5 (tty) only when that group exists there, else the mount is
// refused with EINVAL; the pts then belong to the caller's group.
std::string devptsOptions() {
    std::string opts = "newinstance,ptmxmode=0666,mode=0620";
    auto map = parseIdMappings(readFile("/proc/self/gid_map", 1u << 16).value_or(""));
    if (map && outsideId(*map, 5) != UINT32_MAX) opts += ",gid=5";
    return opts;
}

Status mountVolume(int rootFd, const VolumeMount& v) {
    if (v.type == "tmpfs") {
        std::string data = v.options.empty() ? "mode=1777" : v.options;
        return mountAt(rootFd, v.destination, "tmpfs", MS_NOSUID | MS_NODEV, data.c_str(), false);
    }
    struct stat st {};
    if (::stat(v.source.c_str(), &st) != 0) return sysFail("bind source " + v.source);
    auto target = BERTH_TRY(openInRoot(rootFd, v.destination, S_ISDIR(st.st_mode) ? InRootKind::Directory : InRootKind::File));
    std::string t = fdPath(target.get());
    if (::mount(v.source.c_str(), t.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0)
        return sysFail("binding " + v.source + " to " + v.destination);
    if (v.readOnly) {
        // The fd still names the directory under the new mount: open the mount itself to remount it.
        auto mounted = BERTH_TRY(openInRoot(rootFd, v.destination, S_ISDIR(st.st_mode) ? InRootKind::Directory : InRootKind::File));
        if (::mount(nullptr, fdPath(mounted.get()).c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0)
            return sysFail("making " + v.destination + " read-only");
    }
    return {};
}

} // namespace

Status mountDefaults(const fs::path& rootfs, const ContainerConfig& config) {
    UniqueFd root(::open(rootfs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid()) return sysFail("opening rootfs " + rootfs.string());
    const bool userns = inUserNamespace();
    for (const DefaultMount& m : kDefaultMounts) {
        const std::string target = m.target;
        if (userns && target == "/dev/pts") {
            BERTH_CHECK(mountAt(root.get(), target, m.type, m.flags, devptsOptions().c_str(), true));
        } else if (userns && target == "/sys") {
            BERTH_CHECK(mountSysInUserNamespace(root.get()));
        } else {
            BERTH_CHECK(mountAt(root.get(), target, m.type, m.flags, m.data, true));
        }
        if (target == "/dev") BERTH_CHECK(makeDevices(root.get()));
    }
    for (const VolumeMount& v : config.mounts) BERTH_CHECK(mountVolume(root.get(), v));
    return {};
}

Status mountCgroups(const fs::path& rootfs) {
    auto layout = detectHostLayout();
    if (!layout) return {}; // no cgroups on this host: nothing to show
    UniqueFd root(::open(rootfs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid()) return sysFail("opening rootfs " + rootfs.string());
    const unsigned long ro = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC;
    if (backendFor(*layout) == CgroupBackend::V2) {
        Status mounted = mountAt(root.get(), "/sys/fs/cgroup", "cgroup2", ro, nullptr, true);
        if (mounted || !inUserNamespace()) return mounted;
        // Not delegated to us: the host's hierarchy, read-only, is what may be shown.
        return bindReadOnly(root.get(), "/sys/fs/cgroup", "/sys/fs/cgroup");
    }
    // v1 hierarchies cannot be mounted from a user namespace: show the host's, read-only (as
    // rootless Podman does on v1); a host whose /sys/fs/cgroup cannot be bound shows none.
    if (inUserNamespace()) {
        Status bound = bindReadOnly(root.get(), "/sys/fs/cgroup", "/sys/fs/cgroup");
        return bound || bound.error().sysErrno == EPERM ? Status{} : bound;
    }
    BERTH_CHECK(mountAt(root.get(), "/sys/fs/cgroup", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755", true));
    // One mount per hierarchy ("cpu,cpuacct" once), named like the host's, as Docker does on v1.
    std::map<fs::path, std::string> hierarchies;
    for (auto& [controller, dir] : layout->v1Mounts) {
        if (controller.rfind("name=", 0) == 0) continue;
        auto& opts = hierarchies[dir];
        opts += (opts.empty() ? "" : ",") + controller;
    }
    for (auto& [dir, opts] : hierarchies) {
        std::string target = "/sys/fs/cgroup/" + dir.filename().string();
        BERTH_CHECK(mountAt(root.get(), target, "cgroup", ro, opts.c_str(), true));
    }
    auto cg = BERTH_TRY(openInRoot(root.get(), "/sys/fs/cgroup", InRootKind::Directory, true));
    if (::mount(nullptr, fdPath(cg.get()).c_str(), nullptr, MS_REMOUNT | MS_BIND | ro, nullptr) != 0)
        return sysFail("making /sys/fs/cgroup read-only");
    return {};
}

Status bindFileInRoot(const fs::path& rootfs, const std::string& inside, const fs::path& hostFile) {
    UniqueFd root(::open(rootfs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid()) return sysFail("opening rootfs " + rootfs.string());
    auto target = BERTH_TRY(openInRoot(root.get(), inside, InRootKind::File));
    if (::mount(hostFile.c_str(), fdPath(target.get()).c_str(), nullptr, MS_BIND, nullptr) != 0)
        return sysFail("binding " + inside);
    return {};
}

Status pivotInto(const fs::path& rootfs) {
    // pivot_root(".", ".") stacks the old root under the new one; detaching it leaves only the new.
    if (::chdir(rootfs.c_str()) != 0) return sysFail("entering rootfs");
    if (::syscall(SYS_pivot_root, ".", ".") != 0) return sysFail("pivot_root");
    if (::umount2(".", MNT_DETACH) != 0) return sysFail("detaching the old root");
    if (::chdir("/") != 0) return sysFail("chdir /");
    return {};
}

Status maskPaths() {
    struct stat null {};
    // CVE-2025-31133: only bind /dev/null if it really is the null device.
    bool nullOk = ::stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode) && major(null.st_rdev) == 1 && minor(null.st_rdev) == 3;
    for (const std::string& p : maskedPathsFor("/sys")) {
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (::mount("tmpfs", p.c_str(), "tmpfs", MS_RDONLY, nullptr) != 0 && errno != ENOENT)
                return sysFail("masking " + p);
        } else if (nullOk) {
            if (::mount("/dev/null", p.c_str(), nullptr, MS_BIND, nullptr) != 0 && errno != ENOENT)
                return sysFail("masking " + p);
        }
    }
    for (const std::string& p : defaultReadonlyPaths()) {
        if (::mount(p.c_str(), p.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) {
            if (errno == ENOENT) continue;
            return sysFail("protecting " + p);
        }
        if (::mount(nullptr, p.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
            return sysFail("making " + p + " read-only");
    }
    return {};
}

} // namespace berth::runtime
