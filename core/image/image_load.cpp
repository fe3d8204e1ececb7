#include "image/image_archive.h"

#include "image/layer_fetch.h"
#include "image/puller.h"
#include "oci/media_types.h"
#include "support/file_util.h"
#include "support/sha256.h"
#include "support/unique_fd.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <map>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace berth::image {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t MaxJsonBytes = 16u << 20;

// What the archive held: blobs moved into the store by path, small files kept in memory.
struct ArchiveContents {
    std::map<std::string, oci::Digest> blobs;
    std::map<std::string, std::string> smallFiles;
    std::map<std::string, std::string> links; // path → target path (archive-relative)
};

std::string cleanName(std::string n) {
    while (n.rfind("./", 0) == 0) n.erase(0, 2);
    while (!n.empty() && n.back() == '/') n.pop_back();
    return n;
}

bool isBlobPath(const std::string& n, oci::Digest* d) {
    if (n.rfind("blobs/sha256/", 0) != 0) return false;
    auto parsed = oci::Digest::parse("sha256:" + n.substr(13));
    if (!parsed) return false;
    *d = *parsed;
    return true;
}

Status readData(archive* a, const std::string& name, const std::function<Status(const char*, std::size_t)>& sink) {
    const void* buf;
    size_t size;
    la_int64_t offset;
    while (true) {
        int rc = archive_read_data_block(a, &buf, &size, &offset);
        if (rc == ARCHIVE_EOF) return {};
        if (rc != ARCHIVE_OK) return fail(ErrorCode::Corrupt, name + ": " + archive_error_string(a));
        BERTH_CHECK(sink(static_cast<const char*>(buf), size));
    }
}

Status takeBlob(archive* a, ContentStore& content, const std::string& name, oci::Descriptor desc) {
    auto w = content.openWriter(desc);
    if (!w && w.error().code == ErrorCode::AlreadyExists) return {};
    if (!w) return std::unexpected(w.error());
    if ((*w)->offset() != 0) {
        (*w)->discard();
        w = content.openWriter(desc);
        if (!w) return std::unexpected(w.error());
    }
    BERTH_CHECK(readData(a, name, [&](const char* p, std::size_t n) { return (*w)->write(p, n); }));
    return withContext((*w)->commit(), name);
}

// A file of unknown digest (old Docker archives' <id>/layer.tar): hash while copying, then adopt.
Result<oci::Digest> takeFile(archive* a, ContentStore& content, const std::string& name) {
    fs::path tmp = content.ingestDir() / ("load-" + randomHex(8));
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd.isValid()) return sysFail("creating " + tmp.string());
    Sha256 hash;
    auto st = readData(a, name, [&](const char* p, std::size_t n) -> Status {
        hash.update(p, n);
        if (::write(fd.get(), p, n) != static_cast<ssize_t>(n)) return sysFail("writing " + tmp.string());
        return {};
    });
    fd.reset();
    if (!st) {
        ::unlink(tmp.c_str());
        return std::unexpected(st.error());
    }
    auto digest = oci::Digest::fromSha256Hex(hash.finalHex());
    BERTH_CHECK(content.adopt(tmp, digest));
    return digest;
}

Status readEntry(archive* a, archive_entry* e, ContentStore& content, ArchiveContents& out) {
    std::string name = cleanName(archive_entry_pathname(e) ? archive_entry_pathname(e) : "");
    if (name.empty() || name.find("..") != std::string::npos) return {};
    auto type = archive_entry_filetype(e);
    if (const char* hl = archive_entry_hardlink(e)) {
        out.links[name] = cleanName(hl);
        return {};
    }
    if (type == AE_IFLNK) {
        fs::path target = fs::path(name).parent_path() / archive_entry_symlink(e);
        out.links[name] = cleanName(target.lexically_normal().string());
        return {};
    }
    if (type != AE_IFREG) return {};
    oci::Digest d;
    auto size = archive_entry_size(e);
    if (isBlobPath(name, &d)) {
        oci::Descriptor desc;
        desc.digest = d;
        desc.size = size;
        BERTH_CHECK(takeBlob(a, content, name, desc));
        out.blobs[name] = d;
    } else if (size <= static_cast<la_int64_t>(MaxJsonBytes) && name.find("layer.tar") == std::string::npos) {
        std::string data;
        BERTH_CHECK(readData(a, name, [&](const char* p, std::size_t n) -> Status {
            data.append(p, n);
            return {};
        }));
        out.smallFiles[name] = std::move(data);
    } else {
        out.blobs[name] = BERTH_TRY(takeFile(a, content, name));
    }
    return {};
}

