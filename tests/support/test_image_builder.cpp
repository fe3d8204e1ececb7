#include "test_image_builder.h"

#include "support/sha256.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace berth::test {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* OciManifestType = "application/vnd.oci.image.manifest.v1+json";
constexpr const char* OciIndexType = "application/vnd.oci.image.index.v1+json";
constexpr const char* OciConfigType = "application/vnd.oci.image.config.v1+json";
constexpr const char* Created = "2023-11-14T22:13:20Z";

std::string sha256Digest(const std::string& bytes) {
    return "sha256:" + Sha256::hexOf(bytes);
}

const char* layerMediaType(Compression c) {
    switch (c) {
    case Compression::None:
        return "application/vnd.oci.image.layer.v1.tar";
    case Compression::Gzip:
        return "application/vnd.oci.image.layer.v1.tar+gzip";
    case Compression::Zstd:
        return "application/vnd.oci.image.layer.v1.tar+zstd";
    }
    return "";
}

BuiltBlob writeBlob(const fs::path& layout, std::string mediaType, std::string bytes) {
    BuiltBlob b{std::move(mediaType), sha256Digest(bytes), static_cast<std::int64_t>(bytes.size()),
                std::move(bytes)};
    writeText(layout / "blobs" / "sha256" / b.digest.substr(7), b.bytes);
    return b;
}

json descriptorJson(const BuiltBlob& b) {
    return {{"mediaType", b.mediaType}, {"digest", b.digest}, {"size", b.size}};
}

json runConfigJson(const ImageSpec& spec) {
    json c = json::object();
    c["Env"] = spec.env;
    if (!spec.cmd.empty()) c["Cmd"] = spec.cmd;
    if (!spec.entrypoint.empty()) c["Entrypoint"] = spec.entrypoint;
    if (!spec.workingDir.empty()) c["WorkingDir"] = spec.workingDir;
    if (!spec.labels.empty()) c["Labels"] = spec.labels;
    if (!spec.exposedPorts.empty()) {
        c["ExposedPorts"] = json::object();
        for (const std::string& p : spec.exposedPorts)
            c["ExposedPorts"][p] = json::object();
    }
    return c;
}

std::string configJson(const ImageSpec& spec, const std::vector<std::string>& diffIds) {
    json history = json::array();
    for (const LayerSpec& l : spec.layers)
        history.push_back(
            {{"created", Created}, {"created_by", l.createdBy.empty() ? "berth test layer" : l.createdBy}});
    json c = {{"created", Created},
              {"architecture", spec.architecture},
              {"os", spec.os},
              {"config", runConfigJson(spec)},
              {"rootfs", {{"type", "layers"}, {"diff_ids", diffIds}}},
              {"history", history}};
    if (!spec.variant.empty()) c["variant"] = spec.variant;
    return c.dump();
}

BuiltImage writeImage(const fs::path& layout, const ImageSpec& spec) {
    BuiltImage img;
    img.platform = spec.os + "/" + spec.architecture + (spec.variant.empty() ? "" : "/" + spec.variant);
    for (const LayerSpec& l : spec.layers) {
        std::string tar = l.tar.build(Compression::None);
        img.diffIds.push_back(sha256Digest(tar));
        img.layers.push_back(writeBlob(layout, layerMediaType(l.compression), compress(tar, l.compression)));
    }
    img.config = writeBlob(layout, OciConfigType, configJson(spec, img.diffIds));
    json m = {{"schemaVersion", 2}, {"config", descriptorJson(img.config)}, {"layers", json::array()}};
    if (spec.manifestMediaTypeField) m["mediaType"] = OciManifestType;
    for (const BuiltBlob& l : img.layers)
        m["layers"].push_back(descriptorJson(l));
    img.manifest = writeBlob(layout, OciManifestType, m.dump());
    return img;
}

BuiltBlob writeIndexBlob(const fs::path& layout, const std::vector<BuiltImage>& images,
                         const TestImage& image) {
    json idx = {{"schemaVersion", 2}, {"mediaType", OciIndexType}, {"manifests", json::array()}};
    for (std::size_t i = 0; i < images.size(); ++i) {
        const ImageSpec& s = image.platforms[i];
        json d = descriptorJson(images[i].manifest);
        d["platform"] = {{"architecture", s.architecture}, {"os", s.os}};
        if (!s.variant.empty()) d["platform"]["variant"] = s.variant;
        idx["manifests"].push_back(d);
    }
    return writeBlob(layout, OciIndexType, idx.dump());
}

// index.json keeps every other tag; this tag now points at `top`.
void tagInIndexJson(const fs::path& layout, const BuiltBlob& top, const std::string& tag) {
    json index = {{"schemaVersion", 2}, {"mediaType", OciIndexType}, {"manifests", json::array()}};
    if (fs::exists(layout / "index.json")) index = json::parse(readText(layout / "index.json"));
    json kept = json::array();
    for (const json& d : index["manifests"])
        if (d.value("annotations", json::object())
                .value("org.opencontainers.image.ref.name", std::string()) != tag)
            kept.push_back(d);
    json d = descriptorJson(top);
    d["annotations"] = {{"org.opencontainers.image.ref.name", tag}};
    kept.push_back(d);
    index["manifests"] = kept;
    writeText(layout / "index.json", index.dump());
    writeText(layout / "oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
}

} // namespace

BuiltLayout writeLayout(const fs::path& layoutDir, const TestImage& image, const std::string& tag) {
    if (image.platforms.empty()) throw std::runtime_error("test image has no platforms");
    BuiltLayout out;
    for (const ImageSpec& spec : image.platforms)
        out.images.push_back(writeImage(layoutDir, spec));
    if (out.images.size() > 1) out.index = writeIndexBlob(layoutDir, out.images, image);
    tagInIndexJson(layoutDir, out.index.digest.empty() ? out.images[0].manifest : out.index, tag);
    return out;
}

PushResult pushImage(const fs::path& layoutDir, const std::string& tag, const std::string& registryHost,
                     const std::string& repoAndTag, PushFormat format) {
    TempDir scratch;
    fs::path digestFile = scratch / "digest";
    QStringList args{QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                     QStringLiteral("--digestfile"), QString::fromStdString(digestFile.string())};
    // No --format for OCI: the source already is OCI, and asking for it makes skopeo re-serialise
    // an index (changing its digest) when copying with --all.
    if (format == PushFormat::DockerV2s2) args << QStringLiteral("--format") << QStringLiteral("v2s2");
    json indexJson = json::parse(readText(layoutDir / "index.json"));
    bool isIndex = false;
    for (const json& d : indexJson["manifests"])
        if (d.value("annotations", json::object())
                .value("org.opencontainers.image.ref.name", std::string()) == tag)
            isIndex = d.value("mediaType", std::string()) == OciIndexType;
    if (isIndex) args << QStringLiteral("--all");
    args << QString::fromStdString("oci:" + layoutDir.string() + ":" + tag)
         << QString::fromStdString("docker://" + registryHost + "/" + repoAndTag);
    PushResult r;
    r.command = run(QStringLiteral("skopeo"), args, 120000);
    if (r.command.exitCode == 0) r.digest = readText(digestFile);
    return r;
}

} // namespace berth::test
