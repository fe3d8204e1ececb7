#include "image/image_archive.h"

#include "oci/media_types.h"
#include "support/file_util.h"
#include "support/unique_fd.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <set>
#include <unistd.h>

namespace berth::image {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A tar being written with libarchive; errors stop here as Results.
class TarWriter {
public:
    explicit TarWriter(int fd) : m_a(archive_write_new()) {
        archive_write_set_format_pax_restricted(m_a);
        archive_write_open_fd(m_a, fd);
    }
    ~TarWriter() { archive_write_free(m_a); }
    Status close() {
        if (archive_write_close(m_a) != ARCHIVE_OK) return fail(ErrorCode::Io, std::string("writing archive: ") + archive_error_string(m_a));
        return {};
    }
    Status dir(const std::string& name) { return header(name, AE_IFDIR, 0755, 0); }
    Status bytes(const std::string& name, std::string_view data) {
        BERTH_CHECK(header(name, AE_IFREG, 0644, data.size()));
        return write(data.data(), data.size(), name);
    }
    Status file(const std::string& name, const fs::path& path) {
        UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd.isValid()) return sysFail("opening " + path.string());
        off_t size = ::lseek(fd.get(), 0, SEEK_END);
        ::lseek(fd.get(), 0, SEEK_SET);
        BERTH_CHECK(header(name, AE_IFREG, 0644, static_cast<std::uint64_t>(size)));
        std::string buf(1 << 20, '\0');
        while (true) {
            ssize_t n = ::read(fd.get(), buf.data(), buf.size());
            if (n < 0) return sysFail("reading " + path.string());
            if (n == 0) return {};
            BERTH_CHECK(write(buf.data(), static_cast<std::size_t>(n), name));
        }
    }

private:
    Status header(const std::string& name, unsigned type, unsigned perm, std::uint64_t size) {
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, name.c_str());
        archive_entry_set_filetype(e, type);
        archive_entry_set_perm(e, perm);
        archive_entry_set_size(e, static_cast<la_int64_t>(size));
        archive_entry_set_mtime(e, 0, 0);
        int rc = archive_write_header(m_a, e);
        archive_entry_free(e);
        if (rc != ARCHIVE_OK) return fail(ErrorCode::Io, "writing " + name + ": " + archive_error_string(m_a));
        return {};
    }
    Status write(const char* data, std::size_t n, const std::string& name) {
        if (archive_write_data(m_a, data, n) < 0) return fail(ErrorCode::Io, "writing " + name + ": " + archive_error_string(m_a));
        return {};
    }
    archive* m_a;
};

std::string blobName(const oci::Digest& d) { return "blobs/" + d.algorithm() + "/" + d.encoded(); }

Status writeImages(ImageStore& store, const std::vector<Image>& images, TarWriter& tar) {
    BERTH_CHECK(tar.bytes("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"));
    BERTH_CHECK(tar.dir("blobs/"));
    BERTH_CHECK(tar.dir("blobs/sha256/"));
    std::set<oci::Digest> written;
    auto blob = [&](const oci::Digest& d) -> Status {
        if (!written.insert(d).second) return {};
        return tar.file(blobName(d), store.content().blobPath(d));
    };
    oci::ImageIndex index;
    index.mediaType = std::string(oci::media::OciIndex);
    json manifests = json::array(), repositories = json::object();
    for (const Image& img : images) {
        BERTH_CHECK(blob(img.manifest.config.digest));
        json layers = json::array();
        for (auto& l : img.manifest.layers) {
            BERTH_CHECK(blob(l.digest));
            layers.push_back(blobName(l.digest));
        }
        BERTH_CHECK(blob(img.target.digest));
        json tags = json::array();
        for (auto& r : img.records) {
            if (r.name.empty()) continue;
            auto ref = Reference::parse(r.name);
            if (!ref || ref->tag.empty()) continue;
            tags.push_back(ref->familiar());
            repositories[ref->familiarRepository()][ref->tag] = img.imageId.encoded();
            oci::Descriptor d = img.target;
            d.annotations[oci::AnnotationImageName] = r.name;
            d.annotations[oci::AnnotationRefName] = ref->tag;
            index.manifests.push_back(d);
        }
        if (tags.empty()) index.manifests.push_back(img.target);
        manifests.push_back({{"Config", blobName(img.manifest.config.digest)}, {"RepoTags", tags}, {"Layers", layers}});
    }
    BERTH_CHECK(tar.bytes("index.json", oci::toJson(index)));
    BERTH_CHECK(tar.bytes("manifest.json", manifests.dump()));
    BERTH_CHECK(tar.bytes("repositories", repositories.dump()));
    return tar.close();
}

} // namespace

Status saveImages(ImageStore& store, const std::vector<std::string>& refs, const fs::path& out) {
    auto lock = BERTH_TRY(store.lockShared());
    std::vector<Image> images;
    for (auto& r : refs) {
        auto img = BERTH_TRY(store.resolve(r));
        // `save busybox` saves that name only, as Docker does; saving by id keeps every name.
        if (auto ref = Reference::parse(r); ref && std::any_of(img.records.begin(), img.records.end(),
                                                                [&](auto& rec) { return rec.name == ref->str(); }))
            std::erase_if(img.records, [&](auto& rec) { return rec.name != ref->str(); });
        images.push_back(std::move(img));
    }
    if (out == "-") {
        TarWriter tar(STDOUT_FILENO);
        return withContext(writeImages(store, images, tar), "saving to standard output");
    }
    fs::path tmp = out;
    tmp += ".tmp-" + randomHex(4);
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!fd.isValid()) return sysFail("creating " + out.string());
    Status st;
    {
        TarWriter tar(fd.get());
        st = writeImages(store, images, tar);
    }
    if (st && ::fsync(fd.get()) != 0) st = sysFail("syncing " + out.string());
    if (st && ::rename(tmp.c_str(), out.c_str()) != 0) st = sysFail("writing " + out.string());
    if (!st) ::unlink(tmp.c_str());
    return withContext(st, "saving to " + out.string());
}

} // namespace berth::image