Result<ArchiveContents> readArchive(const fs::path& in, ContentStore& content) {
    archive* a = archive_read_new();
    archive_read_support_filter_gzip(a);
    archive_read_support_filter_zstd(a);
    archive_read_support_filter_none(a);
    archive_read_support_format_tar(a);
    int rc = in == "-" ? archive_read_open_fd(a, STDIN_FILENO, 1 << 20) : archive_read_open_filename(a, in.c_str(), 1 << 20);
    auto cleanup = [&] { archive_read_free(a); };
    if (rc != ARCHIVE_OK) {
        std::string msg = archive_error_string(a) ? archive_error_string(a) : "cannot open";
        cleanup();
        return fail(ErrorCode::Io, "opening " + in.string() + ": " + msg);
    }
    ArchiveContents out;
    archive_entry* e;
    while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
        auto st = readEntry(a, e, content, out);
        if (!st) {
            cleanup();
            return std::unexpected(st.error());
        }
    }
    if (rc != ARCHIVE_EOF) {
        std::string msg = archive_error_string(a) ? archive_error_string(a) : "read error";
        cleanup();
        return fail(ErrorCode::Corrupt, in.string() + " is not a valid image archive: " + msg);
    }
    cleanup();
    return out;
}

// Resolves a path through the archive's links to a stored blob (or a small file put in the store).
Result<oci::Digest> blobAt(const ArchiveContents& c, ContentStore& content, std::string path) {
    for (int depth = 0; depth < 16; ++depth) {
        path = cleanName(path);
        if (auto it = c.blobs.find(path); it != c.blobs.end()) return it->second;
        if (auto it = c.smallFiles.find(path); it != c.smallFiles.end()) return content.put(it->second);
        auto link = c.links.find(path);
        if (link == c.links.end()) break;
        path = link->second;
    }
    return fail(ErrorCode::Corrupt, "archive lacks " + path);
}

} // namespace

std::string layerMediaTypeOf(const fs::path& blob);

namespace {

struct Candidate {
    oci::Descriptor manifest;
    std::vector<std::string> names;
};

std::string fullName(const std::string& n) {
    auto r = Reference::parse(n);
    return r ? r->str() : std::string();
}

Result<std::vector<Candidate>> fromDockerManifest(const ArchiveContents& c, ContentStore& content) {
    auto text = c.smallFiles.find("manifest.json");
    json j = json::parse(text->second, nullptr, false);
    if (!j.is_array()) return fail(ErrorCode::Corrupt, "manifest.json in the archive is not a list");
    std::vector<Candidate> out;
    for (auto& entry : j) {
        if (!entry.is_object() || !entry.contains("Config") || !entry["Config"].is_string())
            return fail(ErrorCode::Corrupt, "manifest.json entry has no Config");
        oci::Manifest m;
        m.mediaType = std::string(oci::media::OciManifest);
        auto cfg = BERTH_TRY(blobAt(c, content, entry["Config"].get<std::string>()));
        m.config = {std::string(oci::media::OciConfig), cfg, static_cast<std::int64_t>(fs::file_size(content.blobPath(cfg)))};
        if (entry.contains("Layers") && entry["Layers"].is_array())
            for (auto& l : entry["Layers"]) {
                if (!l.is_string()) return fail(ErrorCode::Corrupt, "manifest.json layer is not a path");
                auto d = BERTH_TRY(blobAt(c, content, l.get<std::string>()));
                auto path = content.blobPath(d);
                m.layers.push_back({layerMediaTypeOf(path), d, static_cast<std::int64_t>(fs::file_size(path))});
            }
        std::string bytes = oci::toJson(m);
        Candidate cand;
        cand.manifest = {m.mediaType, BERTH_TRY(content.put(bytes)), static_cast<std::int64_t>(bytes.size())};
        if (entry.contains("RepoTags") && entry["RepoTags"].is_array())
            for (auto& t : entry["RepoTags"])
                if (t.is_string() && !fullName(t.get<std::string>()).empty()) cand.names.push_back(fullName(t.get<std::string>()));
        out.push_back(std::move(cand));
    }
    return out;
}

Result<std::vector<Candidate>> fromOciIndex(const ArchiveContents& c, ContentStore& content) {
    auto index = BERTH_TRY(oci::parseImageIndex(c.smallFiles.at("index.json"), oci::media::OciIndex));
    std::vector<Candidate> out;
    for (auto& d : index.manifests) {
        if (!content.has(d.digest)) return fail(ErrorCode::Corrupt, "archive lacks manifest " + d.digest.str());
        Candidate cand;
        cand.manifest = d;
        if (oci::media::isIndex(d.mediaType)) {
            auto bytes = BERTH_TRY(content.read(d.digest, 4u << 20));
            auto nested = BERTH_TRY(oci::parseImageIndex(bytes, d.mediaType));
            cand.manifest = BERTH_TRY(selectPlatform(nested, oci::Platform::host()));
        }
        cand.manifest.annotations.clear();
        auto name = d.annotations.find(oci::AnnotationImageName);
        if (name != d.annotations.end() && !fullName(name->second).empty()) cand.names.push_back(fullName(name->second));
        out.push_back(std::move(cand));
    }
    return out;
}

Status unpackLayers(ImageStore& store, const Image& img) {
    for (std::size_t i = 0; i < img.manifest.layers.size(); ++i) {
        if (store.snapshots().has(img.chainIds[i])) continue;
        LayerJob job;
        job.blob = img.manifest.layers[i];
        job.diffId = img.config.diffIds[i];
        job.chainId = img.chainIds[i];
        job.parent = i ? img.chainIds[i - 1] : oci::ChainId();
        job.content = &store.content();
        job.snapshots = &store.snapshots();
        BERTH_CHECK(unpackStoredLayer(job));
    }
    return {};
}

} // namespace

