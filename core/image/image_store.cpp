#include "image/image_store.h"

#include "oci/media_types.h"
#include "support/clock.h"
#include "support/file_util.h"

#include <algorithm>
#include <ctime>
#include <set>

namespace berth::image {

namespace fs = std::filesystem;

static constexpr const char* AnnotationRepoDigest = "dev.berth.repo.digest";
static constexpr const char* AnnotationImageId = "dev.berth.image.id";

Result<ImageStore> ImageStore::open(fs::path root) {
    BERTH_CHECK(makeDirs(root));
    auto content = BERTH_TRY(ContentStore::open(root / "images", root / "ingest"));
    auto snaps = BERTH_TRY(layer::SnapshotStore::open(root));
    return ImageStore(std::move(root), std::move(content), std::move(snaps));
}

Result<FileLock> ImageStore::lockShared() const {
    return FileLock::acquire(m_root / "store.lock", FileLock::Mode::Shared);
}
Result<FileLock> ImageStore::lockExclusive() const {
    return FileLock::acquire(m_root / "store.lock", FileLock::Mode::Exclusive);
}

Result<std::vector<ImageRecord>> ImageStore::readIndex() const {
    auto text = BERTH_TRY(readFile(m_content.layoutDir() / "index.json", 64u << 20));
    auto index = oci::parseImageIndex(text, oci::media::OciIndex);
    if (!index) return std::unexpected(index.error().context("reading the store's index.json"));
    std::vector<ImageRecord> out;
    for (auto& d : index->manifests) {
        ImageRecord r;
        r.target = d;
        auto get = [&](const char* k) { auto it = d.annotations.find(k); return it == d.annotations.end() ? std::string() : it->second; };
        r.name = get(oci::AnnotationImageName);
        if (r.name.empty()) r.name = get(oci::AnnotationRefName);
        r.created = get(oci::AnnotationCreated);
        r.repoDigest = get(AnnotationRepoDigest);
        if (auto id = oci::Digest::parse(get(AnnotationImageId))) r.imageId = *id;
        r.target.annotations.clear();
        out.push_back(std::move(r));
    }
    return out;
}

Status ImageStore::writeIndex(const std::vector<ImageRecord>& records) {
    oci::ImageIndex index;
    index.mediaType = std::string(oci::media::OciIndex);
    for (auto& r : records) {
        oci::Descriptor d = r.target;
        if (!r.name.empty()) {
            d.annotations[oci::AnnotationRefName] = r.name;
            d.annotations[oci::AnnotationImageName] = r.name;
        }
        if (!r.created.empty()) d.annotations[oci::AnnotationCreated] = r.created;
        if (!r.repoDigest.empty()) d.annotations[AnnotationRepoDigest] = r.repoDigest;
        if (!r.imageId.isEmpty()) d.annotations[AnnotationImageId] = r.imageId.str();
        index.manifests.push_back(std::move(d));
    }
    return writeFileAtomic(m_content.layoutDir() / "index.json", oci::toJson(index));
}

Result<std::vector<ImageRecord>> ImageStore::list() const {
    auto lock = BERTH_TRY(FileLock::acquire(m_root / "index.lock", FileLock::Mode::Shared));
    return readIndex();
}

Status ImageStore::setName(const std::string& name, const oci::Descriptor& target, const oci::Digest& imageId,
                           const std::string& repoDigest) {
    auto lock = BERTH_TRY(FileLock::acquire(m_root / "index.lock", FileLock::Mode::Exclusive));
    auto records = BERTH_TRY(readIndex());
    if (name.empty()) { // a dangling image: recorded only if no entry holds it yet
        if (std::any_of(records.begin(), records.end(), [&](auto& r) { return r.target.digest == target.digest; }))
            return {};
        ImageRecord rec{{}, target, imageId, utcNowRfc3339(), repoDigest};
        rec.target.annotations.clear();
        records.push_back(rec);
        return writeIndex(records);
    }
    std::optional<ImageRecord> previous;
    auto it = std::find_if(records.begin(), records.end(), [&](auto& r) { return r.name == name; });
    if (it != records.end()) {
        previous = *it;
        records.erase(it);
    }
    // A dangling entry for the same target is superseded by the named one.
    std::erase_if(records, [&](auto& r) { return r.name.empty() && r.target.digest == target.digest; });
    ImageRecord rec;
    rec.name = name;
    rec.target = target;
    rec.target.annotations.clear();
    rec.imageId = imageId;
    rec.created = utcNowRfc3339();
    rec.repoDigest = repoDigest;
    if (previous && previous->target.digest == target.digest && repoDigest.empty())
        rec.repoDigest = previous->repoDigest;
    records.push_back(rec);
    if (previous && previous->target.digest != target.digest &&
        std::none_of(records.begin(), records.end(), [&](auto& r) { return r.target.digest == previous->target.digest; })) {
        previous->name.clear();
        records.push_back(*previous);
    }
    return writeIndex(records);
}

Status ImageStore::removeName(const std::string& name) {
    auto lock = BERTH_TRY(FileLock::acquire(m_root / "index.lock", FileLock::Mode::Exclusive));
    auto records = BERTH_TRY(readIndex());
    auto n = std::erase_if(records, [&](auto& r) { return r.name == name; });
    if (n == 0) return fail(ErrorCode::NotFound, "no such image: " + name);
    return writeIndex(records);
}

Status ImageStore::removeTarget(const oci::Digest& manifestDigest) {
    auto lock = BERTH_TRY(FileLock::acquire(m_root / "index.lock", FileLock::Mode::Exclusive));
    auto records = BERTH_TRY(readIndex());
    std::erase_if(records, [&](auto& r) { return r.target.digest == manifestDigest; });
    return writeIndex(records);
}

Result<Image> ImageStore::loadImage(const oci::Descriptor& target) const {
    Image img;
    img.target = target;
    auto mbytes = BERTH_TRY(m_content.read(target.digest, 4u << 20));
    img.manifest = BERTH_TRY(withContext(oci::parseManifest(mbytes, target.mediaType), "manifest " + target.digest.str()));
    auto cbytes = BERTH_TRY(m_content.read(img.manifest.config.digest, 8u << 20));
    img.config = BERTH_TRY(withContext(oci::parseImageConfig(cbytes), "config " + img.manifest.config.digest.str()));
    img.imageId = img.manifest.config.digest;
    oci::ChainId chain;
    for (auto& diff : img.config.diffIds) {
        chain = oci::chainIdOf(chain, diff);
        img.chainIds.push_back(chain);
        if (auto info = m_snapshots.info(chain)) img.size += info->size;
    }
    return img;
}

static bool isHexPrefix(std::string_view s) {
    if (s.rfind("sha256:", 0) == 0) s.remove_prefix(7);
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Result<Image> ImageStore::resolve(std::string_view text) const {
    auto records = BERTH_TRY(list());
    auto finish = [&](const oci::Digest& target) -> Result<Image> {
        auto it = std::find_if(records.begin(), records.end(), [&](auto& r) { return r.target.digest == target; });
        auto img = BERTH_TRY(loadImage(it->target));
        for (auto& r : records)
            if (r.target.digest == target) img.records.push_back(r);
        return img;
    };
    if (auto ref = Reference::parse(text)) {
        for (auto& r : records)
            if (!r.name.empty() && r.name == ref->str()) return finish(r.target.digest);
        if (ref->digest) {
            for (auto& r : records) {
                auto named = Reference::parse(r.name);
                bool sameRepo = named && named->repository() == ref->repository();
                if ((r.target.digest == *ref->digest || r.repoDigest == ref->digest->str()) && (sameRepo || r.name.empty()))
                    return finish(r.target.digest);
            }
        }
    }
    if (isHexPrefix(text)) {
        std::string prefix(text.rfind("sha256:", 0) == 0 ? text.substr(7) : text);
        std::set<oci::Digest> matches;
        for (auto& r : records)
            if (r.imageId.encoded().rfind(prefix, 0) == 0) matches.insert(r.target.digest);
        if (matches.size() == 1) return finish(*matches.begin());
        if (matches.size() > 1)
            return fail(ErrorCode::InvalidArgument, "image id prefix \"" + prefix + "\" is ambiguous");
    }
    return fail(ErrorCode::NotFound, "no such image: " + std::string(text));
}

Result<GcReport> ImageStore::collectGarbage(const std::vector<oci::ChainId>& extraSnapshots) {
    GcReport report;
    auto records = BERTH_TRY(list());
    std::set<oci::Digest> liveBlobs;
    std::set<oci::ChainId> liveSnaps(extraSnapshots.begin(), extraSnapshots.end());
    for (auto& r : records) {
        liveBlobs.insert(r.target.digest);
        if (auto d = oci::Digest::parse(r.repoDigest)) liveBlobs.insert(*d);
        auto img = loadImage(r.target);
        if (!img) continue; // a broken image keeps what it has; `rmi` reports it
        liveBlobs.insert(img->manifest.config.digest);
        for (auto& l : img->manifest.layers) liveBlobs.insert(l.digest);
        liveSnaps.insert(img->chainIds.begin(), img->chainIds.end());
    }
    for (auto& d : m_content.list()) {
        if (liveBlobs.count(d)) continue;
        std::error_code ec;
        report.reclaimedBytes += fs::file_size(m_content.blobPath(d), ec);
        BERTH_CHECK(m_content.remove(d));
        report.removedBlobs.push_back(d);
    }
    for (auto& c : m_snapshots.list()) {
        if (liveSnaps.count(c)) continue;
        if (auto info = m_snapshots.info(c)) report.reclaimedBytes += info->size;
        BERTH_CHECK(m_snapshots.remove(c));
        report.removedSnapshots.push_back(c);
    }
    return report;
}

} // namespace berth::image
