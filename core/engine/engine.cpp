#include "engine/engine.h"

#include "runtime/rootless/rootless_join.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <unistd.h>

namespace berth::engine {

namespace fs = std::filesystem;

const char* Engine::version() { return "0.1.0"; }

fs::path Engine::defaultRoot() {
    if (const char* env = std::getenv("BERTH_ROOT"); env && *env) return env;
    // Inside the rootless user namespace geteuid() is 0 too: the user's own store, never root's.
    if (!runtime::isRootless()) return "/var/lib/berth";
    return runtime::rootlessPaths().storeRoot;
}

std::string normalizeRegistryHost(std::string_view host) {
    std::string h(host);
    for (const char* prefix : {"https://", "http://"})
        if (h.rfind(prefix, 0) == 0) h.erase(0, std::string_view(prefix).size());
    while (!h.empty() && h.back() == '/') h.pop_back();
    if (h.empty() || h == "index.docker.io" || h == "registry-1.docker.io" || h == "docker.io") return "docker.io";
    return h;
}

Engine::Engine(EngineOptions options, image::ImageStore store, runtime::ContainerStore containers)
    : m_options(std::move(options)), m_store(std::move(store)), m_containers(std::move(containers)),
      m_events(m_options.root / "events.jsonl"),
      m_credentials(m_options.credentialsFile.empty() ? image::CredentialStore::defaultPath() : m_options.credentialsFile) {}

Result<std::unique_ptr<Engine>> Engine::open(EngineOptions options) {
    if (options.root.empty()) options.root = defaultRoot();
    auto store = image::ImageStore::open(options.root);
    if (!store) return std::unexpected(store.error().context("opening the store at " + options.root.string()));
    store->snapshots().sweep();
    store->content().sweepIngest();
    auto containers = runtime::ContainerStore::open(options.root);
    if (!containers) return std::unexpected(containers.error().context("opening the container store"));
    return std::unique_ptr<Engine>(new Engine(std::move(options), std::move(*store), std::move(*containers)));
}

image::RegistryOptions Engine::registryOptions() const {
    image::RegistryOptions o;
    o.insecureRegistries = m_options.insecureRegistries;
    o.credentials = [store = m_credentials](const std::string& host) { return store.find(normalizeRegistryHost(host)); };
    return o;
}

Result<image::PullResult> Engine::pull(std::string_view reference, image::PullOptions options) {
    auto ref = BERTH_TRY(image::Reference::parse(reference));
    options.registry = registryOptions();
    return withContext(image::pull(m_store, ref, options), "pulling " + ref.familiar());
}

Result<std::vector<ImageRow>> Engine::listImages(bool all) {
    (void)all; // intermediate images do not exist in a store without builds
    auto records = BERTH_TRY(m_store.list());
    std::vector<ImageRow> rows;
    for (auto& r : records) {
        auto img = m_store.loadImage(r.target);
        ImageRow row;
        row.repository = "<none>";
        row.tag = "<none>";
        row.digest = "<none>";
        row.imageId = r.imageId;
        if (img) {
            row.imageId = img->imageId;
            row.created = img->config.created;
            row.size = img->size;
        }
        if (auto ref = image::Reference::parse(r.name); ref && !r.name.empty()) {
            row.repository = ref->familiarRepository();
            if (!ref->tag.empty()) row.tag = ref->tag;
            if (!r.repoDigest.empty()) row.digest = r.repoDigest;
            else if (ref->digest) row.digest = ref->digest->str();
        }
        rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.created > b.created; });
    return rows;
}

Result<image::Image> Engine::inspectImage(std::string_view reference) { return m_store.resolve(reference); }

Status Engine::tag(std::string_view source, std::string_view target) {
    auto img = BERTH_TRY(m_store.resolve(source));
    auto ref = BERTH_TRY(image::Reference::parse(target));
    if (ref.digest) return fail(ErrorCode::InvalidArgument, "refusing to create a tag with a digest reference");
    return m_store.setName(ref.str(), img.target, img.imageId);
}

