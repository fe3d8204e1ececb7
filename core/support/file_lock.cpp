#include "support/file_lock.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>

namespace berth {

static Result<UniqueFd> lockImpl(const std::filesystem::path& path, FileLock::Mode mode, bool wait) {
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
    if (!fd.isValid()) return sysFail("opening lock " + path.string());
    int op = (mode == FileLock::Mode::Shared ? LOCK_SH : LOCK_EX) | (wait ? 0 : LOCK_NB);
    while (::flock(fd.get(), op) != 0) {
        if (errno == EINTR) continue;
        if (errno == EWOULDBLOCK) return fail(ErrorCode::Busy, path.string() + " is locked by another process");
        return sysFail("locking " + path.string());
    }
    return fd;
}

Result<FileLock> FileLock::acquire(const std::filesystem::path& path, Mode mode) {
    auto fd = lockImpl(path, mode, true);
    if (!fd) return std::unexpected(fd.error());
    return FileLock(std::move(*fd));
}

Result<FileLock> FileLock::tryAcquire(const std::filesystem::path& path, Mode mode) {
    auto fd = lockImpl(path, mode, false);
    if (!fd) return std::unexpected(fd.error());
    return FileLock(std::move(*fd));
}

} // namespace berth