Result<std::vector<LoadedImage>> loadImages(ImageStore& store, const fs::path& in) {
    auto lock = BERTH_TRY(store.lockShared());
    auto contents = BERTH_TRY(readArchive(in, store.content()));
    std::vector<Candidate> candidates;
    bool hasIndex = contents.smallFiles.count("index.json") > 0;
    bool hasManifest = contents.smallFiles.count("manifest.json") > 0;
    if (hasIndex) candidates = BERTH_TRY(withContext(fromOciIndex(contents, store.content()), in.string()));
    if (hasManifest) {
        auto docker = BERTH_TRY(withContext(fromDockerManifest(contents, store.content()), in.string()));
        if (candidates.empty()) candidates = docker;
        else // Docker 25+ archives: names come from manifest.json's RepoTags when index.json has none.
            for (auto& cand : candidates)
                if (cand.names.empty())
                    for (auto& d : docker) {
                        auto img = store.loadImage(cand.manifest);
                        auto dimg = store.loadImage(d.manifest);
                        if (img && dimg && img->imageId == dimg->imageId) cand.names = d.names;
                    }
    }
    if (!hasIndex && !hasManifest)
        return fail(ErrorCode::Corrupt, in.string() + " is not an image archive: it has neither manifest.json nor index.json");
    std::vector<LoadedImage> loaded;
    for (auto& cand : candidates) {
        auto img = BERTH_TRY(withContext(store.loadImage(cand.manifest), in.string()));
        if (img.config.diffIds.size() != img.manifest.layers.size())
            return fail(ErrorCode::Corrupt, in.string() + ": image " + img.imageId.shortId() + " has " +
                                                std::to_string(img.manifest.layers.size()) + " layers but " +
                                                std::to_string(img.config.diffIds.size()) + " diff ids");
        BERTH_CHECK(withContext(unpackLayers(store, img), "loading image " + img.imageId.shortId()));
        if (cand.names.empty()) {
            BERTH_CHECK(store.setName({}, cand.manifest, img.imageId));
            loaded.push_back({{}, img.imageId});
        }
        for (auto& n : cand.names) {
            BERTH_CHECK(store.setName(n, cand.manifest, img.imageId));
            loaded.push_back({n, img.imageId});
        }
    }
    return loaded;
}

std::string layerMediaTypeOf(const fs::path& blob) {
    unsigned char magic[4] = {};
    UniqueFd fd(::open(blob.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.isValid() && ::read(fd.get(), magic, 4) == 4) {
        if (magic[0] == 0x1f && magic[1] == 0x8b) return std::string(oci::media::OciLayerGzip);
        if (magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
            return std::string(oci::media::OciLayerZstd);
    }
    return std::string(oci::media::OciLayer);
}

} // namespace berth::image
