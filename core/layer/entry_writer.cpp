#include "layer/entry_writer.h"

#include "layer/entry_path.h"
#include "layer/tree_ops.h"
#include "support/user_namespace.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace berth::layer {

namespace {

// AUFS kept hardlink targets under /.wh..wh.plnk; we unpack them there and drop the directory
// at the end, so hardlinks to them still work (moby/go-archive diff.go does the same).
constexpr std::string_view kAufsLinkDir = ".wh..wh.plnk";

std::string_view firstComponent(std::string_view path) { return path.substr(0, path.find('/')); }

} // namespace

// Root of a user namespace (rootless) holds capabilities only over the ids mapped there: no
// devices, no trusted.* xattrs, and overlay reads its markers from user.overlay.* (userxattr).
EntryWriter::EntryWriter(RootResolver& root, const ApplyOptions& options)
    : m_root(root), m_options(options), m_lowers(options.parentDirs),
      m_isRoot(::geteuid() == 0 && !inUserNamespace()), m_userXattr(options.userXattr || inUserNamespace()) {}

Status EntryWriter::write(const LayerEntry& e, TarReader& reader) {
    BERTH_CHECK(cleanEntryPath(e.path, m_path));
    if (m_path.empty()) return writeRootDir(e);
    std::string_view top = firstComponent(m_path);
    if (top == kAufsLinkDir) m_sawAufsLinks = true;
    else if (whiteoutKind(top) == WhiteoutKind::AufsMeta) return {}; // other AUFS bookkeeping

    auto [parent, base] = splitParent(m_path);
    WhiteoutKind kind = whiteoutKind(base);
    if (kind == WhiteoutKind::Invalid) return fail(ErrorCode::Corrupt, "invalid whiteout entry");
    if (kind == WhiteoutKind::AufsMeta) return {};
    m_base.assign(base);
    int dirFd = BERTH_TRY(m_root.openDir(parent, this));

    switch (kind) {
    case WhiteoutKind::Whiteout: return writeWhiteout(dirFd, e);
    case WhiteoutKind::Opaque: return writeOpaque(dirFd);
    default: break;
    }
    switch (e.type) {
    case LayerEntry::Type::Dir: return writeDir(dirFd, e);
    case LayerEntry::Type::File: return writeFile(dirFd, e, reader);
    case LayerEntry::Type::Symlink: return writeSymlink(dirFd, e);
    case LayerEntry::Type::Hardlink: return writeHardlink(dirFd, e);
    case LayerEntry::Type::CharDevice:
    case LayerEntry::Type::BlockDevice:
    case LayerEntry::Type::Fifo: return writeNode(dirFd, e);
    case LayerEntry::Type::Other: return {}; // sockets and unknown types carry nothing to unpack
    }
    return {};
}

Status EntryWriter::writeRootDir(const LayerEntry& e) {
    // "./" entries describe the layer root itself; anything else cannot replace it.
    if (e.type != LayerEntry::Type::Dir) return fail(ErrorCode::Breakout, "entry would replace the layer root");
    if (m_options.preserveOwners && ::fchown(m_root.rootFd(), e.uid, e.gid) != 0) return chownFail(e);
    BERTH_CHECK(setXattrs(m_root.rootFd(), -1, e, false));
    deferDir("", e.mode, e.mtime, e.atime);
    return {};
}

Status EntryWriter::writeWhiteout(int dirFd, const LayerEntry& e) {
    // ".wh.<name>" becomes the overlay whiteout <name>: a 0/0 character device. A whiteout only
    // hides the layers below, so if this layer already made <name>, that object stays.
    const char* name = m_base.c_str() + kWhiteoutPrefix.size();
    if (::mknodat(dirFd, name, S_IFCHR, makedev(0, 0)) != 0) {
        if (errno == EEXIST) return {};
        return sysFail("creating whiteout " + std::string(name));
    }
    if (m_options.preserveOwners && ::fchownat(dirFd, name, e.uid, e.gid, AT_SYMLINK_NOFOLLOW) != 0)
        return chownFail(e);
    return {};
}

Status EntryWriter::writeOpaque(int dirFd) {
    const char* key = m_userXattr ? "user.overlay.opaque" : "trusted.overlay.opaque";
    // dirFd may be an O_PATH fd, which fsetxattr refuses: go through its /proc link instead
    // (followed, it is the directory itself).
    if (::setxattr(procPath(dirFd, "").c_str(), key, "y", 1, 0) != 0)
        return sysFail(std::string("marking the directory opaque (") + key + ")");
    return {};
}

