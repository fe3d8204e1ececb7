// EntryWriter: the non-directory objects and the attribute setters.
#include "layer/entry_path.h"
#include "layer/entry_writer.h"
#include "layer/tree_ops.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace berth::layer {

namespace {

constexpr int kCreateFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;

Status writeAll(int fd, const DataBlock& block) {
    std::size_t done = 0;
    while (done < block.size) {
        ssize_t n = ::pwrite(fd, block.data + done, block.size - done, block.offset + static_cast<off_t>(done));
        if (n < 0) {
            if (errno == EINTR) continue;
            return sysFail("writing file data");
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

} // namespace

Status EntryWriter::writeFile(int dirFd, const LayerEntry& e, TarReader& reader) {
    UniqueFd fd(::openat(dirFd, m_base.c_str(), kCreateFlags, 0600));
    if (!fd.isValid() && errno == EEXIST) {
        BERTH_CHECK(replaceExisting(dirFd));
        fd.reset(::openat(dirFd, m_base.c_str(), kCreateFlags, 0600));
    }
    if (!fd.isValid()) return sysFail("creating file");
    std::int64_t end = 0;
    while (true) {
        DataBlock block = BERTH_TRY(reader.readBlock());
        if (block.size == 0) break;
        BERTH_CHECK(writeAll(fd.get(), block));
        end = std::max(end, block.offset + static_cast<std::int64_t>(block.size));
    }
    if (e.size > end && ::ftruncate(fd.get(), e.size) != 0) return sysFail("extending sparse file");
    // chown before chmod: chown clears setuid/setgid; xattrs after chown: it drops capabilities.
    if (m_options.preserveOwners && ::fchown(fd.get(), e.uid, e.gid) != 0) return chownFail(e);
    BERTH_CHECK(setXattrs(fd.get(), -1, e, false));
    if (::fchmod(fd.get(), e.mode) != 0) return sysFail("chmod");
    const timespec times[2] = {e.atime, e.mtime};
    if (::futimens(fd.get(), times) != 0) return sysFail("setting times");
    return {};
}

Status EntryWriter::writeSymlink(int dirFd, const LayerEntry& e) {
    // Stored verbatim: an absolute or climbing target only means something once the layers are
    // mounted as a root, and we never follow it while writing.
    if (::symlinkat(e.linkname.c_str(), dirFd, m_base.c_str()) != 0) {
        if (errno != EEXIST) return sysFail("creating symlink");
        BERTH_CHECK(replaceExisting(dirFd));
        if (::symlinkat(e.linkname.c_str(), dirFd, m_base.c_str()) != 0) return sysFail("creating symlink");
    }
    BERTH_CHECK(setOwnerAt(dirFd, e));
    BERTH_CHECK(setXattrs(-1, dirFd, e, true));
    const timespec times[2] = {e.atime, e.mtime};
    if (::utimensat(dirFd, m_base.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) return sysFail("setting times");
    return {};
}

Result<UniqueFd> EntryWriter::hardlinkTarget(const LayerEntry& e) {
    // The target is an archive path: resolved inside the root like any path (parents follow
    // symlinks inside it), its last component is linked as is, even when it is a symlink.
    cleanLinkTarget(e.linkname, m_target);
    if (m_target.empty()) return fail(ErrorCode::Corrupt, "hardlink to the layer root");
    auto [parent, base] = splitParent(m_target);
    std::string name(base);
    auto dir = m_root.openDir(parent);
    if (dir) {
        UniqueFd fd(::fcntl(*dir, F_DUPFD_CLOEXEC, 0));
        struct stat st {};
        if (::fstatat(fd.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
            if (S_ISDIR(st.st_mode)) return fail(ErrorCode::Corrupt, "hardlink to directory \"" + e.linkname + "\"");
            return fd;
        }
        if (errno != ENOENT) return sysFail("inspecting hardlink target \"" + e.linkname + "\"");
    } else if (dir.error().code != ErrorCode::NotFound) {
        return std::unexpected(dir.error());
    }
    // Not in this layer: copy it up from the layers below, where overlay would have found it.
    auto lower = BERTH_TRY(m_lowers.find(m_target));
    if (!lower || S_ISDIR(lower->st.st_mode))
        return fail(ErrorCode::NotFound, "hardlink target \"" + e.linkname + "\" is not in this layer or below");
    UniqueFd lowerDir(::fcntl(lower->dirFd, F_DUPFD_CLOEXEC, 0)); // makeDir below may look up again
    UniqueFd fd(::fcntl(BERTH_TRY(m_root.openDir(parent, this)), F_DUPFD_CLOEXEC, 0));
    BERTH_CHECK(copyObject(lowerDir.get(), lower->name.c_str(), lower->st, fd.get(), name.c_str()));
    return fd;
}

Status EntryWriter::writeHardlink(int dirFd, const LayerEntry& e) {
    // Resolving the target may evict dirFd from the resolver's cache: hold our own copy.
    m_pinned.reset(::fcntl(dirFd, F_DUPFD_CLOEXEC, 0));
    dirFd = m_pinned.get();
    UniqueFd targetDir = BERTH_TRY(hardlinkTarget(e));
    const char* targetName = m_target.c_str() + (m_target.rfind('/') == std::string::npos ? 0 : m_target.rfind('/') + 1);
    if (::linkat(targetDir.get(), targetName, dirFd, m_base.c_str(), 0) == 0) return {};
    if (errno != EEXIST) return sysFail("linking to \"" + e.linkname + "\"");
    struct stat a {}, b {};
    if (::fstatat(targetDir.get(), targetName, &a, AT_SYMLINK_NOFOLLOW) == 0 &&
        ::fstatat(dirFd, m_base.c_str(), &b, AT_SYMLINK_NOFOLLOW) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev)
        return {}; // already that very file
    BERTH_CHECK(replaceExisting(dirFd));
    if (::linkat(targetDir.get(), targetName, dirFd, m_base.c_str(), 0) != 0)
        return sysFail("linking to \"" + e.linkname + "\"");
    return {};
}

Status EntryWriter::writeNode(int dirFd, const LayerEntry& e) {
    mode_t type = e.type == LayerEntry::Type::Fifo ? S_IFIFO
                  : e.type == LayerEntry::Type::CharDevice ? S_IFCHR : S_IFBLK;
    // Devices need CAP_MKNOD: an unprivileged apply skips them (as rootless Docker and Podman
    // do), the container runtime provides /dev anyway.
    if (type != S_IFIFO && !m_isRoot) return {};
    dev_t dev = type == S_IFIFO ? 0 : e.rdev;
    if (::mknodat(dirFd, m_base.c_str(), type | 0600, dev) != 0) {
        if (errno == EPERM && type != S_IFIFO) return {}; // root in a user namespace
        if (errno != EEXIST) return sysFail("creating node");
        BERTH_CHECK(replaceExisting(dirFd));
        if (::mknodat(dirFd, m_base.c_str(), type | 0600, dev) != 0) return sysFail("creating node");
    }
    BERTH_CHECK(setOwnerAt(dirFd, e));
    BERTH_CHECK(setXattrs(-1, dirFd, e, false));
    return setModeAndTimesAt(dirFd, e);
}

Status EntryWriter::setOwnerAt(int dirFd, const LayerEntry& e) {
    if (!m_options.preserveOwners) return {};
    if (::fchownat(dirFd, m_base.c_str(), e.uid, e.gid, AT_SYMLINK_NOFOLLOW) != 0) return chownFail(e);
    return {};
}

// Like rootless Podman, an owner the namespace cannot represent is an error, not a silent squash:
// files quietly owned by root would change what the image's programs may do.
Status EntryWriter::chownFail(const LayerEntry& e) const {
    int err = errno;
    std::string ids = "uid " + std::to_string(e.uid) + ", gid " + std::to_string(e.gid);
    if (err == EINVAL)
        return sysFail("chown to " + ids +
                           ": not mapped in the user namespace (potentially insufficient UIDs or GIDs "
                           "available: see /etc/subuid and /etc/subgid)",
                       err);
    return sysFail("chown to " + ids, err);
}

Status EntryWriter::setModeAndTimesAt(int dirFd, const LayerEntry& e) {
    if (::fchmodat(dirFd, m_base.c_str(), e.mode, AT_SYMLINK_NOFOLLOW) != 0) return sysFail("chmod");
    const timespec times[2] = {e.atime, e.mtime};
    if (::utimensat(dirFd, m_base.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) return sysFail("setting times");
    return {};
}

// Sets the entry's xattrs on fd, or (fd < 0) on m_base in dirFd without following it. Overlay's
// own xattrs are dropped: whiteouts and opaque directories come only from ".wh." names.
// Filesystems without xattrs, and the namespaces we may not write (trusted.* unprivileged,
// user.* on symlinks), are skipped rather than failing the pull.
Status EntryWriter::setXattrs(int fd, int dirFd, const LayerEntry& e, bool isSymlink) {
    if (e.xattrs.empty()) return {};
    std::string path = fd < 0 ? procPath(dirFd, m_base) : std::string();
    for (const auto& [name, value] : e.xattrs) {
        if (isOverlayXattr(name)) continue;
        int rc = fd >= 0 ? ::fsetxattr(fd, name.c_str(), value.data(), value.size(), 0)
                         : ::lsetxattr(path.c_str(), name.c_str(), value.data(), value.size(), 0);
        if (rc == 0 || errno == ENOTSUP) continue;
        if (errno == EPERM && (!m_isRoot || isSymlink)) continue;
        return sysFail("setting xattr " + name);
    }
    return {};
}

} // namespace berth::layer
