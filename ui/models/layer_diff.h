#pragma once
// What one layer did to the filesystem, the way dive shows it: every path in the layer's
// snapshot directory (overlay form) classified against the merged view of the layers below.
//   Removed    a whiteout: a 0/0 character device hiding the path below
//   Added      the path does not exist in any layer below (after their whiteouts)
//   Modified   a file that replaces one below, or an opaque directory that hides the lower content
//   Unchanged  a directory that only holds changes deeper down
// Pure file-system reads with injected paths, so tests build fixture trees by hand.
#include "bridge/bridge_types.h"

#include <filesystem>
#include <vector>

namespace berth::ui {

// lowerDirsTopFirst: the snapshot fs directories below the layer, nearest first.
// Stops after maxEntries paths (huge layers), sorted by path.
QList<LayerFileEntry> classifyLayer(const std::filesystem::path& layerDir,
                                    const std::vector<std::filesystem::path>& lowerDirsTopFirst,
                                    int maxEntries = 200000);

// True when `relPath` is visible through the stack lowerDirsTopFirst (whiteouts and opaque
// directories in upper layers hide what is below them).
bool existsInStack(const std::filesystem::path& relPath, const std::vector<std::filesystem::path>& lowerDirsTopFirst);

bool isWhiteout(const std::filesystem::path& p);
bool isOpaqueDir(const std::filesystem::path& p);

} // namespace berth::ui
