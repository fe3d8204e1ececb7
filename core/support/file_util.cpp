#include "support/file_util.h"

#include "support/unique_fd.h"

#include <atomic>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth {

Result<std::string> readFile(const fs::path& path, std::uint64_t maxSize) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid()) {
        int err = errno;
        auto e = sysFail("reading " + path.string(), err);
        if (err == ENOENT) e.error().code = ErrorCode::NotFound;
        return e;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return sysFail("stat " + path.string());
    if (static_cast<std::uint64_t>(st.st_size) > maxSize)
        return fail(ErrorCode::LimitExceeded, "reading " + path.string() + ": file of " +
                                                  std::to_string(st.st_size) + " bytes exceeds the limit of " +
                                                  std::to_string(maxSize));
    std::string out;
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (true) {
        if (done == out.size()) out.resize(out.size() + 4096);
        ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return sysFail("reading " + path.string());
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
        if (done > maxSize) return fail(ErrorCode::LimitExceeded, "reading " + path.string() + ": file too large");
    }
    out.resize(done);
    return out;
}

Status fsyncDir(const fs::path& dir) {
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.isValid()) return sysFail("opening " + dir.string());
    if (::fsync(fd.get()) != 0) return sysFail("syncing " + dir.string());
    return {};
}

Status writeFileAtomic(const fs::path& path, std::string_view data, unsigned mode) {
    fs::path tmp = path;
    tmp += ".tmp-" + randomHex(6);
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (!fd.isValid()) return sysFail("creating " + tmp.string());
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::unlink(tmp.c_str());
            return sysFail("writing " + path.string(), err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        return sysFail("syncing " + path.string(), err);
    }
    fd.reset();
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        return sysFail("renaming into " + path.string(), err);
    }
    return fsyncDir(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

Status writeFileReplacing(const fs::path& path, std::string_view data, unsigned mode) {
    // Unique per process and call: two threads of one process may write different files of one directory.
    static std::atomic<unsigned> serial{0};
    const fs::path tmp =
        path.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial.fetch_add(1));
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
    if (!fd.isValid()) return sysFail("creating " + tmp.string());
    for (std::size_t done = 0; done < data.size();) {
        ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            auto st = sysFail("writing " + path.string());
            ::unlink(tmp.c_str());
            return st;
        }
        done += static_cast<std::size_t>(n);
    }
    fd.reset();
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        auto st = sysFail("renaming into " + path.string());
        ::unlink(tmp.c_str());
        return st;
    }
    return {};
}

Status makeDirs(const fs::path& dir, unsigned mode) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return sysFail("creating directory " + dir.string(), ec.value());
    (void)mode;
    return {};
}

Status removeTree(const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec && ec.value() != ENOENT) return sysFail("removing " + path.string(), ec.value());
    return {};
}

std::string randomHex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    std::size_t got = 0;
    while (got < bytes) {
        ssize_t n = ::getrandom(raw.data() + got, bytes - got, 0);
        if (n > 0) got += static_cast<std::size_t>(n);
    }
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (unsigned char c : raw) {
        s.push_back(hex[c >> 4]);
        s.push_back(hex[c & 15]);
    }
    return s;
}

Result<fs::path> makeTempDir(const fs::path& parent, std::string_view prefix) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        fs::path p = parent / (std::string(prefix) + randomHex(6));
        if (::mkdir(p.c_str(), 0700) == 0) return p;
        if (errno != EEXIST) return sysFail("creating " + p.string());
    }
    return fail(ErrorCode::Io, "creating a temporary directory under " + parent.string());
}

std::uint64_t treeSize(const fs::path& root) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && !it->is_symlink(ec)) total += it->file_size(ec);
    }
    return total;
}

bool readExactly(int fd, void* data, std::size_t size) {
    auto* p = static_cast<char*>(data);
    while (size > 0) {
        ssize_t n = ::read(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

Result<std::vector<std::string>> directoryEntries(int dirFd, const std::string& what) {
    std::vector<std::string> names;
    DIR* dir = ::fdopendir(::dup(dirFd));
    if (!dir) return sysFail("listing " + what);
    ::rewinddir(dir);
    errno = 0;
    while (auto* e = ::readdir(dir)) {
        std::string n = e->d_name;
        if (n != "." && n != "..") names.push_back(std::move(n));
    }
    int err = errno;
    ::closedir(dir);
    if (err) return sysFail("listing " + what, err);
    return names;
}

Status writeFileInPlace(const fs::path& path, std::string_view data, unsigned mode) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
    if (!fd.isValid()) return sysFail("opening " + path.string());
    for (std::size_t done = 0; done < data.size();) {
        ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return sysFail("writing " + path.string());
        done += static_cast<std::size_t>(n);
    }
    return {};
}

} // namespace berth
