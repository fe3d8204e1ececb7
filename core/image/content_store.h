#pragma once
// Blobs by digest, laid out as an OCI image layout (<layout>/blobs/sha256/<hex>) so skopeo and
// umoci can read the store. Bytes arrive through a BlobWriter in <ingest>/<hex>/data, are
// verified (size, then digest), fsynced and renamed into place: a blob is either complete and
// correct or absent. A killed writer leaves its ingest data, which the next writer of the same
// blob resumes (re-hashing what is there). One writer per blob at a time, across processes
// (flock on <ingest>/<hex>.lock).
#include "oci/descriptor.h"
#include "support/error.h"
#include "support/file_lock.h"
#include "support/sha256.h"
#include "support/unique_fd.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace berth::image {

class BlobWriter {
public:
    ~BlobWriter();
    // Bytes already in the ingest file (resumed from a killed writer) and already hashed.
    std::uint64_t offset() const { return m_written; }
    Status write(const char* data, std::size_t size);
    // Verifies size and digest against the descriptor and moves the blob into the store.
    Status commit();
    // Discards the partial data (after a digest mismatch: nothing worth resuming).
    void discard();
    const std::filesystem::path& dataPath() const { return m_dataPath; }
    const oci::Descriptor& descriptor() const { return m_expected; }

private:
    friend class ContentStore;
    BlobWriter(oci::Descriptor expected, std::filesystem::path dataPath, std::filesystem::path blobPath,
               UniqueFd fd, FileLock lock);
    Status resume();
    oci::Descriptor m_expected;
    std::filesystem::path m_dataPath;
    std::filesystem::path m_blobPath;
    UniqueFd m_fd;
    FileLock m_lock;
    Sha256 m_hash;
    std::uint64_t m_written = 0;
    bool m_done = false;
};

class ContentStore {
public:
    // layoutDir gets oci-layout, blobs/sha256; ingestDir must be on the same filesystem.
    static Result<ContentStore> open(std::filesystem::path layoutDir, std::filesystem::path ingestDir);

    std::filesystem::path blobPath(const oci::Digest& digest) const;
    bool has(const oci::Digest& digest) const;
    // Reads a small blob and checks its digest (configs, manifests).
    Result<std::string> read(const oci::Digest& digest, std::size_t maxBytes = 8u << 20) const;
    // Stores bytes whose digest is computed here (or checked, when expected is given).
    Result<oci::Digest> put(std::string_view bytes, const oci::Digest* expected = nullptr);
    // Blocks while another process writes the same blob. If the blob appeared meanwhile,
    // returns AlreadyExists.
    Result<std::unique_ptr<BlobWriter>> openWriter(const oci::Descriptor& expected);
    // Moves a complete, already hashed file (on the same filesystem) into the store as `digest`.
    Status adopt(const std::filesystem::path& file, const oci::Digest& digest);
    Status remove(const oci::Digest& digest);
    std::vector<oci::Digest> list() const;
    // Removes ingest data not touched for minAgeSeconds (resumable for that long).
    void sweepIngest(int minAgeSeconds = 24 * 3600);

    const std::filesystem::path& layoutDir() const { return m_layout; }
    const std::filesystem::path& ingestDir() const { return m_ingest; }

private:
    ContentStore(std::filesystem::path layout, std::filesystem::path ingest)
        : m_layout(std::move(layout)), m_ingest(std::move(ingest)) {}
    std::filesystem::path m_layout;
    std::filesystem::path m_ingest;
};

} // namespace berth::image
