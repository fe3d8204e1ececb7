#include "runtime/container_files_source.h"

#include <cerrno>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace berth::runtime::detail {

SplitPath splitPath(std::string p) {
    SplitPath s;
    if (p == "." || (p.size() >= 2 && p.ends_with("/."))) {
        s.contentsOnly = true;
        p.pop_back();
    }
    s.trailingSlash = p.ends_with('/');
    while (p.size() > 1 && p.ends_with('/'))
        p.pop_back();
    s.full = p;
    if (p == "/" || p.empty()) return s;
    auto slash = p.rfind('/');
    s.base = slash == std::string::npos ? p : p.substr(slash + 1);
    s.parent = slash == std::string::npos ? "" : (slash == 0 ? "/" : p.substr(0, slash));
    return s;
}

int openEnd(const CopyEnd& end, const std::string& path, int flags) {
    std::string rel = path;
    if (end.inRoot)
        while (!rel.empty() && rel.front() == '/')
            rel.erase(0, 1);
    if (rel.empty()) rel = end.inRoot || path.empty() ? "." : "/";
    open_how how{};
    how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
    how.resolve = end.inRoot ? RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS : 0;
    return static_cast<int>(
        ::syscall(SYS_openat2, end.inRoot ? end.rootFd : AT_FDCWD, rel.c_str(), &how, sizeof how));
}

Result<OpenedSource> openSource(const CopyEnd& src, bool followLink) {
    OpenedSource o;
    o.path = splitPath(src.path);
    const SplitPath& s = o.path;
    const auto notFound = [&] { return fail(ErrorCode::NotFound, "could not find the file " + src.path); };
    const auto openFailed = [&] {
        return errno == ENOENT || errno == ENOTDIR ? notFound() : sysFail("opening " + src.path);
    };
    o.parent.reset(openEnd(src, s.parent, O_RDONLY | O_DIRECTORY));
    if (!o.parent.isValid()) return openFailed();
    o.followed = s.base.empty() || s.contentsOnly || s.trailingSlash;
    if (o.followed) {
        o.dir.reset(openEnd(src, s.full, O_RDONLY | O_DIRECTORY));
        if (!o.dir.isValid()) {
            if (errno == ENOTDIR) return fail(ErrorCode::InvalidArgument, src.path + ": not a directory");
            return openFailed();
        }
        if (::fstat(o.dir.get(), &o.st) != 0) return sysFail("reading " + src.path);
        return o;
    }
    if (::fstatat(o.parent.get(), s.base.c_str(), &o.st, AT_SYMLINK_NOFOLLOW) != 0) return openFailed();
    if (!followLink || !S_ISLNK(o.st.st_mode)) return o;
    // -L: what the link points to, resolved inside the root; opened for reading only once we know
    // it is a directory or a regular file (opening a device could have effects).
    o.followed = true;
    UniqueFd target(openEnd(src, s.full, O_PATH));
    if (!target.isValid()) return openFailed();
    if (::fstat(target.get(), &o.st) != 0) return sysFail("reading " + src.path);
    if (S_ISDIR(o.st.st_mode))
        o.dir.reset(openEnd(src, s.full, O_RDONLY | O_DIRECTORY));
    else if (S_ISREG(o.st.st_mode))
        o.file.reset(openEnd(src, s.full, O_RDONLY | O_NONBLOCK));
    else
        return o;
    UniqueFd& opened = S_ISDIR(o.st.st_mode) ? o.dir : o.file;
    struct stat now {};
    if (!opened.isValid()) return openFailed();
    if (::fstat(opened.get(), &now) != 0 || now.st_ino != o.st.st_ino || now.st_dev != o.st.st_dev)
        return fail(ErrorCode::Busy, src.path + " changed while copying");
    return o;
}

} // namespace berth::runtime::detail
