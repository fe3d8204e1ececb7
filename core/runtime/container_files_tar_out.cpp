// `berth cp CONTAINER:SRC -`: a tar of a path, written through descriptors like the file copy
// (container_files.h), so nothing it reads can lead outside the container's root.
#include "runtime/container_files.h"
#include "runtime/container_files_source.h"
#include "support/file_util.h"

#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace berth::runtime {

namespace {

class TarOut {
public:
    explicit TarOut(int fd) : m_fd(fd), m_archive(archive_write_new()), m_entry(archive_entry_new()) {}
    ~TarOut() {
        archive_entry_free(m_entry);
        archive_write_free(m_archive);
    }
    TarOut(const TarOut&) = delete;
    TarOut& operator=(const TarOut&) = delete;

    Status open() {
        // The pax format of Go's archive/tar, without libarchive's padding to 10 KiB blocks.
        if (archive_write_set_format_pax_restricted(m_archive) != ARCHIVE_OK ||
            archive_write_set_bytes_in_last_block(m_archive, 1) != ARCHIVE_OK ||
            archive_write_open_fd(m_archive, m_fd) != ARCHIVE_OK)
            return failed("starting the tar stream");
        return {};
    }
    Status close() {
        if (archive_write_close(m_archive) != ARCHIVE_OK) return failed("ending the tar stream");
        return {};
    }
    std::uint64_t bytes() { return static_cast<std::uint64_t>(archive_filter_bytes(m_archive, -1)); }

    // The entry `name` of dirFd, as it is (a symlink stays a symlink).
    Status entry(int dirFd, const std::string& name, const std::string& tarName) {
        struct stat st {};
        if (::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return sysFail("reading " + tarName);
        if (S_ISLNK(st.st_mode)) return symlink(dirFd, name, st, tarName);
        if (S_ISSOCK(st.st_mode)) return {}; // as tar: a socket means nothing once copied
        if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) return header(st, tarName, nullptr);
        // O_NONBLOCK: an entry swapped for a FIFO since the stat must not hang us.
        UniqueFd fd(::openat(dirFd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
        struct stat now {};
        if (!fd.isValid() || ::fstat(fd.get(), &now) != 0) return sysFail("opening " + tarName);
        if ((now.st_mode & S_IFMT) != (st.st_mode & S_IFMT))
            return fail(ErrorCode::Busy, tarName + " changed while copying");
        return S_ISDIR(now.st_mode) ? directory(fd.get(), now, tarName) : file(fd.get(), now, tarName);
    }

    Status directory(int fd, const struct stat& st, const std::string& tarName) {
        BERTH_CHECK(header(st, tarName.ends_with('/') ? tarName : tarName + "/", nullptr));
        const auto names = BERTH_TRY(directoryEntries(fd, tarName));
        for (const auto& n : names)
            BERTH_CHECK(entry(fd, n, (tarName.ends_with('/') ? tarName : tarName + "/") + n));
        return {};
    }

    Status file(int fd, const struct stat& st, const std::string& tarName) {
        BERTH_CHECK(header(st, tarName, nullptr));
        std::vector<char> buf(1 << 16);
        for (;;) {
            ssize_t n = ::read(fd, buf.data(), buf.size());
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            if (n < 0) return sysFail("reading " + tarName);
            if (n == 0) break;
            // A file that grew since the header is cut at its size there; one that shrank is padded.
            if (archive_write_data(m_archive, buf.data(), static_cast<std::size_t>(n)) < 0)
                return failed("writing " + tarName);
        }
        return {};
    }

    Status symlink(int dirFd, const std::string& name, const struct stat& st, const std::string& tarName) {
        std::string target(static_cast<std::size_t>(st.st_size) + 1, '\0');
        ssize_t n = ::readlinkat(dirFd, name.c_str(), target.data(), target.size());
        if (n < 0) return sysFail("reading link " + tarName);
        target.resize(static_cast<std::size_t>(n));
        return header(st, tarName, target.c_str());
    }

    Status header(const struct stat& st, const std::string& tarName, const char* linkTarget) {
        archive_entry_clear(m_entry);
        archive_entry_copy_stat(m_entry, &st);
        archive_entry_set_pathname(m_entry, tarName.c_str());
        if (!S_ISREG(st.st_mode)) archive_entry_set_size(m_entry, 0);
        if (linkTarget) archive_entry_set_symlink(m_entry, linkTarget);
        if (archive_write_header(m_archive, m_entry) < ARCHIVE_WARN) return failed("writing " + tarName);
        return {};
    }

private:
    Status failed(const std::string& what) {
        const char* why = archive_error_string(m_archive);
        return fail(ErrorCode::Io, what + ": " + (why ? why : "libarchive failed"));
    }

    int m_fd;
    struct archive* m_archive;
    struct archive_entry* m_entry;
};

} // namespace

Result<std::uint64_t> writeTarStream(const CopyEnd& src, int outFd, bool followLink) {
    auto o = BERTH_TRY(detail::openSource(src, followLink));
    // Docker names the entries after the source's base name ("." for "dir/." and "/"); a followed
    // link keeps the link's name.
    const std::string name = o.path.contentsOnly || o.path.base.empty() ? "." : o.path.base;
    TarOut out(outFd);
    BERTH_CHECK(out.open());
    if (o.dir.isValid())
        BERTH_CHECK(out.directory(o.dir.get(), o.st, name));
    else if (o.file.isValid())
        BERTH_CHECK(out.file(o.file.get(), o.st, name));
    else if (o.followed)
        BERTH_CHECK(out.header(o.st, name, nullptr));
    else
        BERTH_CHECK(out.entry(o.parent.get(), o.path.base, name));
    BERTH_CHECK(out.close());
    return out.bytes();
}

} // namespace berth::runtime