Result<RemoveReport> Engine::removeImage(std::string_view reference, bool force) {
    auto lock = BERTH_TRY(m_store.lockExclusive());
    auto img = BERTH_TRY(m_store.resolve(reference));
    RemoveReport report;
    auto ref = image::Reference::parse(reference);
    bool byName = ref && std::any_of(img.records.begin(), img.records.end(), [&](auto& r) { return r.name == ref->str(); });
    std::set<std::string> names;
    for (auto& r : img.records)
        if (!r.name.empty()) names.insert(r.name);
    if (byName && names.size() > 1) {
        // Docker: removing one of several names only untags.
        BERTH_CHECK(m_store.removeName(ref->str()));
        report.untagged.push_back(ref->familiar());
        return report;
    }
    if (!byName && names.size() > 1 && !force)
        return fail(ErrorCode::InvalidArgument, "conflict: unable to delete " + img.imageId.shortId() +
                                                    " (must be forced) - image is referenced in multiple repositories");
    if (auto users = m_containers.list())
        for (auto& c : *users)
            if (c.config.imageId == img.imageId.str())
                return fail(ErrorCode::InvalidArgument, "conflict: unable to delete " + img.imageId.shortId() +
                                                            " - image is being used by container " + c.config.id.substr(0, 12));
    for (auto& n : names)
        if (auto r = image::Reference::parse(n)) report.untagged.push_back(r->familiar());
    BERTH_CHECK(m_store.removeTarget(img.target.digest));
    auto gc = BERTH_TRY(m_store.collectGarbage(snapshotsInUse()));
    report.deleted.push_back(img.imageId.str());
    for (auto& c : gc.removedSnapshots) report.deleted.push_back(c.str());
    return report;
}

Result<PruneReport> Engine::pruneImages(bool all) {
    auto lock = BERTH_TRY(m_store.lockExclusive());
    auto records = BERTH_TRY(m_store.list());
    PruneReport report;
    std::set<std::string> used;
    if (auto cs = m_containers.list())
        for (auto& c : *cs) used.insert(c.config.imageId);
    for (auto& r : records) {
        // Plain prune removes dangling images; -a every image no container uses.
        if (!r.name.empty() && !all) continue;
        if (used.count(r.imageId.str())) continue;
        BERTH_CHECK(m_store.removeTarget(r.target.digest));
        report.deleted.push_back(r.imageId.str());
    }
    auto gc = BERTH_TRY(m_store.collectGarbage(snapshotsInUse()));
    for (auto& c : gc.removedSnapshots) report.deleted.push_back(c.str());
    report.reclaimedBytes = gc.reclaimedBytes;
    return report;
}

Status Engine::save(const std::vector<std::string>& references, const fs::path& out) {
    return image::saveImages(m_store, references, out);
}

Result<std::vector<image::LoadedImage>> Engine::load(const fs::path& in) { return image::loadImages(m_store, in); }

Status Engine::login(const std::string& registry, const image::Credentials& credentials) {
    std::string host = normalizeRegistryHost(registry);
    BERTH_CHECK(image::checkLogin(host, credentials, registryOptions()));
    return m_credentials.save(host, credentials);
}

Status Engine::logout(const std::string& registry) { return m_credentials.erase(normalizeRegistryHost(registry)); }

EngineInfo Engine::info() {
    EngineInfo i;
    i.version = version();
    i.root = m_options.root;
    i.platform = oci::Platform::host().str();
    i.rootless = runtime::isRootless();
    if (i.rootless) i.rootlessDetails = runtime::probeRootless();
    i.snapshotter = useOverlay() ? "overlay" : "copy";
    if (auto r = m_store.list()) i.images = r->size();
    i.layers = m_store.snapshots().list().size();
    i.defaultNetwork = defaultNetwork();
    return i;
}

} // namespace berth::engine
