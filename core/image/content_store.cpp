#include "image/content_store.h"

#include "support/file_util.h"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::image {

namespace fs = std::filesystem;

BlobWriter::BlobWriter(oci::Descriptor expected, fs::path dataPath, fs::path blobPath, UniqueFd fd, FileLock lock)
    : m_expected(std::move(expected)), m_dataPath(std::move(dataPath)), m_blobPath(std::move(blobPath)),
      m_fd(std::move(fd)), m_lock(std::move(lock)) {}

BlobWriter::~BlobWriter() = default; // keeps partial data for resume

Status BlobWriter::resume() {
    std::string buf(1 << 20, '\0');
    while (true) {
        ssize_t n = ::read(m_fd.get(), buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return sysFail("resuming " + m_expected.digest.str());
        }
        if (n == 0) break;
        m_hash.update(buf.data(), static_cast<std::size_t>(n));
        m_written += static_cast<std::uint64_t>(n);
    }
    if (m_written > static_cast<std::uint64_t>(m_expected.size)) {
        // More than the descriptor allows: the old data is garbage; start over.
        if (::ftruncate(m_fd.get(), 0) != 0 || ::lseek(m_fd.get(), 0, SEEK_SET) != 0)
            return sysFail("truncating " + m_dataPath.string());
        m_hash = Sha256();
        m_written = 0;
    }
    return {};
}

Status BlobWriter::write(const char* data, std::size_t size) {
    if (m_written + size > static_cast<std::uint64_t>(m_expected.size))
        return fail(ErrorCode::Corrupt, "blob " + m_expected.digest.str() + " is larger than its descriptor's " +
                                            std::to_string(m_expected.size) + " bytes");
    std::size_t done = 0;
    while (done < size) {
        ssize_t n = ::write(m_fd.get(), data + done, size - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return sysFail("writing blob " + m_expected.digest.str());
        }
        done += static_cast<std::size_t>(n);
    }
    m_hash.update(data, size);
    m_written += size;
    return {};
}

Status BlobWriter::commit() {
    const std::string name = m_expected.digest.str();
    if (m_written != static_cast<std::uint64_t>(m_expected.size)) {
        return fail(ErrorCode::Corrupt, "blob " + name + ": got " + std::to_string(m_written) + " bytes, expected " +
                                            std::to_string(m_expected.size));
    }
    std::string got = "sha256:" + m_hash.finalHex();
    if (got != name) {
        discard();
        return fail(ErrorCode::Corrupt, "blob " + name + ": content has digest " + got + " (corrupt download)");
    }
    if (::fsync(m_fd.get()) != 0) return sysFail("syncing blob " + name);
    ::fchmod(m_fd.get(), 0444);
    m_fd.reset();
    if (::rename(m_dataPath.c_str(), m_blobPath.c_str()) != 0) return sysFail("committing blob " + name);
    BERTH_CHECK(fsyncDir(m_blobPath.parent_path()));
    ::rmdir(m_dataPath.parent_path().c_str());
    m_done = true;
    return {};
}

void BlobWriter::discard() {
    m_fd.reset();
    ::unlink(m_dataPath.c_str());
    ::rmdir(m_dataPath.parent_path().c_str());
    m_done = true;
}

Result<ContentStore> ContentStore::open(fs::path layoutDir, fs::path ingestDir) {
    BERTH_CHECK(makeDirs(layoutDir / "blobs" / "sha256"));
    BERTH_CHECK(makeDirs(ingestDir));
    if (!fs::exists(layoutDir / "oci-layout"))
        BERTH_CHECK(writeFileAtomic(layoutDir / "oci-layout", R"({"imageLayoutVersion":"1.0.0"})"));
    if (!fs::exists(layoutDir / "index.json"))
        BERTH_CHECK(writeFileAtomic(layoutDir / "index.json",
                                    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})"));
    return ContentStore(std::move(layoutDir), std::move(ingestDir));
}

fs::path ContentStore::blobPath(const oci::Digest& d) const { return m_layout / "blobs" / d.algorithm() / d.encoded(); }

bool ContentStore::has(const oci::Digest& d) const {
    struct stat st {};
    return ::stat(blobPath(d).c_str(), &st) == 0;
}

