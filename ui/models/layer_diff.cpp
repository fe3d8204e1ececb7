#include "models/layer_diff.h"

#include <sys/stat.h>
#include <sys/xattr.h>

#include <algorithm>

namespace berth::ui {

namespace fs = std::filesystem;

namespace {

enum class Presence { Absent, Present, Whiteout };

Presence presenceOf(const fs::path& p) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) return Presence::Absent;
    return S_ISCHR(st.st_mode) && st.st_rdev == 0 ? Presence::Whiteout : Presence::Present;
}

// Within one layer: does an ancestor of relPath hide the layers below (whiteout or opaque)?
bool ancestorHides(const fs::path& layer, const fs::path& relPath) {
    fs::path prefix = layer;
    for (auto it = relPath.begin(); it != relPath.end() && std::next(it) != relPath.end(); ++it) {
        prefix /= *it;
        Presence p = presenceOf(prefix);
        if (p == Presence::Whiteout) return true;
        if (p == Presence::Absent) return false;
        if (isOpaqueDir(prefix)) return true;
    }
    return false;
}

LayerFileEntry classifyOne(const fs::path& abs, const fs::path& rel, const std::vector<fs::path>& lowers) {
    LayerFileEntry e;
    e.path = QString::fromStdString(rel.generic_string());
    struct stat st {};
    if (::lstat(abs.c_str(), &st) != 0) return e;
    if (S_ISCHR(st.st_mode) && st.st_rdev == 0) {
        e.change = FileChange::Removed;
        return e;
    }
    bool below = existsInStack(rel, lowers);
    e.isDir = S_ISDIR(st.st_mode);
    if (e.isDir) {
        e.isOpaque = isOpaqueDir(abs);
        e.change = !below ? FileChange::Added : (e.isOpaque ? FileChange::Modified : FileChange::Unchanged);
    } else {
        e.size = S_ISREG(st.st_mode) ? static_cast<quint64>(st.st_size) : 0;
        e.change = below ? FileChange::Modified : FileChange::Added;
    }
    return e;
}

} // namespace

bool isWhiteout(const fs::path& p) { return presenceOf(p) == Presence::Whiteout; }

bool isOpaqueDir(const fs::path& p) {
    // Root writes trusted.*, rootless overlay (userxattr) reads user.*: accept both.
    for (const char* key : {"trusted.overlay.opaque", "user.overlay.opaque"}) {
        char value[4] = {};
        ssize_t n = ::lgetxattr(p.c_str(), key, value, sizeof value);
        if (n == 1 && value[0] == 'y') return true;
    }
    return false;
}

bool existsInStack(const fs::path& relPath, const std::vector<fs::path>& lowerDirsTopFirst) {
    for (const auto& layer : lowerDirsTopFirst) {
        switch (presenceOf(layer / relPath)) {
        case Presence::Whiteout: return false;
        case Presence::Present: return true;
        case Presence::Absent: break;
        }
        if (ancestorHides(layer, relPath)) return false;
    }
    return false;
}

QList<LayerFileEntry> classifyLayer(const fs::path& layerDir, const std::vector<fs::path>& lowerDirsTopFirst,
                                    int maxEntries) {
    QList<LayerFileEntry> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(layerDir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (out.size() >= maxEntries) break;
        out.push_back(classifyOne(it->path(), it->path().lexically_relative(layerDir), lowerDirsTopFirst));
    }
    std::sort(out.begin(), out.end(), [](const LayerFileEntry& a, const LayerFileEntry& b) { return a.path < b.path; });
    return out;
}

} // namespace berth::ui
