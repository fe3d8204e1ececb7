#include "layer/lower_layers.h"

#include "layer/entry_path.h"
#include "layer/tree_ops.h"

#include <cerrno>
#include <fcntl.h>

namespace berth::layer {

Result<std::optional<LowerLayers::Found>> LowerLayers::find(std::string_view path) {
    if (m_roots.size() < m_dirs.size()) m_roots.resize(m_dirs.size());
    auto [parent, base] = splitParent(path);
    Found found;
    found.name.assign(base);
    for (std::size_t i = 0; i < m_dirs.size(); ++i) {
        if (!m_roots[i]) m_roots[i] = BERTH_TRY(RootResolver::open(m_dirs[i]));
        auto dir = m_roots[i]->openDir(parent);
        if (!dir) {
            if (dir.error().code == ErrorCode::NotFound) continue;
            return std::unexpected(dir.error());
        }
        if (::fstatat(*dir, found.name.c_str(), &found.st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT || errno == ENOTDIR) continue;
            return sysFail("looking up " + std::string(path) + " in " + m_dirs[i].string());
        }
        if (isWhiteoutDevice(found.st)) return std::nullopt;
        found.dirFd = *dir;
        return found;
    }
    return std::nullopt;
}

} // namespace berth::layer
