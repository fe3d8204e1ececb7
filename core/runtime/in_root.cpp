#include "runtime/in_root.h"

#include <cerrno>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace berth::runtime {

namespace {

int openat2InRoot(int rootFd, const std::string& rel, int flags, bool noSymlinks) {
    open_how how {};
    how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | (noSymlinks ? RESOLVE_NO_SYMLINKS : 0);
    return static_cast<int>(::syscall(SYS_openat2, rootFd, rel.c_str(), &how, sizeof how));
}

} // namespace

std::string fdPath(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

Result<UniqueFd> openInRoot(int rootFd, std::string_view path, InRootKind kind, bool noSymlinks) {
    std::string rel(path);
    while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
    if (rel.empty()) {
        UniqueFd fd(::openat(rootFd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!fd.isValid()) return sysFail("opening the container root");
        return fd;
    }
    // Create each missing directory on the way, resolving the parent inside the root each time.
    std::size_t pos = 0;
    while (true) {
        auto slash = rel.find('/', pos);
        bool last = slash == std::string::npos;
        std::string prefix = rel.substr(0, last ? rel.size() : slash);
        int fd = openat2InRoot(rootFd, prefix, O_PATH, noSymlinks);
        if (fd < 0 && errno == ENOENT) {
            auto parentEnd = prefix.rfind('/');
            std::string parent = parentEnd == std::string::npos ? "" : prefix.substr(0, parentEnd);
            std::string name = prefix.substr(parentEnd == std::string::npos ? 0 : parentEnd + 1);
            UniqueFd dir(parent.empty() ? ::dup(rootFd) : openat2InRoot(rootFd, parent, O_PATH | O_DIRECTORY, noSymlinks));
            if (!dir.isValid()) return sysFail("opening " + parent + " in the container");
            if (last && kind == InRootKind::File) {
                // O_PATH fds cannot create; open the parent for real to create the file.
                UniqueFd real(::openat(dir.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
                UniqueFd created(::openat(real.get(), name.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644));
                if (!created.isValid() && errno != EEXIST) return sysFail("creating " + prefix + " in the container");
            } else {
                UniqueFd real(::openat(dir.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
                if (::mkdirat(real.get(), name.c_str(), 0755) != 0 && errno != EEXIST)
                    return sysFail("creating " + prefix + " in the container");
            }
            fd = openat2InRoot(rootFd, prefix, O_PATH, noSymlinks);
        }
        if (fd < 0) {
            if (errno == ELOOP && noSymlinks)
                return fail(ErrorCode::Denied, "/" + prefix + " must be a plain directory, not a symlink");
            return sysFail("opening /" + prefix + " in the container");
        }
        if (last) return UniqueFd(fd);
        ::close(fd);
        pos = slash + 1;
    }
}

} // namespace berth::runtime
