#pragma once
// A mount as plain data: the snapshotter says what to mount, the runtime (or a test) performs it.
#include "support/error.h"

#include <filesystem>
#include <string>
#include <vector>

namespace berth::layer {

struct Mount {
    std::string type;    // "overlay", "bind"
    std::string source;
    std::vector<std::string> options; // "lowerdir=a:b", "upperdir=…", "rbind", "ro"
    // When set, paths in options are relative to this directory: overlay's option string is
    // limited to one page, and short relative names keep 100+ layer images mountable.
    std::filesystem::path workingDirectory;
};

// Performs the mount on `target`. Overlay mounts with a workingDirectory are done in a short-lived
// child that chdirs first, so the caller's cwd (shared by all its threads) never changes.
Status performMount(const Mount& mount, const std::filesystem::path& target);
Status unmount(const std::filesystem::path& target);

} // namespace berth::layer
