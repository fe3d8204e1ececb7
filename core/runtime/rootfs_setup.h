#pragma once
// The mounts every container gets (engine-reference §2.1–§2.3), done inside its mount
// namespace on its rootfs before pivot_root, and the masked and read-only paths after it.
// Internal to container_init.
#include "runtime/container_config.h"
#include "support/error.h"

#include <filesystem>

namespace berth::runtime {

// /proc, /dev (tmpfs with the default devices and links), /dev/pts, /dev/shm, /dev/mqueue,
// /sys (read-only), then the volumes of config.mounts. In a user namespace (rootless) the devices
// are the host's bind-mounted, devpts has gid=5 only if that gid is mapped, and /sys is the host's
// bound read-only when the network namespace is not the container's own.
Status mountDefaults(const std::filesystem::path& rootfs, const ContainerConfig& config);
// /sys/fs/cgroup, read-only, as the container's cgroup namespace shows it (so its limits are
// visible inside): cgroup2 on v2 hosts; a tmpfs with one cgroup mount per v1 hierarchy otherwise.
// In a user namespace v1 cannot be mounted: the host's /sys/fs/cgroup is bound read-only instead.
Status mountCgroups(const std::filesystem::path& rootfs);
// Binds a host file over a path inside the rootfs (created if missing), resolved inside the
// rootfs so a symlinked /etc in the image cannot redirect it to the host.
Status bindFileInRoot(const std::filesystem::path& rootfs, const std::string& inside, const std::filesystem::path& hostFile);
// After pivot_root: hide and protect what Docker hides and protects.
Status maskPaths();
Status pivotInto(const std::filesystem::path& rootfs);

} // namespace berth::runtime
