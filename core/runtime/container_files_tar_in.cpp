// `berth cp - CONTAINER:DEST`: a tar from stdin extracted into a directory of the container. The
// stream is hostile input: entries are cleaned with the layer code's rules (layer/entry_path.h),
// every parent is resolved with openat2(RESOLVE_IN_ROOT) from the destination, so "..", absolute
// links and link chains stay inside it, and every object is created and changed through
// descriptors with O_NOFOLLOW. A symlink the stream itself made is never written through: a tar
// that plants "x -> /etc" and then writes "x/passwd" is refused.
#include "runtime/container_files.h"
#include "runtime/container_files_source.h"

#include "layer/entry_path.h"
#include "layer/tar_reader.h"
#include "support/byte_source.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <linux/openat2.h>
#include <set>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <vector>

namespace berth::runtime {

namespace {

using layer::LayerEntry;

// Stdin as a ByteSource. The first bytes are read ahead: an empty stream is an empty archive (as
// Docker's reader takes it), which libarchive would call an unrecognized format.
class FdSource final : public ByteSource {
public:
    explicit FdSource(int fd) : m_fd(fd) {}
    Result<bool> isEmpty() {
        m_ahead.resize(4096);
        auto n = BERTH_TRY(readFd(m_ahead.data(), m_ahead.size()));
        m_ahead.resize(n);
        return n == 0;
    }
    Result<std::size_t> read(char* buf, std::size_t cap) override {
        if (m_ahead.empty()) return readFd(buf, cap);
        std::size_t n = std::min(cap, m_ahead.size());
        std::copy_n(m_ahead.data(), n, buf);
        m_ahead.erase(0, n);
        return n;
    }
    std::uint64_t bytes() const { return m_bytes; }

private:
    Result<std::size_t> readFd(char* buf, std::size_t cap) {
        for (;;) {
            ssize_t n = ::read(m_fd, buf, cap);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return sysFail("reading the tar stream");
            m_bytes += static_cast<std::uint64_t>(n);
            return static_cast<std::size_t>(n);
        }
    }

    int m_fd;
    std::string m_ahead;
    std::uint64_t m_bytes = 0;
};

// Opens rel (cleaned, "" for dest itself) inside dest as if dest were the root.
int openInDest(int dest, const std::string& rel, int flags) {
    open_how how{};
    how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    return static_cast<int>(::syscall(SYS_openat2, dest, rel.empty() ? "." : rel.c_str(), &how, sizeof how));
}

class TarIn {
public:
    TarIn(int dest, CopyOwner owner) : m_dest(dest), m_owner(owner) {}

    Status write(const LayerEntry& e, layer::TarReader& reader) {
        if (auto s = layer::cleanEntryPath(e.path, m_path); !s)
            return fail(ErrorCode::Breakout, "climbs out of the destination");
        if (m_path.empty()) return {}; // the destination itself keeps its attributes
        BERTH_CHECK(notThroughLink(m_path, false));
        auto [parentPath, base] = layer::splitParent(m_path);
        m_base.assign(base);
        auto parent = BERTH_TRY(openParent(std::string(parentPath)));
        switch (e.type) {
        case LayerEntry::Type::Dir: return directory(parent.get(), e);
        case LayerEntry::Type::File: return file(parent.get(), e, reader);
        case LayerEntry::Type::Symlink: return symlink(parent.get(), e);
        case LayerEntry::Type::Hardlink: return hardlink(parent.get(), e);
        case LayerEntry::Type::CharDevice:
        case LayerEntry::Type::BlockDevice:
        case LayerEntry::Type::Fifo: return node(parent.get(), e);
        case LayerEntry::Type::Other: return {};
        }
        return {};
    }

    // Directory owners, modes and times, children first (creating a child changes the mtime).
    Status finish() {
        for (auto it = m_dirs.rbegin(); it != m_dirs.rend(); ++it) {
            UniqueFd fd(openInDest(m_dest, it->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW));
            if (!fd.isValid()) return sysFail("opening directory " + it->path);
            BERTH_CHECK(withContext(attributes(fd.get(), it->entry), it->path));
        }
        return {};
    }

private:
    struct DeferredDir {
        std::string path;
        LayerEntry entry;
    };

