#include "layer/snapshot_store.h"

#include "support/clock.h"

#include "support/file_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::layer {

namespace {

constexpr std::string_view kScratchPrefix = ".tmp-";
constexpr std::size_t kShortIdLength = 12;

std::string metaJson(const SnapshotInfo& info) {
    nlohmann::json j;
    j["chainId"] = info.chainId.str();
    j["diffId"] = info.diffId.str();
    j["parent"] = info.parent.isEmpty() ? "" : info.parent.str();
    j["size"] = info.size;
    j["shortId"] = info.shortId;
    j["created"] = utcNowRfc3339();
    return j.dump(2) + "\n";
}

Result<oci::Digest> digestField(const nlohmann::json& j, const char* key, bool optional) {
    std::string text = j.value(key, std::string());
    if (text.empty() && optional) return oci::Digest();
    return withContext(oci::Digest::parse(text), std::string("field ") + key);
}

Result<SnapshotInfo> parseMeta(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail(ErrorCode::Corrupt, "meta.json is not a JSON object");
    SnapshotInfo info;
    info.chainId = BERTH_TRY(digestField(j, "chainId", false));
    info.diffId = BERTH_TRY(digestField(j, "diffId", false));
    info.parent = BERTH_TRY(digestField(j, "parent", true));
    info.size = j.value("size", std::uint64_t{0});
    info.shortId = j.value("shortId", std::string());
    return info;
}

// Points l/<name> at target atomically: a symlink under a temporary name renamed over it.
Status replaceLink(const fs::path& linkDir, const std::string& name, const std::string& target) {
    fs::path tmp = linkDir / (std::string(kScratchPrefix) + randomHex(6));
    if (::symlink(target.c_str(), tmp.c_str()) != 0) return sysFail("creating link " + tmp.string());
    if (::rename(tmp.c_str(), (linkDir / name).c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        return sysFail("renaming link into " + (linkDir / name).string(), err);
    }
    return {};
}

// The shortest unused (or already ours) link name: 12 hex, longer only on a collision.
std::string pickShortId(const fs::path& linkDir, const oci::ChainId& id, const std::string& target) {
    for (std::size_t len = kShortIdLength; len < id.encoded().size(); len += 4) {
        std::string name = id.encoded().substr(0, len);
        std::error_code ec;
        fs::path existing = fs::read_symlink(linkDir / name, ec);
        if (ec || existing == target) return name;
    }
    return id.encoded();
}

} // namespace

Result<SnapshotStore> SnapshotStore::open(std::filesystem::path root) {
    BERTH_CHECK(makeDirs(root / "snapshots"));
    BERTH_CHECK(makeDirs(root / "l"));
    return SnapshotStore(std::move(root));
}

bool SnapshotStore::has(const oci::ChainId& chainId) const {
    std::error_code ec;
    return fs::is_directory(fsDir(chainId), ec);
}

std::filesystem::path SnapshotStore::fsDir(const oci::ChainId& chainId) const {
    return m_root / "snapshots" / chainId.encoded() / "fs";
}

Result<SnapshotInfo> SnapshotStore::info(const oci::ChainId& chainId) const {
    fs::path meta = m_root / "snapshots" / chainId.encoded() / "meta.json";
    std::string text = BERTH_TRY(withContext(readFile(meta, 1 << 20), "snapshot " + chainId.str()));
    return withContext(parseMeta(text), "snapshot " + chainId.str());
}

std::vector<oci::ChainId> SnapshotStore::list() const {
    std::vector<oci::ChainId> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m_root / "snapshots", ec)) {
        std::string name = e.path().filename().string();
        if (name.starts_with(kScratchPrefix)) continue;
        if (auto id = oci::Digest::parse("sha256:" + name)) out.push_back(*id);
    }
    std::sort(out.begin(), out.end());
    return out;
}

Result<std::filesystem::path> SnapshotStore::begin() {
    fs::path scratch = BERTH_TRY(makeTempDir(m_root / "snapshots", kScratchPrefix));
    if (::mkdir((scratch / "fs").c_str(), 0755) != 0) return sysFail("creating " + (scratch / "fs").string());
    return scratch;
}

Result<SnapshotInfo> SnapshotStore::commit(const std::filesystem::path& scratch, const SnapshotInfo& given) {
    if (!given.chainId.isSha256() || given.diffId.isEmpty())
        return fail(ErrorCode::InvalidArgument, "committing snapshot: chain id and diff id are required");
    const std::string hex = given.chainId.encoded();
    const std::string target = "../snapshots/" + hex + "/fs";
    SnapshotInfo meta = given;
    if (meta.size == 0) meta.size = treeSize(scratch / "fs");
    meta.shortId = pickShortId(linkDir(), meta.chainId, target);
    BERTH_CHECK(writeFileAtomic(scratch / "meta.json", metaJson(meta)));

    fs::path final = m_root / "snapshots" / hex;
    if (::rename(scratch.c_str(), final.c_str()) != 0) {
        if (errno != EEXIST && errno != ENOTEMPTY) return sysFail("committing snapshot " + hex);
        // Another pull committed the same layers first: theirs is as good as ours.
        BERTH_CHECK(removeTree(scratch));
        SnapshotInfo existing = BERTH_TRY(info(given.chainId));
        BERTH_CHECK(replaceLink(linkDir(), existing.shortId, target)); // repairs a lost link
        return existing;
    }
    BERTH_CHECK(replaceLink(linkDir(), meta.shortId, target));
    BERTH_CHECK(fsyncDir(m_root / "snapshots"));
    BERTH_CHECK(fsyncDir(linkDir()));
    return meta;
}

Status SnapshotStore::abort(const std::filesystem::path& scratch) {
    if (scratch.parent_path() != m_root / "snapshots" || !scratch.filename().string().starts_with(kScratchPrefix))
        return fail(ErrorCode::InvalidArgument, "aborting " + scratch.string() + ": not a scratch directory of this store");
    return removeTree(scratch);
}

Status SnapshotStore::remove(const oci::ChainId& chainId) {
    fs::path dir = m_root / "snapshots" / chainId.encoded();
    if (auto meta = info(chainId); meta && !meta->shortId.empty()) ::unlink((linkDir() / meta->shortId).c_str());
    // Rename first so a half-deleted tree never looks like a snapshot; sweep() finishes a crash.
    fs::path doomed = m_root / "snapshots" / (std::string(kScratchPrefix) + "rm-" + randomHex(6));
    if (::rename(dir.c_str(), doomed.c_str()) != 0) {
        if (errno == ENOENT) return fail(ErrorCode::NotFound, "snapshot " + chainId.str() + " does not exist");
        return sysFail("removing snapshot " + chainId.str());
    }
    return removeTree(doomed);
}

void SnapshotStore::sweep(int minAgeSeconds) {
    const std::time_t cutoff = std::time(nullptr) - minAgeSeconds;
    for (const fs::path& dir : {m_root / "snapshots", linkDir()}) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir, ec)) {
            struct stat st {};
            if (::lstat(e.path().c_str(), &st) != 0) continue;
            bool scratch = e.path().filename().string().starts_with(kScratchPrefix) && st.st_mtime <= cutoff;
            bool danglingLink = dir == linkDir() && S_ISLNK(st.st_mode) && !fs::exists(e.path(), ec);
            if (scratch) (void)removeTree(e.path());
            else if (danglingLink) ::unlink(e.path().c_str());
        }
    }
}

} // namespace berth::layer
