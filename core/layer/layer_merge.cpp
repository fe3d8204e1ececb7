#include "layer/layer_merge.h"

#include "layer/tree_ops.h"
#include "support/unique_fd.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <string>
#include <sys/xattr.h>
#include <unistd.h>
#include <vector>

namespace berth::layer {

namespace {

bool isOpaque(int dirFd) {
    char value[2];
    for (const char* key : {"trusted.overlay.opaque", "user.overlay.opaque"}) {
        ssize_t n = ::fgetxattr(dirFd, key, value, sizeof value);
        if (n == 1 && value[0] == 'y') return true;
    }
    return false;
}

Result<std::vector<std::string>> listDir(int dirFd) {
    int dup = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dup < 0) return sysFail("opening a directory");
    DIR* d = ::fdopendir(dup);
    if (!d) {
        ::close(dup);
        return sysFail("listing a directory");
    }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
        std::string_view n(e->d_name);
        if (n != "." && n != "..") names.emplace_back(n);
    }
    ::closedir(d);
    return names;
}

class Merger {
public:
    explicit Merger(int targetRoot) : m_targetRoot(targetRoot) {}
    Status mergeDir(int src, int dst, const std::string& rel);

private:
    Status mergeChildDir(int src, int dst, const std::string& name, const struct stat& st, const std::string& rel);
    Status mergeChild(int src, int dst, const std::string& name, const struct stat& st, const std::string& rel);

    int m_targetRoot;
    std::map<std::pair<dev_t, ino_t>, std::string> m_links; // first copy of each multi-link inode
};

Status Merger::mergeDir(int src, int dst, const std::string& rel) {
    if (isOpaque(src)) BERTH_CHECK(clearDir(dst)); // before this layer adds its own children
    auto names = BERTH_TRY(listDir(src));
    for (const std::string& name : names) {
        struct stat st {};
        if (::fstatat(src, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return sysFail("inspecting " + rel + name);
        std::string childRel = rel + name;
        if (isWhiteoutDevice(st)) {
            BERTH_CHECK(removeAt(dst, name.c_str()));
            continue;
        }
        auto merged = S_ISDIR(st.st_mode) ? mergeChildDir(src, dst, name, st, childRel)
                                          : mergeChild(src, dst, name, st, childRel);
        BERTH_CHECK(merged);
    }
    return {};
}

Status Merger::mergeChildDir(int src, int dst, const std::string& name, const struct stat& st, const std::string& rel) {
    struct stat existing {};
    bool isDir = ::fstatat(dst, name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(existing.st_mode);
    if (!isDir) {
        BERTH_CHECK(removeAt(dst, name.c_str()));
        if (::mkdirat(dst, name.c_str(), 0700) != 0) return sysFail("creating " + rel);
    }
    UniqueFd from(::openat(src, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    UniqueFd to(::openat(dst, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!from.isValid() || !to.isValid()) return sysFail("opening " + rel);
    BERTH_CHECK(mergeDir(from.get(), to.get(), rel + "/"));
    BERTH_CHECK(withContext(copyDirAttributes(from.get(), st, to.get()), rel));
    const timespec times[2] = {st.st_atim, st.st_mtim};
    if (::futimens(to.get(), times) != 0) return sysFail("setting times of " + rel);
    return {};
}

Status Merger::mergeChild(int src, int dst, const std::string& name, const struct stat& st, const std::string& rel) {
    BERTH_CHECK(removeAt(dst, name.c_str()));
    if (st.st_nlink > 1 && !S_ISDIR(st.st_mode)) {
        auto [it, first] = m_links.try_emplace({st.st_dev, st.st_ino}, rel);
        if (!first) {
            if (::linkat(m_targetRoot, it->second.c_str(), dst, name.c_str(), 0) != 0)
                return sysFail("linking " + rel + " to " + it->second);
            return {};
        }
    }
    return withContext(copyObject(src, name.c_str(), st, dst, name.c_str()), "copying " + rel);
}

} // namespace

Status mergeLayer(const std::filesystem::path& layer, const std::filesystem::path& target) {
    UniqueFd src(::open(layer.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!src.isValid()) return sysFail("opening layer " + layer.string());
    UniqueFd dst(::open(target.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dst.isValid()) return sysFail("opening " + target.string());
    struct stat st {};
    if (::fstat(src.get(), &st) != 0) return sysFail("inspecting layer " + layer.string());
    Merger merger(dst.get());
    BERTH_CHECK(withContext(merger.mergeDir(src.get(), dst.get(), ""), "merging layer " + layer.string()));
    BERTH_CHECK(copyDirAttributes(src.get(), st, dst.get()));
    const timespec times[2] = {st.st_atim, st.st_mtim};
    if (::futimens(dst.get(), times) != 0) return sysFail("setting times of " + target.string());
    return {};
}

} // namespace berth::layer