    // Refuses a path (a parent of it, or with self the path itself) that is a symlink this stream made.
    Status notThroughLink(const std::string& path, bool self) const {
        for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
            if (m_links.count(path.substr(0, slash)))
                return fail(ErrorCode::Breakout, "goes through the symlink " + path.substr(0, slash) +
                                                     " made by the same archive");
        if (self && m_links.count(path))
            return fail(ErrorCode::Breakout,
                        "goes through the symlink " + path + " made by the same archive");
        return {};
    }

    // The parent directory, made (0755, root's) where the stream did not list it first.
    Result<UniqueFd> openParent(const std::string& rel) {
        UniqueFd fd(openInDest(m_dest, rel, O_RDONLY | O_DIRECTORY));
        if (fd.isValid() || errno != ENOENT) {
            if (!fd.isValid()) return sysFail("opening " + rel);
            return fd;
        }
        UniqueFd at(openInDest(m_dest, "", O_RDONLY | O_DIRECTORY));
        std::string prefix;
        for (std::size_t pos = 0; pos <= rel.size();) {
            auto slash = std::min(rel.find('/', pos), rel.size());
            std::string name = rel.substr(pos, slash - pos);
            prefix += (prefix.empty() ? "" : "/") + name;
            pos = slash + 1;
            UniqueFd next(openInDest(m_dest, prefix, O_RDONLY | O_DIRECTORY));
            if (!next.isValid() && errno == ENOENT) {
                if (::mkdirat(at.get(), name.c_str(), 0755) != 0 && errno != EEXIST)
                    return sysFail("creating directory " + prefix);
                next.reset(openInDest(m_dest, prefix, O_RDONLY | O_DIRECTORY));
            }
            if (!next.isValid()) return sysFail("opening " + prefix);
            at = std::move(next);
        }
        return at;
    }

    // Makes room for a new entry: a non-directory there is removed, a directory stays for a
    // directory entry (true) and is an error for anything else (Docker's cp never replaces one).
    Result<bool> clear(int parent, bool forDir) {
        struct stat old {};
        if (::fstatat(parent, m_base.c_str(), &old, AT_SYMLINK_NOFOLLOW) != 0) return false;
        if (S_ISDIR(old.st_mode)) {
            if (forDir) return true;
            return fail(ErrorCode::AlreadyExists,
                        "cannot overwrite directory " + m_path + " with a non-directory");
        }
        if (::unlinkat(parent, m_base.c_str(), 0) != 0) return sysFail("replacing " + m_path);
        m_links.erase(m_path);
        return false;
    }

