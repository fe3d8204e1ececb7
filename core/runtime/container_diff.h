#pragma once
// What a container changed, read from its overlay upper directory without mounting anything
// (Docker's `diff`). Overlay records a deletion as a 0/0 character device (a whiteout) and a
// replaced directory as one marked opaque (trusted.overlay.opaque=y or user.overlay.opaque=y),
// so an entry of the upper directory is:
//   D  a whiteout;
//   C  present in a lower layer (directories holding changes are copied up, so they show as C);
//   A  present in no lower layer (everything below an added directory is added too).
// The lower children of an opaque directory that the upper one does not have again are D.
// Pure: takes directories, so tests feed temp trees.
#include "support/error.h"

#include <filesystem>
#include <string>
#include <vector>

namespace berth::runtime {

struct PathChange {
    char kind = 'C';  // 'A', 'C' or 'D'
    std::string path; // absolute inside the container: "/etc/passwd"
};

// lowerDirs are the image's layer directories, top layer first. The result is sorted by path.
Result<std::vector<PathChange>> diffUpperDir(const std::filesystem::path& upperDir,
                                             const std::vector<std::filesystem::path>& lowerDirs);

} // namespace berth::runtime
