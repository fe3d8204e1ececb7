// Docker's SRC_PATH / DEST_PATH rules on top of the descriptor-only Copier.
#include "runtime/container_files.h"

#include "runtime/container_files_copier.h"
#include "support/unique_fd.h"

#include <cerrno>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace berth::runtime {

namespace {

// A path as `docker cp` reads it: "dir/." means the contents of dir, a trailing "/" insists on a
// directory.
struct SplitPath {
    std::string parent;  // "" for the working directory (host) or the root (container)
    std::string base;    // last component, "" for the root itself
    std::string full;    // without trailing "/" and "/."
    bool contentsOnly = false;
    bool trailingSlash = false;
};

SplitPath splitPath(std::string p) {
    SplitPath s;
    if (p == "." || (p.size() >= 2 && p.ends_with("/."))) {
        s.contentsOnly = true;
        p.pop_back();
    }
    s.trailingSlash = p.ends_with('/');
    while (p.size() > 1 && p.ends_with('/')) p.pop_back();
    s.full = p;
    if (p == "/" || p.empty()) return s;
    auto slash = p.rfind('/');
    s.base = slash == std::string::npos ? p : p.substr(slash + 1);
    s.parent = slash == std::string::npos ? "" : (slash == 0 ? "/" : p.substr(0, slash));
    return s;
}

// Opens path of one end: confined to the root for the container side (RESOLVE_IN_ROOT makes "..",
// absolute symlinks and link chains stay inside it), an ordinary lookup on the host side.
int openEnd(const CopyEnd& end, const std::string& path, int flags) {
    std::string rel = path;
    if (end.inRoot)
        while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
    if (rel.empty()) rel = end.inRoot || path.empty() ? "." : "/";
    open_how how {};
    how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
    how.resolve = end.inRoot ? RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS : 0;
    return static_cast<int>(::syscall(SYS_openat2, end.inRoot ? end.rootFd : AT_FDCWD, rel.c_str(), &how, sizeof how));
}

std::string shown(const CopyEnd& end) { return end.path; }

} // namespace

Result<std::uint64_t> copyPath(const CopyEnd& src, const CopyEnd& dst, CopyOwner owner) {
    const SplitPath s = splitPath(src.path), d = splitPath(dst.path);
    const auto notFound = [&] { return fail(ErrorCode::NotFound, "could not find the file " + shown(src)); };

    UniqueFd srcParent(openEnd(src, s.parent, O_RDONLY | O_DIRECTORY));
    if (!srcParent.isValid()) return errno == ENOENT || errno == ENOTDIR ? notFound() : sysFail("opening " + shown(src));
    // The leaf itself is copied as it is (a symlink stays a symlink) unless the path insists on a
    // directory ("link/", "dir/.", "/"): then it is followed, still inside the root.
    const bool followLeaf = s.base.empty() || s.contentsOnly || s.trailingSlash;
    UniqueFd srcDir;
    struct stat sst {};
    if (followLeaf) {
        srcDir.reset(openEnd(src, s.full, O_RDONLY | O_DIRECTORY));
        if (!srcDir.isValid()) {
            if (errno == ENOTDIR) return fail(ErrorCode::InvalidArgument, shown(src) + ": not a directory");
            return errno == ENOENT ? notFound() : sysFail("opening " + shown(src));
        }
        if (::fstat(srcDir.get(), &sst) != 0) return sysFail("reading " + shown(src));
    } else if (::fstatat(srcParent.get(), s.base.c_str(), &sst, AT_SYMLINK_NOFOLLOW) != 0) {
        return errno == ENOENT ? notFound() : sysFail("reading " + shown(src));
    }
    const bool srcIsDir = S_ISDIR(sst.st_mode);

    detail::Copier copier(owner);
    UniqueFd dstFd(openEnd(dst, d.full, O_RDONLY | O_DIRECTORY));
    if (dstFd.isValid()) {
        // An existing directory receives the source under its own name, or its contents for "dir/.".
        if (s.contentsOnly || s.base.empty()) BERTH_CHECK(withContext(copier.contents(srcDir.get(), dstFd.get()), shown(dst)));
        else if (srcDir.isValid()) BERTH_CHECK(withContext(copier.directory(srcDir.get(), sst, dstFd.get(), s.base), shown(dst)));
        else BERTH_CHECK(withContext(copier.entry(srcParent.get(), s.base, dstFd.get(), s.base), shown(dst)));
        return copier.tarBytes() + 2 * 512;
    }
    if (errno == ENOTDIR) {
        if (srcIsDir) return fail(ErrorCode::InvalidArgument, "cannot copy a directory to a file: " + shown(dst));
        if (d.trailingSlash) return fail(ErrorCode::NotFound, "destination " + shown(dst) + " is not a directory");
    } else if (errno != ENOENT) {
        return sysFail("opening " + shown(dst));
    } else if (d.trailingSlash || d.contentsOnly) {
        return fail(ErrorCode::NotFound, "destination directory " + shown(dst) + " does not exist");
    }
    if (d.base.empty()) return fail(ErrorCode::InvalidArgument, "cannot copy to " + shown(dst));
    UniqueFd dstParent(openEnd(dst, d.parent, O_RDONLY | O_DIRECTORY));
    if (!dstParent.isValid()) {
        if (errno == ENOENT || errno == ENOTDIR) return fail(ErrorCode::NotFound, "no such directory " + (d.parent.empty() ? "." : d.parent));
        return sysFail("opening " + d.parent);
    }
    if (srcDir.isValid()) BERTH_CHECK(withContext(copier.directory(srcDir.get(), sst, dstParent.get(), d.base), shown(dst)));
    else BERTH_CHECK(withContext(copier.entry(srcParent.get(), s.base, dstParent.get(), d.base), shown(dst)));
    return copier.tarBytes() + 2 * 512;
}

std::uint64_t tarStreamSize(const std::filesystem::path& path) {
    std::error_code ec;
    auto st = std::filesystem::symlink_status(path, ec);
    if (ec) return 0;
    std::uint64_t total = 512;
    if (std::filesystem::is_regular_file(st)) total += (std::filesystem::file_size(path, ec) + 511) / 512 * 512;
    if (std::filesystem::is_directory(st))
        for (auto it = std::filesystem::recursive_directory_iterator(path, ec); !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            total += 512;
            if (it->is_regular_file(ec) && !it->is_symlink(ec)) total += (it->file_size(ec) + 511) / 512 * 512;
        }
    return total;
}

} // namespace berth::runtime