    Status owner(int fd, const LayerEntry& e) {
        uid_t uid = m_owner == CopyOwner::Preserve ? e.uid : 0;
        gid_t gid = m_owner == CopyOwner::Preserve ? e.gid : 0;
        if (::fchownat(fd, "", uid, gid, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0)
            return sysFail("changing the owner");
        return {};
    }

    // Owner first: chown clears setuid and setgid, which the mode then puts back.
    Status attributes(int fd, const LayerEntry& e) {
        BERTH_CHECK(owner(fd, e));
        if (::fchmod(fd, e.mode & 07777) != 0) return sysFail("setting the mode");
        const timespec times[2] = {e.atime.tv_sec || e.atime.tv_nsec ? e.atime : e.mtime, e.mtime};
        if (::futimens(fd, times) != 0) return sysFail("setting the times");
        return {};
    }

    Status directory(int parent, const LayerEntry& e) {
        bool exists = BERTH_TRY(clear(parent, true));
        if (!exists && ::mkdirat(parent, m_base.c_str(), 0700) != 0) return sysFail("creating directory");
        m_dirs.push_back({m_path, e});
        return {};
    }

    Status file(int parent, const LayerEntry& e, layer::TarReader& reader) {
        (void)BERTH_TRY(clear(parent, false));
        UniqueFd out(
            ::openat(parent, m_base.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!out.isValid()) return sysFail("creating the file");
        for (;;) {
            auto block = BERTH_TRY(reader.readBlock());
            if (block.size == 0) break;
            for (std::size_t done = 0; done < block.size;) {
                ssize_t n = ::pwrite(out.get(), block.data + done, block.size - done,
                                     block.offset + static_cast<off_t>(done));
                if (n < 0 && errno == EINTR) continue;
                if (n < 0) return sysFail("writing the file");
                done += static_cast<std::size_t>(n);
            }
        }
        if (::ftruncate(out.get(), e.size) != 0) return sysFail("writing the file"); // a sparse tail
        return attributes(out.get(), e);
    }

    Status symlink(int parent, const LayerEntry& e) {
        (void)BERTH_TRY(clear(parent, false));
        if (::symlinkat(e.linkname.c_str(), parent, m_base.c_str()) != 0) return sysFail("creating the link");
        m_links.insert(m_path);
        UniqueFd link(::openat(parent, m_base.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!link.isValid()) return sysFail("opening the link");
        BERTH_CHECK(owner(link.get(), e));
        const timespec times[2] = {e.mtime, e.mtime};
        if (::utimensat(parent, m_base.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
            return sysFail("setting the times");
        return {};
    }

    // A hardlink's target must be an earlier non-directory inside the destination.
    Status hardlink(int parent, const LayerEntry& e) {
        std::string target;
        layer::cleanLinkTarget(e.linkname, target);
        if (target.empty() || target == m_path) return fail(ErrorCode::Breakout, "links to " + e.linkname);
        BERTH_CHECK(notThroughLink(target, false));
        auto [targetParent, targetBase] = layer::splitParent(target);
        UniqueFd from(openInDest(m_dest, std::string(targetParent), O_RDONLY | O_DIRECTORY));
        struct stat st {};
        std::string fromName(targetBase);
        if (!from.isValid() || ::fstatat(from.get(), fromName.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return fail(ErrorCode::NotFound, "links to " + e.linkname + ", which is not in the destination");
        if (S_ISDIR(st.st_mode)) return fail(ErrorCode::Breakout, "links to the directory " + e.linkname);
        (void)BERTH_TRY(clear(parent, false));
        if (::linkat(from.get(), fromName.c_str(), parent, m_base.c_str(), 0) != 0)
            return sysFail("creating the hardlink");
        return {};
    }

    Status node(int parent, const LayerEntry& e) {
        (void)BERTH_TRY(clear(parent, false));
        mode_t type = e.type == LayerEntry::Type::CharDevice    ? S_IFCHR
                      : e.type == LayerEntry::Type::BlockDevice ? S_IFBLK
                                                                : S_IFIFO;
        // The mode goes in with mknodat (less the umask): chmod by name would follow a swapped-in link.
        if (::mknodat(parent, m_base.c_str(), type | (e.mode & 07777), e.rdev) != 0)
            return sysFail("creating the node");
        UniqueFd fd(::openat(parent, m_base.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!fd.isValid()) return sysFail("opening the node");
        return owner(fd.get(), e);
    }

    int m_dest;
    CopyOwner m_owner;
    std::string m_path; // the cleaned entry path
    std::string m_base; // its last component
    std::set<std::string> m_links;
    std::vector<DeferredDir> m_dirs;
};

} // namespace

Result<std::uint64_t> extractTarStream(int inFd, const CopyEnd& dst, CopyOwner owner) {
    UniqueFd dest(detail::openEnd(dst, dst.path, O_RDONLY | O_DIRECTORY));
    if (!dest.isValid()) {
        if (errno == ENOTDIR)
            return fail(ErrorCode::InvalidArgument, "destination " + dst.path + " must be a directory");
        if (errno == ENOENT) return fail(ErrorCode::NotFound, "could not find the file " + dst.path);
        return sysFail("opening " + dst.path);
    }
    FdSource source(inFd);
    if (BERTH_TRY(source.isEmpty())) return 0;
    auto reader = BERTH_TRY(layer::TarReader::open(source, layer::ApplyLimits{}, {}));
    TarIn in(dest.get(), owner);
    LayerEntry entry;
    while (BERTH_TRY(reader->next(entry)))
        BERTH_CHECK(withContext(in.write(entry, *reader), "extracting " + entry.path + " into " + dst.path));
    BERTH_CHECK(withContext(in.finish(), "extracting into " + dst.path));
    (void)BERTH_TRY(reader->finish()); // the rest of the stream, so the writer never sees a broken pipe
    return source.bytes();
}

} // namespace berth::runtime
