#pragma once
// An advisory lock on a file (flock), held for the object's lifetime. Shared for readers and
// pullers, exclusive for whoever deletes (image removal, garbage collection). Locks are per open
// file description, so two FileLocks in one process on the same path also exclude each other.
#include "support/error.h"
#include "support/unique_fd.h"

#include <filesystem>

namespace berth {

class FileLock {
public:
    enum class Mode { Shared, Exclusive };
    // Blocks until the lock is granted; creates the lock file if needed.
    static Result<FileLock> acquire(const std::filesystem::path& path, Mode mode);
    // Returns a Busy error instead of waiting.
    static Result<FileLock> tryAcquire(const std::filesystem::path& path, Mode mode);

    FileLock(FileLock&&) noexcept = default;
    FileLock& operator=(FileLock&&) noexcept = default;
    void release() { m_fd.reset(); }

private:
    explicit FileLock(UniqueFd fd) : m_fd(std::move(fd)) {}
    UniqueFd m_fd;
};

} // namespace berth
