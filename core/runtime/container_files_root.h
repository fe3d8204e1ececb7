#pragma once
// A descriptor of a container's root filesystem, running or not, for `berth cp`:
//   running  → /proc/<pid>/root: the root its processes see, volumes and all;
//   stopped, copy snapshotter → the rootfs directory itself;
//   stopped, overlay → the overlay is mounted in a forked child's private mount namespace, so
//     the mount vanishes with the child, even if it crashes, and the host never sees it.
// fn then runs with the root's descriptor (in that child for the overlay case: the host's files
// are still visible there, only the mount is private). The container's lock is held while a
// stopped container's layer is mounted, so `start` cannot mount the same upper directory at once.
#include "runtime/container_store.h"

#include <functional>

namespace berth::runtime {

Status withContainerRoot(const ContainerStore& store, const std::string& id, const std::function<Status(int rootFd)>& fn);

} // namespace berth::runtime
