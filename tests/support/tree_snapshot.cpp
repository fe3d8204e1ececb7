#include "tree_snapshot.h"

#include "support/sha256.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sys/sysmacros.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <vector>

namespace berth::test {

namespace fs = std::filesystem;

static std::string userXattrs(const fs::path& p) {
    char names[4096];
    ssize_t n = ::llistxattr(p.c_str(), names, sizeof names);
    if (n <= 0) return {};
    std::vector<std::string> keys;
    for (ssize_t i = 0; i < n;) {
        std::string k(names + i);
        i += static_cast<ssize_t>(k.size()) + 1;
        if (k.rfind("user.", 0) == 0) keys.push_back(k);
    }
    std::sort(keys.begin(), keys.end());
    std::string out;
    for (auto& k : keys) {
        char v[1024];
        ssize_t len = ::lgetxattr(p.c_str(), k.c_str(), v, sizeof v);
        out += " " + k + "=" + std::string(v, len > 0 ? static_cast<std::size_t>(len) : 0);
    }
    return out;
}

static std::string describe(const fs::path& p) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) return "unreadable";
    std::ostringstream d;
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777);
    d << mode << " " << st.st_uid << ":" << st.st_gid << " ";
    if (S_ISREG(st.st_mode)) {
        std::ifstream f(p, std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        d << "file " << st.st_size << " " << Sha256::hexOf(ss.str()).substr(0, 16);
    } else if (S_ISDIR(st.st_mode)) {
        d << "dir";
    } else if (S_ISLNK(st.st_mode)) {
        d << "symlink -> " << fs::read_symlink(p).string();
    } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
        d << (S_ISCHR(st.st_mode) ? "char " : "block ") << major(st.st_rdev) << "," << minor(st.st_rdev);
    } else if (S_ISFIFO(st.st_mode)) {
        d << "fifo";
    } else {
        d << "other";
    }
    d << userXattrs(p);
    return d.str();
}

TreeDescription describeTree(const fs::path& root) {
    TreeDescription out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        out[fs::relative(it->path(), root).string()] = describe(it->path());
    return out;
}

std::string diffTrees(const TreeDescription& ours, const TreeDescription& reference, std::size_t maxLines) {
    std::string out;
    std::size_t lines = 0;
    auto add = [&](const std::string& s) {
        if (lines++ < maxLines) out += s + "\n";
    };
    for (auto& [path, d] : reference) {
        auto it = ours.find(path);
        if (it == ours.end()) add("missing in ours: " + path + " (" + d + ")");
        else if (it->second != d) add("differs: " + path + ": ours " + it->second + " | reference " + d);
    }
    for (auto& [path, d] : ours)
        if (!reference.count(path)) add("extra in ours: " + path + " (" + d + ")");
    return out;
}

} // namespace berth::test
