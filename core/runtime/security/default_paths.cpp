#include "runtime/security/default_paths.h"

#include <algorithm>
#include <system_error>

namespace berth::runtime {

const std::vector<std::string>& defaultMaskedPaths() {
    static const std::vector<std::string> paths = {
        "/proc/asound",      "/proc/acpi",          "/proc/interrupts", "/proc/kcore",
        "/proc/keys",        "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
        "/proc/sched_debug", "/proc/scsi",          "/sys/firmware",    "/sys/devices/virtual/powercap",
    };
    return paths;
}

std::vector<std::string> maskedPathsFor(const std::filesystem::path& sysfsRoot) {
    namespace fs = std::filesystem;
    std::vector<std::string> paths = defaultMaskedPaths();
    std::vector<std::string> throttles;
    std::error_code ec;
    // Only what exists: masking a missing path would make the runtime create it in sysfs.
    for (fs::directory_iterator it(sysfsRoot / "devices/system/cpu", ec), end; !ec && it != end;
         it.increment(ec)) {
        std::string name = it->path().filename().string();
        bool isCpu = name.size() > 3 && name.starts_with("cpu") &&
                     std::all_of(name.begin() + 3, name.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (isCpu && fs::is_directory(it->path() / "thermal_throttle", ec))
            throttles.push_back("/sys/devices/system/cpu/" + name + "/thermal_throttle");
    }
    // Numeric order, so cpu10 follows cpu9 and the list is stable between runs.
    std::sort(throttles.begin(), throttles.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    paths.insert(paths.end(), throttles.begin(), throttles.end());
    return paths;
}

const std::vector<std::string>& defaultReadonlyPaths() {
    static const std::vector<std::string> paths = {
        "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
    };
    return paths;
}

const std::vector<DeviceNode>& defaultDevices() {
    static const std::vector<DeviceNode> devices = {
        {"/dev/null", 1, 3, 0666},   {"/dev/zero", 1, 5, 0666},    {"/dev/full", 1, 7, 0666},
        {"/dev/random", 1, 8, 0666}, {"/dev/urandom", 1, 9, 0666}, {"/dev/tty", 5, 0, 0666},
    };
    return devices;
}

const std::vector<DeviceSymlink>& defaultDevSymlinks() {
    static const std::vector<DeviceSymlink> links = {
        {"/dev/fd", "/proc/self/fd"},       {"/dev/stdin", "/proc/self/fd/0"},
        {"/dev/stdout", "/proc/self/fd/1"}, {"/dev/stderr", "/proc/self/fd/2"},
        {"/dev/ptmx", "pts/ptmx"},
    };
    return links;
}

} // namespace berth::runtime
