#pragma once
// What a container sees under /proc, /sys and /dev by default, as plain data for the rootfs
// setup (engine-reference §2.2, §2.3; Docker 28.5.2 oci/defaults.go). `--privileged` clears the
// masked and readonly lists; that choice belongs to the caller.
#include "support/error.h"

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace berth::runtime {

// Paths hidden from the container: files get /dev/null bound over them (after checking it is
// really char 1:3, CVE-2025-31133), directories an empty read-only tmpfs.
const std::vector<std::string>& defaultMaskedPaths();

// defaultMaskedPaths plus every cpu<N>/thermal_throttle directory that exists under sysfsRoot
// (normally "/sys"), returned as container paths; GHSA-6fw5-f8r9-fgfm.
std::vector<std::string> maskedPathsFor(const std::filesystem::path& sysfsRoot);

// Paths bound onto themselves and remounted read-only, keeping their nosuid/nodev/noexec flags.
const std::vector<std::string>& defaultReadonlyPaths();

// A character device node the runtime creates (or binds from the host in a user namespace).
struct DeviceNode {
    std::string path; // in the container, e.g. "/dev/null"
    unsigned major = 0;
    unsigned minor = 0;
    mode_t mode = 0666;
};

// null, zero, full, random, urandom, tty: what runtime-spec config-linux.md "Default Devices" asks
// for besides the console and ptmx, with the numbers runc uses.
const std::vector<DeviceNode>& defaultDevices();

struct DeviceSymlink {
    std::string path;   // in the container
    std::string target; // written verbatim
};

// /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr (runtime-linux.md) and /dev/ptmx → pts/ptmx, which
// makes the container's own devpts instance answer posix_openpt().
const std::vector<DeviceSymlink>& defaultDevSymlinks();

// Where the console comes from when the container has a terminal: the pty slave allocated for it
// is bind-mounted here (not a device node, so it follows the container's devpts).
inline constexpr const char* kConsolePath = "/dev/console";

} // namespace berth::runtime
