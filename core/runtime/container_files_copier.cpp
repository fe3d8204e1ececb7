#include "runtime/container_files_copier.h"

#include "support/file_util.h"
#include "support/unique_fd.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <vector>
#include <unistd.h>

namespace berth::runtime::detail {

namespace {

constexpr std::uint64_t kBlock = 512;
std::uint64_t padded(std::uint64_t n) { return (n + kBlock - 1) / kBlock * kBlock; }

Status writeAll(int fd, const char* data, std::size_t n, const std::string& what) {
    while (n > 0) {
        ssize_t w = ::write(fd, data, n);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) return sysFail("writing " + what);
        data += w;
        n -= static_cast<std::size_t>(w);
    }
    return {};
}

Status setTimes(int fd, const struct stat& st, const std::string& what) {
    const struct timespec times[2] = {st.st_atim, st.st_mtim};
    if (::futimens(fd, times) != 0) return sysFail("setting the times of " + what);
    return {};
}

} // namespace

Status Copier::applyOwner(int fd, const struct stat& st) {
    if (m_owner == CopyOwner::Caller) return {};
    uid_t uid = m_owner == CopyOwner::Preserve ? st.st_uid : 0;
    gid_t gid = m_owner == CopyOwner::Preserve ? st.st_gid : 0;
    if (::fchownat(fd, "", uid, gid, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0) return sysFail("changing the owner");
    return {};
}

Status Copier::removeNonDirectory(int dstDir, const std::string& dstName) {
    struct stat old {};
    if (::fstatat(dstDir, dstName.c_str(), &old, AT_SYMLINK_NOFOLLOW) != 0) return {};
    if (S_ISDIR(old.st_mode)) return fail(ErrorCode::AlreadyExists, "cannot overwrite directory " + dstName + " with a non-directory");
    if (::unlinkat(dstDir, dstName.c_str(), 0) != 0) return sysFail("replacing " + dstName);
    return {};
}

Status Copier::entry(int srcDir, const std::string& name, int dstDir, const std::string& dstName) {
    struct stat st {};
    if (::fstatat(srcDir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return sysFail("reading " + name);
    if (S_ISREG(st.st_mode)) return file(srcDir, name, st, dstDir, dstName);
    if (S_ISLNK(st.st_mode)) return symlink(srcDir, name, st, dstDir, dstName);
    if (S_ISDIR(st.st_mode)) {
        UniqueFd src(::openat(srcDir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!src.isValid()) return sysFail("opening directory " + name);
        return directory(src.get(), st, dstDir, dstName);
    }
    if (S_ISSOCK(st.st_mode)) return {}; // a socket is meaningless once copied; tar skips it too
    return node(st, dstDir, dstName);
}

Status Copier::directory(int src, const struct stat& st, int dstDir, const std::string& dstName) {
    struct stat old {};
    bool exists = ::fstatat(dstDir, dstName.c_str(), &old, AT_SYMLINK_NOFOLLOW) == 0;
    if (exists && !S_ISDIR(old.st_mode)) {
        if (::unlinkat(dstDir, dstName.c_str(), 0) != 0) return sysFail("replacing " + dstName);
        exists = false;
    }
    if (!exists && ::mkdirat(dstDir, dstName.c_str(), 0700) != 0) return sysFail("creating directory " + dstName);
    UniqueFd dst(::openat(dstDir, dstName.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!dst.isValid()) return sysFail("opening directory " + dstName);
    m_bytes += kBlock;
    BERTH_CHECK(contents(src, dst.get()));
    BERTH_CHECK(withContext(applyOwner(dst.get(), st), dstName));
    if (::fchmod(dst.get(), st.st_mode & 07777) != 0) return sysFail("setting the mode of " + dstName);
    return setTimes(dst.get(), st, dstName); // last: copying the children changed the mtime
}

Status Copier::contents(int src, int dst) {
    // Read the names first: the directory stream must not be open while we recurse deeply.
    const auto names = BERTH_TRY(directoryEntries(src, "a directory"));
    for (const auto& n : names) BERTH_CHECK(withContext(entry(src, n, dst, n), n));
    return {};
}

Status Copier::file(int srcDir, const std::string& name, const struct stat& st, int dstDir, const std::string& dstName) {
    // O_NONBLOCK: if the entry became a FIFO since the stat, opening it must not hang.
    UniqueFd in(::openat(srcDir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!in.isValid()) return sysFail("opening " + name);
    return fileData(in.get(), name, st, dstDir, dstName);
}

Status Copier::resolved(const OpenedSource& src, int dstDir, const std::string& dstName) {
    if (src.dir.isValid()) return directory(src.dir.get(), src.st, dstDir, dstName);
    if (src.file.isValid()) return fileData(src.file.get(), dstName, src.st, dstDir, dstName);
    if (S_ISSOCK(src.st.st_mode)) return {};
    return node(src.st, dstDir, dstName);
}

Status Copier::fileData(int in, const std::string& name, const struct stat& st, int dstDir, const std::string& dstName) {
    struct stat now {};
    if (::fstat(in, &now) != 0 || !S_ISREG(now.st_mode)) return fail(ErrorCode::Busy, name + " changed while copying");
    BERTH_CHECK(removeNonDirectory(dstDir, dstName));
    UniqueFd out(::openat(dstDir, dstName.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out.isValid()) return sysFail("creating " + dstName);
    std::vector<char> buf(1 << 16);
    std::uint64_t total = 0;
    while (true) {
        ssize_t r = ::read(in, buf.data(), buf.size());
        if (r < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (r < 0) return sysFail("reading " + name);
        if (r == 0) break;
        BERTH_CHECK(writeAll(out.get(), buf.data(), static_cast<std::size_t>(r), dstName));
        total += static_cast<std::uint64_t>(r);
    }
    m_bytes += kBlock + padded(total);
    BERTH_CHECK(withContext(applyOwner(out.get(), now), dstName));
    if (::fchmod(out.get(), now.st_mode & 07777) != 0) return sysFail("setting the mode of " + dstName);
    return setTimes(out.get(), st, dstName);
}

Status Copier::symlink(int srcDir, const std::string& name, const struct stat& st, int dstDir, const std::string& dstName) {
    std::string target(static_cast<std::size_t>(st.st_size) + 1, '\0');
    ssize_t n = ::readlinkat(srcDir, name.c_str(), target.data(), target.size());
    if (n < 0) return sysFail("reading link " + name);
    target.resize(static_cast<std::size_t>(n));
    BERTH_CHECK(removeNonDirectory(dstDir, dstName));
    if (::symlinkat(target.c_str(), dstDir, dstName.c_str()) != 0) return sysFail("creating link " + dstName);
    m_bytes += kBlock;
    UniqueFd link(::openat(dstDir, dstName.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (!link.isValid()) return sysFail("opening link " + dstName);
    BERTH_CHECK(withContext(applyOwner(link.get(), st), dstName));
    const struct timespec times[2] = {st.st_atim, st.st_mtim};
    if (::utimensat(dstDir, dstName.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) return sysFail("setting the times of " + dstName);
    return {};
}

Status Copier::node(const struct stat& st, int dstDir, const std::string& dstName) {
    BERTH_CHECK(removeNonDirectory(dstDir, dstName));
    // The mode goes in with mknodat (less the umask): chmod by name would follow a swapped-in link.
    if (::mknodat(dstDir, dstName.c_str(), st.st_mode, st.st_rdev) != 0) return sysFail("creating node " + dstName);
    m_bytes += kBlock;
    UniqueFd fd(::openat(dstDir, dstName.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.isValid()) return sysFail("opening node " + dstName);
    return withContext(applyOwner(fd.get(), st), dstName);
}

} // namespace berth::runtime::detail
