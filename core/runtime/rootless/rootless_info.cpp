#include "runtime/rootless/rootless_info.h"

#include "runtime/rootless/pause_process.h"
#include "runtime/rootless/rootless_paths.h"
#include "support/file_util.h"
#include "support/text.h"

#include <cstdlib>
#include <unistd.h>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

const char* const NoCgroups = "none — limits refused, stats from processes";

bool onPath(const char* name) {
    std::string dirs = std::getenv("PATH") ? std::getenv("PATH") : "";
    dirs += ":/usr/bin:/usr/sbin";
    for (std::size_t pos = 0; pos <= dirs.size();) {
        auto colon = dirs.find(':', pos);
        if (colon == std::string::npos) colon = dirs.size();
        fs::path dir = dirs.substr(pos, colon - pos);
        if (dir.is_absolute() && ::access((dir / name).c_str(), X_OK) == 0) return true;
        pos = colon + 1;
    }
    return false;
}

std::vector<IdMapping> readMap(const char* file) {
    return parseIdMappings(readFile(file, 1u << 16).value_or("")).value_or(std::vector<IdMapping>{});
}

} // namespace

std::string describeCgroupSupport(const fs::path& cgroupRoot, std::string_view procSelfCgroup) {
    auto controllers = readFile(cgroupRoot / "cgroup.controllers", 4096);
    if (!controllers) return std::string(NoCgroups) + " (cgroup v1)";
    std::string own;
    forEachLine(procSelfCgroup, [&](std::string_view line) {
        if (line.substr(0, 3) == "0::") own = std::string(line.substr(3));
    });
    fs::path dir = cgroupRoot / fs::path(own).relative_path();
    auto available = readFile(dir / "cgroup.controllers", 4096);
    if (own.empty() || !available || ::access((dir / "cgroup.procs").c_str(), W_OK) != 0)
        return std::string(NoCgroups) + " (cgroup v2, nothing delegated)";
    std::string list;
    for (auto w : splitWords(*available))
        list += (list.empty() ? "" : " ") + std::string(w);
    return "v2 delegated: " + (list.empty() ? std::string("no controllers") : list);
}

std::string describeNetworkSupport() {
    std::string found;
    for (const char* tool : {"slirp4netns", "pasta"})
        if (onPath(tool)) found += (found.empty() ? "" : ", ") + std::string(tool);
    if (found.empty())
        return "none — only --network none works; run `sudo apt-get install slirp4netns passt`";
    // User networks (bridges, DNS by name, published ports) live in one namespace per user
    // that slirp4netns connects (rootless_netns.h).
    if (!onPath("slirp4netns"))
        return found + "; user networks need slirp4netns: run `sudo apt-get install slirp4netns`";
    return found +
           "; user networks with name resolution (in the user's own network namespace, through slirp4netns)";
}

RootlessInfo probeRootless() {
    RootlessInfo i;
    i.uidMap = readMap("/proc/self/uid_map");
    i.gidMap = readMap("/proc/self/gid_map");
    i.runtimeDir = rootlessPaths().runtimeDir;
    i.pausePid = findPauseProcess(i.runtimeDir);
    i.cgroups = describeCgroupSupport("/sys/fs/cgroup", readFile("/proc/self/cgroup", 1u << 16).value_or(""));
    i.network = describeNetworkSupport();
    i.checks = checkRootless(defaultCheckInputs());
    return i;
}

} // namespace berth::runtime
