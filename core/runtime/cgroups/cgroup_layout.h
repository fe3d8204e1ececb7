#pragma once
// Where the kernel's cgroup hierarchies are mounted, and which backend Berth drives there.
// Parsed from /proc/self/mountinfo text (proc(5)) and the unified root's cgroup.controllers, so tests
// feed fixture text; only detectHostLayout() reads the real files.
#include "support/error.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace berth::runtime {

// What the mount table shows. Hybrid = v1 controller hierarchies plus a cgroup2 mount (systemd's
// "hybrid" mode, or this project's CI machines).
enum class CgroupVersion { None, V1, Hybrid, V2 };
// Which CgroupManager implementation to use for a layout.
enum class CgroupBackend { None, V1, V2 };

struct CgroupLayout {
    CgroupVersion version = CgroupVersion::None;
    // v1 controller → its hierarchy's mount point; "cpu" and "cpuacct" share one directory when the
    // hierarchy was mounted with -o cpu,cpuacct. Named hierarchies appear as "name=systemd".
    std::map<std::string, std::filesystem::path> v1Mounts;
    // The cgroup2 mount point, empty when there is none.
    std::filesystem::path unifiedRoot;
    // Controllers the unified root offers (its cgroup.controllers).
    std::set<std::string> v2Controllers;
};

// One line of /proc/self/mountinfo, the fields cgroup detection needs.
struct MountInfoEntry {
    std::filesystem::path mountPoint;
    std::string root;         // the subtree of the filesystem shown at mountPoint
    std::string fsType;       // "cgroup", "cgroup2", "ext4", …
    std::string superOptions; // "rw,cpu,cpuacct"
};

// Parses mountinfo text; a malformed line is Corrupt (the kernel never writes one).
Result<std::vector<MountInfoEntry>> parseMountInfo(std::string_view text);
// Splits a cgroup.controllers / cgroup.subtree_control line ("cpu io memory") into names.
std::set<std::string> parseControllerList(std::string_view text);
// The controllers a v1 cgroup mount's super options name ("rw,cpu,cpuacct" → {cpu, cpuacct}).
std::set<std::string> v1ControllersOf(std::string_view superOptions);
// Builds the layout from mount entries and the text of the unified root's cgroup.controllers.
CgroupLayout layoutFromMounts(const std::vector<MountInfoEntry>& mounts, std::string_view unifiedControllers);
// parseMountInfo + layoutFromMounts.
Result<CgroupLayout> parseCgroupLayout(std::string_view mountinfo, std::string_view unifiedControllers);
// Picks the backend: v2 on a pure unified system, and on a hybrid one only when the unified mount
// holds both memory and cpu; otherwise v1 when any v1 controller is mounted.
CgroupBackend backendFor(const CgroupLayout& layout);

// /proc/<pid>/cgroup text → hierarchy key → cgroup path. The key is the controller list as written
// ("cpu,cpuacct", "name=systemd") and "" for the unified hierarchy ("0::/path").
Result<std::map<std::string, std::string>> parseProcCgroup(std::string_view text);

// Reads mountinfoPath, then the unified root's cgroup.controllers (a missing file means none).
Result<CgroupLayout> detectLayout(const std::filesystem::path& mountinfoPath);
// detectLayout("/proc/self/mountinfo").
Result<CgroupLayout> detectHostLayout();

const char* cgroupVersionName(CgroupVersion version);

} // namespace berth::runtime
