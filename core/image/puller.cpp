#include "image/puller.h"

#include "image/layer_fetch.h"
#include "oci/media_types.h"

#include <mutex>
#include <thread>

namespace berth::image {

namespace {

bool isLayerMediaType(std::string_view t) {
    using namespace oci::media;
    return t == OciLayer || t == OciLayerGzip || t == OciLayerZstd || t == DockerLayer || t == DockerLayerGzip ||
           t == DockerLayerZstd || t.rfind("application/vnd.oci.image.layer.nondistributable.v1.tar", 0) == 0 ||
           t.rfind("application/vnd.docker.image.rootfs.foreign.diff.tar", 0) == 0;
}

struct Resolved {
    std::string repoDigest;
    oci::Descriptor manifestDesc;
    std::string manifestBytes;
    std::string indexBytes; // when the name pointed at an index
    oci::Manifest manifest;
};

Result<Resolved> resolveManifest(RegistryClient& client, const Reference& ref, const oci::Platform& platform) {
    Resolved r;
    auto top = BERTH_TRY(client.fetchManifest(ref.tagOrDigest()));
    r.repoDigest = top.digest.str();
    std::string type = BERTH_TRY(oci::detectManifestMediaType(top.bytes, top.mediaType));
    FetchedManifest chosen = top;
    if (oci::media::isIndex(type)) {
        auto index = BERTH_TRY(oci::parseImageIndex(top.bytes, top.mediaType));
        auto entry = BERTH_TRY(selectPlatform(index, platform));
        chosen = BERTH_TRY(client.fetchManifest(entry.digest.str()));
        r.indexBytes = top.bytes;
        type = BERTH_TRY(oci::detectManifestMediaType(chosen.bytes, chosen.mediaType));
    }
    r.manifest = BERTH_TRY(oci::parseManifest(chosen.bytes, chosen.mediaType));
    r.manifestDesc.mediaType = r.manifest.mediaType;
    r.manifestDesc.digest = chosen.digest;
    r.manifestDesc.size = static_cast<std::int64_t>(chosen.bytes.size());
    r.manifestBytes = std::move(chosen.bytes);
    for (auto& l : r.manifest.layers)
        if (!isLayerMediaType(l.mediaType))
            return fail(ErrorCode::Unsupported, "layer " + l.digest.str() + " has media type \"" + l.mediaType +
                                                    "\", which is not a container image layer");
    return r;
}

Result<oci::ImageConfig> fetchConfig(RegistryClient& client, ContentStore& content, const oci::Descriptor& desc,
                                     const oci::Platform& platform) {
    std::string bytes;
    if (content.has(desc.digest)) bytes = BERTH_TRY(content.read(desc.digest));
    else bytes = BERTH_TRY(client.fetchBlobBytes(desc, 8u << 20));
    auto config = BERTH_TRY(withContext(oci::parseImageConfig(bytes), "image config " + desc.digest.str()));
    if (config.os != platform.os)
        return fail(ErrorCode::Unsupported, "image is for " + config.os + "/" + config.architecture + ", not " + platform.str());
    BERTH_CHECK(content.put(bytes, &desc.digest));
    return config;
}

// Runs jobs on up to `workers` threads; returns the first error, after all started jobs end.
Result<bool> runJobs(const std::vector<LayerJob>& jobs, int workers) {
    std::mutex mutex;
    std::size_t next = 0;
    std::optional<Error> firstError;
    bool changed = false;
    auto work = [&] {
        while (true) {
            std::size_t i;
            {
                std::lock_guard lock(mutex);
                if (next >= jobs.size() || firstError) return;
                i = next++;
            }
            auto r = fetchLayer(jobs[i]);
            std::lock_guard lock(mutex);
            if (!r && !firstError) firstError = r.error();
            if (r && *r) changed = true;
        }
    };
    std::vector<std::thread> threads;
    int n = std::max(1, std::min<int>(workers, static_cast<int>(jobs.size())));
    for (int t = 1; t < n; ++t) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    if (firstError) return std::unexpected(*firstError);
    return changed;
}

} // namespace

Result<oci::Descriptor> selectPlatform(const oci::ImageIndex& index, const oci::Platform& want) {
    std::string available;
    for (auto& d : index.manifests) {
        if (!oci::media::isManifest(d.mediaType) && !d.mediaType.empty()) continue;
        auto ref = d.annotations.find("vnd.docker.reference.type");
        if (ref != d.annotations.end() && ref->second == "attestation-manifest") continue;
        if (!d.platform || d.platform->os == "unknown") continue;
        if (!available.empty()) available += ", ";
        available += d.platform->str();
        if (want.matches(*d.platform)) return d;
    }
    return fail(ErrorCode::NotFound, "no matching manifest for " + want.str() + " in the manifest list entries" +
                                         (available.empty() ? std::string() : " (available: " + available + ")"));
}

Result<PullResult> pull(ImageStore& store, const Reference& ref, const PullOptions& options) {
    auto storeLock = BERTH_TRY(store.lockShared());
    auto emit = [mutex = std::make_shared<std::mutex>(), fn = options.progress](const PullProgress& p) {
        if (!fn) return;
        std::lock_guard lock(*mutex);
        fn(p);
    };
    RegistryClient client(ref.domain, ref.path, options.registry);
    client.setRetryObserver([&emit](const std::string& what, int attempt, int waitMillis) {
        PullProgress p;
        p.kind = PullProgress::Kind::Retrying;
        p.message = what + " (attempt " + std::to_string(attempt) + ", retrying in " +
                    std::to_string((waitMillis + 999) / 1000) + " s)";
        emit(p);
    });
    emit(PullProgress{PullProgress::Kind::Resolving, {}, {}, 0, 0, ref.str()});
    auto resolved = BERTH_TRY(resolveManifest(client, ref, options.platform));
    auto& content = store.content();
    auto config = BERTH_TRY(fetchConfig(client, content, resolved.manifest.config, options.platform));
    if (config.diffIds.size() != resolved.manifest.layers.size())
        return fail(ErrorCode::Corrupt, "image " + ref.str() + ": manifest has " +
                                            std::to_string(resolved.manifest.layers.size()) + " layers but the config lists " +
                                            std::to_string(config.diffIds.size()) + " diff ids");
    std::vector<LayerJob> jobs;
    oci::ChainId chain;
    for (std::size_t i = 0; i < resolved.manifest.layers.size(); ++i) {
        LayerJob job;
        job.blob = resolved.manifest.layers[i];
        job.diffId = config.diffIds[i];
        job.parent = chain;
        chain = oci::chainIdOf(chain, job.diffId);
        job.chainId = chain;
        job.client = &client;
        job.content = &content;
        job.snapshots = &store.snapshots();
        job.progress = emit;
        job.cancel = options.cancel;
        jobs.push_back(std::move(job));
    }
    bool changed = BERTH_TRY(runJobs(jobs, options.maxConcurrentLayers));
    if (!resolved.indexBytes.empty()) BERTH_CHECK(content.put(resolved.indexBytes));
    BERTH_CHECK(content.put(resolved.manifestBytes, &resolved.manifestDesc.digest));
    PullResult result;
    result.reference = ref;
    result.repoDigest = resolved.repoDigest;
    auto before = store.resolve(ref.str());
    result.upToDate = !changed && before && before->target.digest == resolved.manifestDesc.digest;
    BERTH_CHECK(store.setName(ref.str(), resolved.manifestDesc, resolved.manifest.config.digest, resolved.repoDigest));
    result.image = BERTH_TRY(store.loadImage(resolved.manifestDesc));
    return result;
}

const char* progressKindText(PullProgress::Kind kind) {
    switch (kind) {
    case PullProgress::Kind::Resolving: return "Resolving";
    case PullProgress::Kind::Waiting: return "Waiting";
    case PullProgress::Kind::Downloading: return "Downloading";
    case PullProgress::Kind::Extracting: return "Extracting";
    case PullProgress::Kind::Retrying: return "Retrying";
    case PullProgress::Kind::DownloadComplete: return "Download complete";
    case PullProgress::Kind::PullComplete: return "Pull complete";
    case PullProgress::Kind::AlreadyExists: return "Already exists";
    case PullProgress::Kind::Failed: return "Failed";
    }
    return "";
}

} // namespace berth::image
