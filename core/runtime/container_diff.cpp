#include "runtime/container_diff.h"

#include <algorithm>
#include <cerrno>
#include <set>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

bool isWhiteout(const struct stat& st) { return S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0); }

bool isOpaque(const fs::path& dir) {
    char value[2] = {};
    for (const char* key : {"trusted.overlay.opaque", "user.overlay.opaque"})
        if (::lgetxattr(dir.c_str(), key, value, sizeof value) == 1 && value[0] == 'y') return true;
    return false;
}

// rel has no leading slash ("etc/passwd").
class LowerView {
public:
    explicit LowerView(const std::vector<fs::path>& dirs) : m_dirs(dirs) {}

    // Whether the merged lower layers show rel: layers are read top-down; a whiteout, a
    // non-directory or an opaque directory on the way hides what the layers below hold.
    bool has(const std::string& rel) const {
        for (const auto& dir : m_dirs) {
            struct stat st {};
            if (::lstat((dir / rel).c_str(), &st) == 0) return !isWhiteout(st);
            if (hiddenBelow(dir, rel)) return false;
        }
        return false;
    }

    // The names the merged lower layers show in directory rel.
    std::set<std::string> children(const std::string& rel) const {
        std::set<std::string> seen, shown;
        for (const auto& dir : m_dirs) {
            std::error_code ec;
            fs::directory_iterator it(dir / rel, ec);
            for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
                std::string name = it->path().filename().string();
                if (!seen.insert(name).second) continue; // an upper layer decided about it already
                struct stat st {};
                if (::lstat(it->path().c_str(), &st) == 0 && !isWhiteout(st)) shown.insert(name);
            }
            if (hiddenBelow(dir, rel) || (!rel.empty() && isOpaque(dir / rel))) break;
        }
        return shown;
    }

private:
    // True when a parent of rel in this layer hides the lower layers' rel.
    static bool hiddenBelow(const fs::path& dir, const std::string& rel) {
        fs::path cur = dir;
        auto parts = fs::path(rel);
        for (auto it = parts.begin(); it != parts.end(); ++it) {
            if (std::next(it) == parts.end()) break;
            cur /= *it;
            struct stat st {};
            if (::lstat(cur.c_str(), &st) != 0) return false;
            if (!S_ISDIR(st.st_mode) || isOpaque(cur)) return true;
        }
        return false;
    }
    const std::vector<fs::path>& m_dirs;
};

Status walk(const fs::path& upper, const std::string& rel, const LowerView& lower, bool parentAdded,
            std::vector<PathChange>& out) {
    std::error_code ec;
    fs::directory_iterator it(rel.empty() ? upper : upper / rel, ec);
    if (ec) return fail(ErrorCode::Io, "reading " + (upper / rel).string() + ": " + ec.message());
    std::set<std::string> upperNames;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) return fail(ErrorCode::Io, "reading " + (upper / rel).string() + ": " + ec.message());
        std::string name = it->path().filename().string();
        std::string childRel = rel.empty() ? name : rel + "/" + name;
        upperNames.insert(name);
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0) return sysFail("reading " + it->path().string());
        if (isWhiteout(st)) {
            if (!parentAdded && lower.has(childRel)) out.push_back({'D', "/" + childRel});
            continue;
        }
        bool added = parentAdded || !lower.has(childRel);
        out.push_back({added ? 'A' : 'C', "/" + childRel});
        if (S_ISDIR(st.st_mode)) BERTH_CHECK(walk(upper, childRel, lower, added, out));
    }
    // An opaque directory hides every lower child it does not hold again.
    if (!rel.empty() && !parentAdded && isOpaque(upper / rel))
        for (const auto& name : lower.children(rel))
            if (!upperNames.count(name)) out.push_back({'D', "/" + rel + "/" + name});
    return {};
}

} // namespace

Result<std::vector<PathChange>> diffUpperDir(const fs::path& upperDir, const std::vector<fs::path>& lowerDirs) {
    LowerView lower(lowerDirs);
    std::vector<PathChange> changes;
    BERTH_CHECK(walk(upperDir, "", lower, false, changes));
    std::sort(changes.begin(), changes.end(), [](const PathChange& a, const PathChange& b) { return a.path < b.path; });
    return changes;
}

} // namespace berth::runtime
