#pragma once
// The layers below the one being applied (ApplyOptions::parentDirs, top first), read-only. A
// hardlink whose target an earlier layer holds is copied up from here, and a directory the tar
// only implies (it names "a/b/f" without "a/") takes its owner and mode from here, so the upper
// copy does not hide the real attributes in the merged view.
#include "layer/root_resolver.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace berth::layer {

class LowerLayers {
public:
    explicit LowerLayers(std::vector<std::filesystem::path> dirs) : m_dirs(std::move(dirs)) {}

    struct Found {
        int dirFd = -1;   // the containing directory; valid until the next find()
        std::string name; // base name inside it
        struct stat st {};
    };
    // Looks path up from the top layer down; a whiteout on the way hides what is below.
    Result<std::optional<Found>> find(std::string_view path);

private:
    std::vector<std::filesystem::path> m_dirs;
    std::vector<std::optional<RootResolver>> m_roots; // opened on first use
};

} // namespace berth::layer
