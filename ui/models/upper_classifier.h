#pragma once
// The pure centre of the "layers of a running container" view: walks a container's overlay upper
// directory and tells, for each path, whether the container created it ('A'), copied it up from an
// image layer to change it ('C'), or deleted it with a whiteout ('D'). Takes directories so tests
// point it at hand-made fixtures.
#include "bridge/details_types.h"

#include <filesystem>
#include <vector>

namespace berth::ui {

// lowers: the image layers' directories, bottom first. Directories that only hold changes are
// not listed; new and opaque directories are. Sorted by path.
QList<UpperChange> classifyUpper(const std::filesystem::path& upper, const std::vector<std::filesystem::path>& lowers);

} // namespace berth::ui
