#include "models/upper_classifier.h"

#include "models/layer_diff.h" // isWhiteout

#include <algorithm>

namespace berth::ui {

namespace fs = std::filesystem;

namespace {

// True when the topmost lower layer that has rel has a real entry (not a whiteout) there.
bool inLowers(const fs::path& rel, const std::vector<fs::path>& lowers) {
    for (auto it = lowers.rbegin(); it != lowers.rend(); ++it) {
        std::error_code ec;
        const fs::path p = *it / rel;
        if (!fs::exists(fs::symlink_status(p, ec))) continue;
        return !isWhiteout(p);
    }
    return false;
}

} // namespace

QList<UpperChange> classifyUpper(const fs::path& upper, const std::vector<fs::path>& lowers) {
    QList<UpperChange> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(upper, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path rel = fs::relative(it->path(), upper, ec);
        UpperChange c;
        c.path = QLatin1Char('/') + QString::fromStdString(rel.string());
        const bool dir = it->is_directory(ec) && !it->is_symlink(ec);
        c.isDir = dir;
        if (isWhiteout(it->path())) {
            c.kind = QLatin1Char('D');
        } else if (dir) {
            c.isOpaque = isOpaqueDir(it->path());
            const bool below = inLowers(rel, lowers);
            if (below && !c.isOpaque) continue; // only holds changes
            c.kind = below ? QLatin1Char('C') : QLatin1Char('A');
        } else {
            c.kind = inLowers(rel, lowers) ? QLatin1Char('C') : QLatin1Char('A');
            if (it->is_regular_file(ec)) c.size = it->file_size(ec);
        }
        out << c;
    }
    std::sort(out.begin(), out.end(), [](const UpperChange& a, const UpperChange& b) { return a.path < b.path; });
    return out;
}

} // namespace berth::ui
