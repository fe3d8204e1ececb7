#include "oci/manifest.h"

#include "oci/json_detail.h"
#include "oci/media_types.h"

namespace berth::oci {

using nlohmann::json;

namespace detail {

Annotations annotationsFromJson(const json& j) {
    Annotations a;
    if (!j.is_object()) return a;
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.value().is_string()) a[it.key()] = it.value().get<std::string>();
    return a;
}

Result<Descriptor> descriptorFromJson(const json& j, std::string_view what) {
    if (!j.is_object()) return fail(ErrorCode::Corrupt, std::string(what) + ": descriptor is not an object");
    Descriptor d;
    if (j.contains("mediaType") && j["mediaType"].is_string()) d.mediaType = j["mediaType"].get<std::string>();
    if (!j.contains("digest") || !j["digest"].is_string())
        return fail(ErrorCode::Corrupt, std::string(what) + ": descriptor has no digest");
    auto dg = Digest::parse(j["digest"].get<std::string>());
    if (!dg) return std::unexpected(dg.error().context(what));
    d.digest = *dg;
    if (!j.contains("size") || !j["size"].is_number_integer() || j["size"].get<std::int64_t>() < 0)
        return fail(ErrorCode::Corrupt, std::string(what) + ": descriptor " + d.digest.str() + " has no valid size");
    d.size = j["size"].get<std::int64_t>();
    if (j.contains("urls") && j["urls"].is_array())
        for (auto& u : j["urls"])
            if (u.is_string()) d.urls.push_back(u.get<std::string>());
    if (j.contains("annotations")) d.annotations = annotationsFromJson(j["annotations"]);
    if (j.contains("artifactType") && j["artifactType"].is_string())
        d.artifactType = j["artifactType"].get<std::string>();
    if (j.contains("platform") && j["platform"].is_object()) {
        const json& p = j["platform"];
        Platform pl;
        pl.os = p.value("os", "");
        pl.architecture = p.value("architecture", "");
        pl.variant = p.value("variant", "");
        pl.osVersion = p.value("os.version", "");
        d.platform = pl;
    }
    return d;
}

json descriptorToJson(const Descriptor& d) {
    json j;
    j["mediaType"] = d.mediaType;
    j["digest"] = d.digest.str();
    j["size"] = d.size;
    if (!d.urls.empty()) j["urls"] = d.urls;
    if (!d.annotations.empty()) j["annotations"] = d.annotations;
    if (!d.artifactType.empty()) j["artifactType"] = d.artifactType;
    if (d.platform) {
        json p;
        p["architecture"] = d.platform->architecture;
        p["os"] = d.platform->os;
        if (!d.platform->variant.empty()) p["variant"] = d.platform->variant;
        if (!d.platform->osVersion.empty()) p["os.version"] = d.platform->osVersion;
        j["platform"] = p;
    }
    return j;
}

} // namespace detail

static std::string stripParams(std::string_view ct) {
    auto semi = ct.find(';');
    std::string s(ct.substr(0, semi));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    while (!s.empty() && (s.front() == ' ')) s.erase(s.begin());
    return s;
}

static Result<json> parseObject(std::string_view text, std::string_view what) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail(ErrorCode::Corrupt, std::string(what) + " is not a json object");
    return j;
}

Result<std::string> detectManifestMediaType(std::string_view text, std::string_view contentType) {
    json j = BERTH_TRY(parseObject(text, "manifest"));
    std::string ct = stripParams(contentType);
    std::string field = j.contains("mediaType") && j["mediaType"].is_string() ? j["mediaType"].get<std::string>() : "";
    if (j.contains("schemaVersion") && j["schemaVersion"].is_number_integer() && j["schemaVersion"].get<int>() == 1)
        return fail(ErrorCode::Unsupported,
                    "docker schema 1 manifests are not supported (deprecated by Docker and containerd): re-push the "
                    "image with a current client");
    if (!field.empty()) {
        if (media::isSchema1(field)) return fail(ErrorCode::Unsupported, "docker schema 1 manifests are not supported");
        return field;
    }
    if (media::isSchema1(ct)) return fail(ErrorCode::Unsupported, "docker schema 1 manifests are not supported");
    if (media::isIndex(ct) || media::isManifest(ct)) return ct;
    if (j.contains("manifests")) return std::string(media::OciIndex);
    if (j.contains("config") || j.contains("layers")) return std::string(media::OciManifest);
    return fail(ErrorCode::Unsupported, "manifest has unknown media type \"" + ct + "\"");
}

