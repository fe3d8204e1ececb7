#pragma once
// Opening and creating paths inside a container's rootfs without ever leaving it: every lookup
// goes through openat2(RESOLVE_IN_ROOT), so symlinks planted by an image resolve inside the rootfs.
// Mounts then target "/proc/self/fd/N" of the opened fd, so nothing can be swapped between the
// check and the mount (the class of runc's CVE-2024-45310 and moby's GHSA-rg2x-37c3-w2rh).
#include "support/error.h"
#include "support/unique_fd.h"

#include <string>
#include <string_view>

namespace berth::runtime {

enum class InRootKind { Directory, File };

// Opens (creating missing parents and the leaf) `path` inside the root `rootFd` as O_PATH.
// noSymlinks: refuse any symlink on the way (for /proc, /sys, /dev: CVE-2019-19921).
Result<UniqueFd> openInRoot(int rootFd, std::string_view path, InRootKind kind, bool noSymlinks = false);
// "/proc/self/fd/N" for a mount call.
std::string fdPath(int fd);

} // namespace berth::runtime