Status EntryWriter::writeDir(int dirFd, const LayerEntry& e) {
    bool opaque = false;
    if (::mkdirat(dirFd, m_base.c_str(), 0700) != 0) {
        if (errno != EEXIST) return sysFail("creating directory");
        struct stat st {};
        if (::fstatat(dirFd, m_base.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return sysFail("inspecting directory");
        if (!S_ISDIR(st.st_mode)) {
            // A directory replacing a whiteout made by this layer means "delete, then create
            // anew": in overlay form that is an opaque directory.
            opaque = isWhiteoutDevice(st);
            BERTH_CHECK(replaceExisting(dirFd));
            if (::mkdirat(dirFd, m_base.c_str(), 0700) != 0) return sysFail("creating directory");
        }
    }
    BERTH_CHECK(setOwnerAt(dirFd, e));
    if (!e.xattrs.empty() || opaque) {
        UniqueFd fd(::openat(dirFd, m_base.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!fd.isValid()) return sysFail("opening directory");
        BERTH_CHECK(setXattrs(fd.get(), -1, e, false));
        if (opaque) BERTH_CHECK(writeOpaque(fd.get()));
    }
    deferDir(m_path, e.mode, e.mtime, e.atime);
    return {};
}

Status EntryWriter::replaceExisting(int& dirFd) {
    struct stat st {};
    if (::fstatat(dirFd, m_base.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? Status{} : sysFail("inspecting existing " + m_base);
    if (S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode)) {
        // Cached directory fds may lead through what goes away; keep only our parent.
        m_pinned.reset(::fcntl(dirFd, F_DUPFD_CLOEXEC, 0));
        if (!m_pinned.isValid()) return sysFail("duplicating a directory fd");
        dirFd = m_pinned.get();
        m_root.invalidate();
    }
    return removeAt(dirFd, m_base.c_str());
}

void EntryWriter::deferDir(std::string_view path, unsigned mode, timespec mtime, timespec atime) {
    std::string key(path);
    auto [it, inserted] = m_dirIndex.try_emplace(key, m_dirs.size());
    if (inserted) m_dirs.push_back(DeferredDir{std::move(key), mode, {atime, mtime}});
    else m_dirs[it->second] = DeferredDir{std::move(key), mode, {atime, mtime}};
}

Status EntryWriter::finish() {
    if (m_sawAufsLinks) {
        m_root.invalidate();
        BERTH_CHECK(removeAt(m_root.rootFd(), std::string(kAufsLinkDir).c_str()));
    }
    // Children first (reverse of creation order), so a parent's time is set after its last
    // change and a read-only parent never blocks reaching a child.
    for (auto it = m_dirs.rbegin(); it != m_dirs.rend(); ++it) {
        if (it->path.empty()) {
            if (::fchmod(m_root.rootFd(), it->mode) != 0 || ::futimens(m_root.rootFd(), it->times) != 0)
                return sysFail("setting attributes of the layer root");
            continue;
        }
        auto [parent, base] = splitParent(it->path);
        auto dirFd = m_root.openDir(parent);
        if (!dirFd) continue; // replaced by a later entry
        m_base.assign(base);
        struct stat st {};
        if (::fstatat(*dirFd, m_base.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode)) continue;
        if (::fchmodat(*dirFd, m_base.c_str(), it->mode, AT_SYMLINK_NOFOLLOW) != 0 ||
            ::utimensat(*dirFd, m_base.c_str(), it->times, AT_SYMLINK_NOFOLLOW) != 0)
            return withContext(Status(sysFail("setting attributes")), "directory \"" + it->path + "\"");
    }
    return {};
}

Status EntryWriter::makeDir(int parentFd, const char* name, std::string_view realPath) {
    auto lower = BERTH_TRY(m_lowers.find(realPath));
    if (!lower || !S_ISDIR(lower->st.st_mode)) {
        if (::mkdirat(parentFd, name, 0755) != 0) return sysFail("creating directory " + std::string(realPath));
        return {};
    }
    UniqueFd src(::openat(lower->dirFd, lower->name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!src.isValid()) return sysFail("opening lower directory " + std::string(realPath));
    if (::mkdirat(parentFd, name, 0700) != 0) return sysFail("creating directory " + std::string(realPath));
    UniqueFd dst(::openat(parentFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!dst.isValid()) return sysFail("opening directory " + std::string(realPath));
    BERTH_CHECK(copyDirAttributes(src.get(), lower->st, dst.get()));
    deferDir(realPath, lower->st.st_mode & 07777, lower->st.st_mtim, lower->st.st_atim);
    return {};
}

} // namespace berth::layer
