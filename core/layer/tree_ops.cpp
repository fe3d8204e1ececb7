#include "layer/tree_ops.h"

#include "support/user_namespace.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <vector>

namespace berth::layer {

namespace {

// Real root; root of a user namespace may not set trusted.* xattrs nor chown to unmapped ids.
bool isRoot() {
    static const bool root = ::geteuid() == 0 && !inUserNamespace();
    return root;
}

// Changing the owner needs CAP_CHOWN; without it the copy keeps ours, as cp -a does.
int ownerResult(int rc) { return rc != 0 && errno == EPERM && !isRoot() ? 0 : rc; }

Status copyBytes(int from, int to, const std::string& name) {
    while (true) {
        ssize_t n = ::copy_file_range(from, nullptr, to, nullptr, 1 << 30, 0);
        if (n == 0) return {};
        if (n > 0) continue;
        if (errno == EINTR) continue;
        if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP)
            return sysFail("copying " + name);
        break;
    }
    while (true) { // filesystems without copy_file_range between them
        ssize_t n = ::sendfile(to, from, nullptr, 1 << 30);
        if (n == 0) return {};
        if (n < 0 && errno != EINTR) return sysFail("copying " + name);
    }
}

// An object whose xattrs we read or write: an open fd (files, directories), else a path whose
// last component is not followed (symlinks, devices, fifos: see procPath).
struct XattrHandle {
    int fd = -1;
    std::string path;
    ssize_t list(char* buf, std::size_t size) const {
        return fd >= 0 ? ::flistxattr(fd, buf, size) : ::llistxattr(path.c_str(), buf, size);
    }
    ssize_t get(const char* name, char* buf, std::size_t size) const {
        return fd >= 0 ? ::fgetxattr(fd, name, buf, size) : ::lgetxattr(path.c_str(), name, buf, size);
    }
    int set(const char* name, const char* value, std::size_t size) const {
        return fd >= 0 ? ::fsetxattr(fd, name, value, size, 0) : ::lsetxattr(path.c_str(), name, value, size, 0);
    }
};

Status copyXattrs(const XattrHandle& src, const XattrHandle& dst, const std::string& what) {
    std::vector<char> names(4096);
    ssize_t len = src.list(names.data(), names.size());
    if (len < 0 && errno == ERANGE) {
        len = src.list(nullptr, 0);
        if (len > 0) names.resize(static_cast<std::size_t>(len));
        len = src.list(names.data(), names.size());
    }
    if (len < 0) return errno == ENOTSUP ? Status{} : sysFail("listing xattrs of " + what);
    std::vector<char> value(65536);
    for (ssize_t pos = 0; pos < len;) {
        const char* name = names.data() + pos;
        pos += static_cast<ssize_t>(std::strlen(name)) + 1;
        if (isOverlayXattr(name)) continue;
        ssize_t vlen = src.get(name, value.data(), value.size());
        if (vlen < 0) continue; // vanished or unreadable: nothing to copy
        if (dst.set(name, value.data(), static_cast<std::size_t>(vlen)) != 0 && errno != ENOTSUP &&
            !(errno == EPERM && !isRoot()))
            return sysFail("setting xattr " + std::string(name) + " on " + what);
    }
    return {};
}

} // namespace

std::string procPath(int dirfd, std::string_view name) {
    std::string p = "/proc/self/fd/" + std::to_string(dirfd);
    if (!name.empty()) {
        p.push_back('/');
        p.append(name);
    }
    return p;
}

bool isOverlayXattr(std::string_view name) {
    return name.starts_with("trusted.overlay.") || name.starts_with("user.overlay.");
}

Status clearDir(int dirfd) {
    int dup = ::openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dup < 0) return sysFail("opening a directory to clear");
    DIR* d = ::fdopendir(dup);
    if (!d) {
        ::close(dup);
        return sysFail("listing a directory to clear");
    }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
        std::string_view n(e->d_name);
        if (n != "." && n != "..") names.emplace_back(n);
    }
    ::closedir(d);
    for (const std::string& n : names) BERTH_CHECK(removeAt(dirfd, n.c_str()));
    return {};
}

Status removeAt(int dirfd, const char* name) {
    struct stat st {};
    if (::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? Status{} : sysFail(std::string("removing ") + name);
    if (S_ISDIR(st.st_mode)) {
        UniqueFd fd(::openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!fd.isValid()) return sysFail(std::string("removing ") + name);
        BERTH_CHECK(clearDir(fd.get()));
    }
    if (::unlinkat(dirfd, name, S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0 && errno != ENOENT)
        return sysFail(std::string("removing ") + name);
    return {};
}

Status copyObject(int srcDir, const char* srcName, const struct stat& st, int dstDir, const char* dstName) {
    const std::string name(dstName);
    const timespec times[2] = {st.st_atim, st.st_mtim};
    if (S_ISREG(st.st_mode)) {
        UniqueFd from(::openat(srcDir, srcName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
        if (!from.isValid()) return sysFail("opening " + std::string(srcName));
        UniqueFd to(::openat(dstDir, dstName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!to.isValid()) return sysFail("creating " + name);
        BERTH_CHECK(copyBytes(from.get(), to.get(), name));
        if (ownerResult(::fchown(to.get(), st.st_uid, st.st_gid)) != 0) return sysFail("chown " + name);
        BERTH_CHECK(copyXattrs({from.get(), {}}, {to.get(), {}}, name));
        if (::fchmod(to.get(), st.st_mode & 07777) != 0) return sysFail("chmod " + name);
        if (::futimens(to.get(), times) != 0) return sysFail("setting times of " + name);
        return {};
    }
    if (S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = ::readlinkat(srcDir, srcName, target, sizeof target - 1);
        if (n < 0) return sysFail("reading link " + std::string(srcName));
        target[n] = '\0';
        if (::symlinkat(target, dstDir, dstName) != 0) return sysFail("creating symlink " + name);
    } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode)) {
        if (::mknodat(dstDir, dstName, st.st_mode & (S_IFMT | 07777), st.st_rdev) != 0)
            return sysFail("creating node " + name);
    } else {
        return {}; // sockets are not part of an image
    }
    if (ownerResult(::fchownat(dstDir, dstName, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW)) != 0)
        return sysFail("chown " + name);
    if (!S_ISLNK(st.st_mode)) // user.* xattrs cannot exist on symlinks; others are rare there
        BERTH_CHECK(copyXattrs({-1, procPath(srcDir, srcName)}, {-1, procPath(dstDir, dstName)}, name));
    if (!S_ISLNK(st.st_mode) && ::fchmodat(dstDir, dstName, st.st_mode & 07777, AT_SYMLINK_NOFOLLOW) != 0)
        return sysFail("chmod " + name);
    if (::utimensat(dstDir, dstName, times, AT_SYMLINK_NOFOLLOW) != 0) return sysFail("setting times of " + name);
    return {};
}

Status copyDirAttributes(int srcFd, const struct stat& st, int dstFd) {
    if (ownerResult(::fchown(dstFd, st.st_uid, st.st_gid)) != 0) return sysFail("chown of a directory");
    BERTH_CHECK(copyXattrs({srcFd, {}}, {dstFd, {}}, "a directory"));
    if (::fchmod(dstFd, st.st_mode & 07777) != 0) return sysFail("chmod of a directory");
    return {};
}

} // namespace berth::layer
