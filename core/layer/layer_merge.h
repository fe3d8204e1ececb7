#pragma once
// Flattens committed layer directories (overlay form) into one plain tree, the way overlayfs
// would show them: used by CopySnapshotter where overlay cannot be mounted.
#include "support/error.h"

#include <filesystem>

namespace berth::layer {

// Copies layer on top of target: a 0/0 character device deletes the name below it, a directory
// marked opaque (trusted.overlay.opaque or user.overlay.opaque = "y") first loses the contents
// the layers below gave it. Hardlinks inside the layer stay hardlinks.
Status mergeLayer(const std::filesystem::path& layer, const std::filesystem::path& target);

} // namespace berth::layer