Result<Manifest> parseManifest(std::string_view text, std::string_view contentType) {
    json j = BERTH_TRY(parseObject(text, "manifest"));
    std::string mt = BERTH_TRY(detectManifestMediaType(text, contentType));
    std::string ct = stripParams(contentType);
    if (j.contains("mediaType") && j["mediaType"].is_string() && !ct.empty() &&
        (media::isIndex(ct) || media::isManifest(ct)) && ct != mt)
        return fail(ErrorCode::Corrupt, "manifest mediaType \"" + mt + "\" disagrees with Content-Type \"" + ct + "\"");
    if (!media::isManifest(mt)) return fail(ErrorCode::Corrupt, "expected an image manifest, got \"" + mt + "\"");
    if (j.contains("manifests"))
        return fail(ErrorCode::Corrupt, "ambiguous manifest: has a \"manifests\" field (CVE-2021-41190)");
    if (j.contains("fsLayers")) return fail(ErrorCode::Unsupported, "docker schema 1 manifests are not supported");
    Manifest m;
    m.mediaType = mt;
    if (j.contains("schemaVersion") && j["schemaVersion"].is_number_integer()) m.schemaVersion = j["schemaVersion"];
    if (m.schemaVersion != 2)
        return fail(ErrorCode::Unsupported, "manifest schemaVersion " + std::to_string(m.schemaVersion) + " is not supported");
    if (!j.contains("config")) return fail(ErrorCode::Corrupt, "manifest has no config descriptor");
    m.config = BERTH_TRY(detail::descriptorFromJson(j["config"], "manifest config"));
    if (j.contains("layers")) {
        if (!j["layers"].is_array()) return fail(ErrorCode::Corrupt, "manifest layers is not an array");
        for (auto& l : j["layers"]) m.layers.push_back(BERTH_TRY(detail::descriptorFromJson(l, "manifest layer")));
    }
    if (j.contains("annotations")) m.annotations = detail::annotationsFromJson(j["annotations"]);
    return m;
}

Result<ImageIndex> parseImageIndex(std::string_view text, std::string_view contentType) {
    json j = BERTH_TRY(parseObject(text, "image index"));
    std::string mt = BERTH_TRY(detectManifestMediaType(text, contentType));
    if (!media::isIndex(mt)) return fail(ErrorCode::Corrupt, "expected an image index, got \"" + mt + "\"");
    if (j.contains("config") || j.contains("layers"))
        return fail(ErrorCode::Corrupt, "ambiguous image index: has \"config\" or \"layers\" (CVE-2021-41190)");
    ImageIndex idx;
    idx.mediaType = mt;
    if (j.contains("schemaVersion") && j["schemaVersion"].is_number_integer()) idx.schemaVersion = j["schemaVersion"];
    if (!j.contains("manifests") || !j["manifests"].is_array())
        return fail(ErrorCode::Corrupt, "image index has no manifests array");
    for (auto& d : j["manifests"]) idx.manifests.push_back(BERTH_TRY(detail::descriptorFromJson(d, "index entry")));
    if (j.contains("annotations")) idx.annotations = detail::annotationsFromJson(j["annotations"]);
    return idx;
}

std::string toJson(const Manifest& m) {
    json j;
    j["schemaVersion"] = m.schemaVersion;
    j["mediaType"] = m.mediaType;
    j["config"] = detail::descriptorToJson(m.config);
    j["layers"] = json::array();
    for (auto& l : m.layers) j["layers"].push_back(detail::descriptorToJson(l));
    if (!m.annotations.empty()) j["annotations"] = m.annotations;
    return j.dump();
}

std::string toJson(const ImageIndex& i) {
    json j;
    j["schemaVersion"] = i.schemaVersion;
    if (!i.mediaType.empty()) j["mediaType"] = i.mediaType;
    j["manifests"] = json::array();
    for (auto& d : i.manifests) j["manifests"].push_back(detail::descriptorToJson(d));
    if (!i.annotations.empty()) j["annotations"] = i.annotations;
    return j.dump();
}

} // namespace berth::oci