Result<std::string> ContentStore::read(const oci::Digest& d, std::size_t maxBytes) const {
    auto bytes = readFile(blobPath(d), maxBytes);
    if (!bytes) {
        if (bytes.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound, "blob " + d.str() + " is not in the store");
        return std::unexpected(bytes.error());
    }
    if (oci::Digest::sha256Of(*bytes) != d)
        return fail(ErrorCode::Corrupt, "blob " + d.str() + " in the store does not match its digest");
    return bytes;
}

Result<oci::Digest> ContentStore::put(std::string_view bytes, const oci::Digest* expected) {
    oci::Digest d = oci::Digest::sha256Of(bytes);
    if (expected && *expected != d)
        return fail(ErrorCode::Corrupt, "blob " + expected->str() + ": content has digest " + d.str());
    if (has(d)) return d;
    oci::Descriptor desc;
    desc.digest = d;
    desc.size = static_cast<std::int64_t>(bytes.size());
    auto w = openWriter(desc);
    if (!w) {
        if (w.error().code == ErrorCode::AlreadyExists) return d;
        return std::unexpected(w.error());
    }
    if ((*w)->offset() != 0) {
        (*w)->discard();
        w = openWriter(desc);
        if (!w) return std::unexpected(w.error());
    }
    BERTH_CHECK((*w)->write(bytes.data(), bytes.size()));
    BERTH_CHECK((*w)->commit());
    return d;
}

Result<std::unique_ptr<BlobWriter>> ContentStore::openWriter(const oci::Descriptor& expected) {
    if (!expected.digest.isSha256())
        return fail(ErrorCode::Unsupported, "blob " + expected.digest.str() + ": only sha256 digests are supported");
    const std::string hex = expected.digest.encoded();
    auto lock = BERTH_TRY(FileLock::acquire(m_ingest / (hex + ".lock"), FileLock::Mode::Exclusive));
    if (has(expected.digest)) return fail(ErrorCode::AlreadyExists, "blob " + expected.digest.str() + " exists");
    fs::path dir = m_ingest / hex;
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return sysFail("creating " + dir.string());
    fs::path data = dir / "data";
    UniqueFd fd(::open(data.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
    if (!fd.isValid()) return sysFail("opening " + data.string());
    std::unique_ptr<BlobWriter> w(
        new BlobWriter(expected, data, blobPath(expected.digest), std::move(fd), std::move(lock)));
    BERTH_CHECK(w->resume());
    return w;
}

Status ContentStore::adopt(const fs::path& file, const oci::Digest& digest) {
    if (has(digest)) {
        ::unlink(file.c_str());
        return {};
    }
    UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid() || ::fsync(fd.get()) != 0) return sysFail("syncing " + file.string());
    ::fchmod(fd.get(), 0444);
    if (::rename(file.c_str(), blobPath(digest).c_str()) != 0) return sysFail("storing blob " + digest.str());
    return fsyncDir(blobPath(digest).parent_path());
}

Status ContentStore::remove(const oci::Digest& d) {
    if (::unlink(blobPath(d).c_str()) != 0 && errno != ENOENT) return sysFail("removing blob " + d.str());
    ::unlink((m_ingest / (d.encoded() + ".lock")).c_str());
    return {};
}

std::vector<oci::Digest> ContentStore::list() const {
    std::vector<oci::Digest> out;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(m_layout / "blobs" / "sha256", ec)) {
        auto d = oci::Digest::parse("sha256:" + e.path().filename().string());
        if (d) out.push_back(*d);
    }
    return out;
}

void ContentStore::sweepIngest(int minAgeSeconds) {
    std::error_code ec;
    auto now = fs::file_time_type::clock::now();
    for (auto& e : fs::directory_iterator(m_ingest, ec)) {
        if (!e.is_directory()) continue;
        auto age = now - fs::last_write_time(e.path() / "data", ec);
        if (ec || age > std::chrono::seconds(minAgeSeconds)) {
            auto lock = FileLock::tryAcquire(m_ingest / (e.path().filename().string() + ".lock"),
                                             FileLock::Mode::Exclusive);
            if (lock) fs::remove_all(e.path(), ec);
        }
    }
}

} // namespace berth::image
