// berth cp and berth diff: a container's files, always resolved inside its root.
#include "engine/engine.h"

#include "runtime/container_diff.h"
#include "runtime/container_files.h"
#include "runtime/container_files_root.h"
#include "runtime/mount_json.h"

#include <algorithm>
#include <fcntl.h>
#include <set>

namespace berth::engine {

namespace {

// Docker reports a missing container path as "could not find the file <path> in container <name>".
Error inContainer(Error e, const runtime::Container& c) {
    if (e.code == ErrorCode::NotFound && e.message.rfind("could not find the file", 0) == 0) e.message += " in container " + c.config.name;
    return e;
}

// Files and directories the runtime creates as mount points (Docker keeps these in an "init"
// layer below the container's, so its diff never shows them): empty placeholders at those paths
// are dropped, and so are parent directories that were only copied up to hold them.
std::vector<runtime::PathChange> withoutMountPoints(std::vector<runtime::PathChange> changes, const runtime::ContainerConfig& config,
                                                    const std::filesystem::path& upperDir) {
    std::set<std::string> points = {"/etc/hostname", "/etc/hosts", "/etc/resolv.conf"};
    for (const auto& m : config.mounts) points.insert(m.destination);
    std::set<std::string> dropped;
    std::erase_if(changes, [&](const runtime::PathChange& ch) {
        std::error_code ec;
        auto p = upperDir / ch.path.substr(1);
        bool empty = std::filesystem::is_directory(p, ec) ? std::filesystem::is_empty(p, ec) : std::filesystem::file_size(p, ec) == 0;
        if (ch.kind != 'A' || !points.count(ch.path) || ec || !empty) return false;
        for (auto slash = ch.path.rfind('/'); slash != 0 && slash != std::string::npos; slash = ch.path.rfind('/', slash - 1))
            dropped.insert(ch.path.substr(0, slash));
        return true;
    });
    std::set<std::string> emptied;
    for (const auto& ch : changes)
        if (ch.kind == 'C' && dropped.count(ch.path) &&
            std::none_of(changes.begin(), changes.end(), [&](const runtime::PathChange& o) { return o.path.rfind(ch.path + "/", 0) == 0; }))
            emptied.insert(ch.path);
    std::erase_if(changes, [&](const runtime::PathChange& ch) { return ch.kind == 'C' && emptied.count(ch.path); });
    return changes;
}

} // namespace

Status Engine::copyFromContainer(std::string_view idOrName, const std::string& containerPath, const std::filesystem::path& hostDest,
                                 const CopyOptions& options) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    const runtime::CopyEnd dst{AT_FDCWD, hostDest.string(), false};
    // Copied out, files belong to whoever runs the copy (as with docker cp without -a).
    const auto owner = options.archive ? runtime::CopyOwner::Preserve : runtime::CopyOwner::Caller;
    auto s = runtime::withContainerRoot(m_containers, c.config.id, [&](int rootFd) -> Status {
        BERTH_CHECK(runtime::copyPath({rootFd, containerPath, true}, dst, owner, options.followLink));
        return {};
    });
    if (!s) return std::unexpected(inContainer(std::move(s.error()), c));
    return {};
}

Status Engine::copyToContainer(std::string_view idOrName, const std::filesystem::path& hostSource, const std::string& containerPath,
                               const CopyOptions& options) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    const runtime::CopyEnd src{AT_FDCWD, hostSource.string(), false};
    // Copied in, files belong to root, as docker cp without -a does.
    const auto owner = options.archive ? runtime::CopyOwner::Preserve : runtime::CopyOwner::Root;
    return runtime::withContainerRoot(m_containers, c.config.id, [&](int rootFd) -> Status {
        BERTH_CHECK(runtime::copyPath(src, {rootFd, containerPath, true}, owner, options.followLink));
        return {};
    });
}

// For a stopped container the stream is written (or read) by withContainerRoot's helper process,
// which inherits the descriptor.
Status Engine::copyFromContainerAsTar(std::string_view idOrName, const std::string& containerPath, int outFd, const CopyOptions& options) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    auto s = runtime::withContainerRoot(m_containers, c.config.id, [&](int rootFd) -> Status {
        BERTH_CHECK(runtime::writeTarStream({rootFd, containerPath, true}, outFd, options.followLink));
        return {};
    });
    if (!s) return std::unexpected(inContainer(std::move(s.error()), c));
    return {};
}

Status Engine::copyTarToContainer(std::string_view idOrName, int inFd, const std::string& containerPath, const CopyOptions& options) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    const auto owner = options.archive ? runtime::CopyOwner::Preserve : runtime::CopyOwner::Root;
    auto s = runtime::withContainerRoot(m_containers, c.config.id, [&](int rootFd) -> Status {
        BERTH_CHECK(runtime::extractTarStream(inFd, {rootFd, containerPath, true}, owner));
        return {};
    });
    if (!s && s.error().message.rfind("destination ", 0) == 0 && s.error().message.ends_with(" must be a directory"))
        s.error().message = "destination \"" + c.config.name + ":" + containerPath + "\" must be a directory";
    if (!s) return std::unexpected(inContainer(std::move(s.error()), c));
    return {};
}

Result<std::vector<ChangeRow>> Engine::containerChanges(std::string_view idOrName) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    auto mounts = BERTH_TRY(runtime::readMounts(m_containers.dir(c.config.id) / "mounts.json"));
    std::string upper;
    for (const auto& m : mounts)
        if (m.type == "overlay")
            for (const auto& o : m.options)
                if (o.rfind("upperdir=", 0) == 0) upper = o.substr(9);
    if (upper.empty())
        return fail(ErrorCode::Unsupported, "diff of container " + c.config.name +
                                                ": needs the overlay snapshotter (this container's files are a plain copy)");
    std::filesystem::path upperDir = upper;
    if (upperDir.is_relative() && !mounts.front().workingDirectory.empty()) upperDir = mounts.front().workingDirectory / upperDir;
    std::vector<std::filesystem::path> lowers;
    for (auto it = c.config.layers.rbegin(); it != c.config.layers.rend(); ++it) {
        auto chain = BERTH_TRY(oci::Digest::parse(*it));
        lowers.push_back(m_store.snapshots().fsDir(chain));
    }
    auto changes = BERTH_TRY(withContext(runtime::diffUpperDir(upperDir, lowers), "diff of container " + c.config.name));
    changes = withoutMountPoints(std::move(changes), c.config, upperDir);
    std::vector<ChangeRow> rows;
    rows.reserve(changes.size());
    for (auto& ch : changes) rows.push_back({ch.kind, std::move(ch.path)});
    return rows;
}

} // namespace berth::engine
