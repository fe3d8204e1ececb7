#pragma once
// Replacing a small state file atomically without fsync, for state that is rebuilt or repaired
// anyway: IPAM leases (the sweep of dead containers repairs a lost update) and a container's
// hosts file (rewritten at every start). A process killed half-way leaves the old or the new file,
// never a torn one; only a power cut can lose the last update. It saves the two fsyncs of
// writeFileAtomic, ~4 ms each on a busy disk, on every container start and stop.
#include "support/error.h"

#include <filesystem>
#include <string_view>

namespace berth::network {

// Writes "<path>.tmp-<pid>-<n>" and renames it over path.
Status writeFileReplacing(const std::filesystem::path& path, std::string_view data, unsigned mode = 0644);

} // namespace berth::network
