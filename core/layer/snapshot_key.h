#pragma once
// Snapshotter keys name directories under activeRoot, so a key is one plain path component.
#include "support/error.h"

#include <string>

namespace berth::layer {

Status validateKey(const std::string& key);

} // namespace berth::layer
