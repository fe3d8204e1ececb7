#include "layer/tar_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstring>
#include <sys/stat.h>

namespace berth::layer {

namespace {

constexpr std::size_t kReadBufferSize = 1 << 20;      // big reads keep syscalls and callbacks rare
constexpr std::uint64_t kProgressEvery = 4ull << 20;  // report progress every 4 MiB read
constexpr std::uint64_t kRatioGrace = 1ull << 20;     // tiny layers never trip the ratio check

std::string limitMessage(std::string_view what, std::uint64_t limit) {
    return "layer exceeds the limit of " + std::to_string(limit) + " " + std::string(what);
}

LayerEntry::Type typeOf(archive_entry* ae) {
    if (archive_entry_hardlink(ae)) return LayerEntry::Type::Hardlink;
    switch (archive_entry_filetype(ae)) {
    case AE_IFREG: return LayerEntry::Type::File;
    case AE_IFDIR: return LayerEntry::Type::Dir;
    case AE_IFLNK: return LayerEntry::Type::Symlink;
    case AE_IFCHR: return LayerEntry::Type::CharDevice;
    case AE_IFBLK: return LayerEntry::Type::BlockDevice;
    case AE_IFIFO: return LayerEntry::Type::Fifo;
    default: return LayerEntry::Type::Other;
    }
}

// Names are bytes on Linux; pax stores them as UTF-8, which is what we want on disk whatever the
// process locale is.
const char* pathOf(archive_entry* ae) {
    const char* p = archive_entry_pathname_utf8(ae);
    return p ? p : archive_entry_pathname(ae);
}

const char* linkOf(archive_entry* ae, LayerEntry::Type type) {
    const char* p = nullptr;
    if (type == LayerEntry::Type::Hardlink) {
        p = archive_entry_hardlink_utf8(ae);
        if (!p) p = archive_entry_hardlink(ae);
    } else if (type == LayerEntry::Type::Symlink) {
        p = archive_entry_symlink_utf8(ae);
        if (!p) p = archive_entry_symlink(ae);
    }
    return p ? p : "";
}

} // namespace

TarReader::TarReader(ByteSource& source, const ApplyLimits& limits, Progress progress)
    : m_source(source), m_limits(limits), m_progress(std::move(progress)),
      m_inBuf(new char[kReadBufferSize]) {}

TarReader::~TarReader() {
    if (m_tar) archive_read_free(m_tar);
    if (m_decompressor) archive_read_free(m_decompressor);
}

Result<std::unique_ptr<TarReader>> TarReader::open(ByteSource& source, const ApplyLimits& limits,
                                                   Progress progress) {
    std::unique_ptr<TarReader> r(new TarReader(source, limits, std::move(progress)));
    BERTH_CHECK(r->openArchives());
    return r;
}

Error TarReader::archiveError(struct archive* a, std::string_view what) {
    if (m_callbackError) return *m_callbackError;
    const char* msg = archive_error_string(a);
    return Error{ErrorCode::Corrupt, std::string(what) + ": " + (msg ? msg : "unknown archive error"), 0};
}

Status TarReader::openArchives() {
    // Only in-process decoders: a filter that falls back to an external program answers
    // ARCHIVE_WARN, and we refuse it (engine-reference §1.9, GHSA-x86f-5xw2-fm2r).
    m_decompressor = archive_read_new();
    m_tar = archive_read_new();
    if (!m_decompressor || !m_tar) return fail(ErrorCode::Internal, "allocating the archive reader");
    if (archive_read_support_filter_gzip(m_decompressor) != ARCHIVE_OK ||
        archive_read_support_filter_zstd(m_decompressor) != ARCHIVE_OK ||
        archive_read_support_filter_none(m_decompressor) != ARCHIVE_OK)
        return fail(ErrorCode::Unsupported, "this libarchive has no built-in gzip or zstd decoder");
    archive_read_support_format_raw(m_decompressor);
    if (archive_read_open(m_decompressor, this, nullptr, &TarReader::readCompressed, nullptr) != ARCHIVE_OK)
        return std::unexpected(archiveError(m_decompressor, "reading the layer"));
    archive_entry* raw = nullptr;
    if (archive_read_next_header(m_decompressor, &raw) != ARCHIVE_OK)
        return std::unexpected(archiveError(m_decompressor, "decompressing the layer"));

    archive_read_support_filter_none(m_tar);
    archive_read_support_format_tar(m_tar);
    if (archive_read_open(m_tar, this, nullptr, &TarReader::readUncompressed, nullptr) != ARCHIVE_OK)
        return std::unexpected(archiveError(m_tar, "reading the tar stream"));
    return {};
}

long TarReader::readCompressed(struct archive*, void* self, const void** buf) {
    return static_cast<TarReader*>(self)->pullCompressed(buf);
}

long TarReader::readUncompressed(struct archive*, void* self, const void** buf) {
    return static_cast<TarReader*>(self)->pullUncompressed(buf);
}

long TarReader::pullCompressed(const void** buf) {
    *buf = m_inBuf.get();
    if (m_sourceEnd) return 0;
    auto n = m_source.read(m_inBuf.get(), kReadBufferSize);
    if (!n) {
        m_callbackError = n.error();
        return -1;
    }
    if (*n == 0) m_sourceEnd = true;
    m_compressed += *n;
    if (m_progress && m_compressed - m_lastProgress >= kProgressEvery) {
        m_lastProgress = m_compressed;
        m_progress(m_compressed);
    }
    return static_cast<long>(*n);
}

long TarReader::pullUncompressed(const void** buf) {
    if (m_decompressedEnd) return 0;
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    int rc = ARCHIVE_OK;
    do {
        rc = archive_read_data_block(m_decompressor, &block, &size, &offset);
    } while (rc == ARCHIVE_OK && size == 0);
    if (rc == ARCHIVE_EOF) {
        m_decompressedEnd = true;
        return 0;
    }
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
        m_callbackError = archiveError(m_decompressor, "decompressing the layer");
        return -1;
    }
    m_hash.update(block, size);
    m_uncompressed += size;
    if (m_uncompressed > m_limits.maxUncompressedBytes) {
        m_callbackError = Error{ErrorCode::LimitExceeded,
                                limitMessage("uncompressed bytes (decompression bomb?)", m_limits.maxUncompressedBytes), 0};
        return -1;
    }
    if (m_limits.maxRatio && m_uncompressed > kRatioGrace && m_uncompressed / m_limits.maxRatio > m_compressed) {
        m_callbackError = Error{ErrorCode::LimitExceeded,
                                "layer exceeds the compression ratio limit of " + std::to_string(m_limits.maxRatio) +
                                    ":1 (decompression bomb?)", 0};
        return -1;
    }
    *buf = block;
    return static_cast<long>(size);
}

Result<bool> TarReader::next(LayerEntry& entry) {
    archive_entry* ae = nullptr;
    int rc = archive_read_next_header(m_tar, &ae);
    if (rc == ARCHIVE_EOF) return false;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) return std::unexpected(archiveError(m_tar, "reading the tar stream"));
    if (++m_entries > m_limits.maxEntries)
        return fail(ErrorCode::LimitExceeded, limitMessage("entries", m_limits.maxEntries));
    BERTH_CHECK(decodeHeader(ae, entry));
    return true;
}

Status TarReader::decodeHeader(archive_entry* ae, LayerEntry& entry) {
    entry.type = typeOf(ae);
    entry.path.assign(pathOf(ae));
    entry.linkname.assign(linkOf(ae, entry.type));
    if (entry.path.size() > m_limits.maxPathLength || entry.linkname.size() > m_limits.maxPathLength)
        return fail(ErrorCode::LimitExceeded, "entry \"" + entry.path.substr(0, 64) + "…\": " +
                                                  limitMessage("bytes per path", m_limits.maxPathLength));
    entry.mode = archive_entry_perm(ae) & 07777;
    entry.uid = static_cast<unsigned>(archive_entry_uid(ae));
    entry.gid = static_cast<unsigned>(archive_entry_gid(ae));
    entry.size = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : 0;
    entry.mtime = {archive_entry_mtime(ae), archive_entry_mtime_nsec(ae)};
    entry.atime = archive_entry_atime_is_set(ae) ? timespec{archive_entry_atime(ae), archive_entry_atime_nsec(ae)}
                                                 : entry.mtime;
    entry.rdev = archive_entry_rdev(ae);

    std::size_t count = 0, bytes = 0;
    archive_entry_xattr_reset(ae);
    const char* name = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    while (archive_entry_xattr_next(ae, &name, &value, &size) == ARCHIVE_OK) {
        bytes += std::strlen(name) + size;
        if (bytes > m_limits.maxXattrBytes)
            return fail(ErrorCode::LimitExceeded, "entry \"" + entry.path + "\": " +
                                                      limitMessage("bytes of xattrs", m_limits.maxXattrBytes));
        if (count == entry.xattrs.size()) entry.xattrs.emplace_back();
        entry.xattrs[count].first.assign(name);
        entry.xattrs[count].second.assign(static_cast<const char*>(value), size);
        ++count;
    }
    entry.xattrs.resize(count);
    return {};
}

Result<DataBlock> TarReader::readBlock() {
    const void* data = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    int rc = archive_read_data_block(m_tar, &data, &size, &offset);
    if (rc == ARCHIVE_EOF) return DataBlock{};
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) return std::unexpected(archiveError(m_tar, "reading entry data"));
    return DataBlock{static_cast<const char*>(data), size, offset};
}

Result<AppliedLayer> TarReader::finish() {
    // The tar reader stops at the end-of-archive blocks (or at the end of a truncated tar); the
    // DiffId covers every byte after them too, so pull the rest through the hashing callback.
    const void* ignored = nullptr;
    while (!m_decompressedEnd) {
        if (pullUncompressed(&ignored) < 0) return std::unexpected(*m_callbackError);
    }
    // Bytes after the compressed stream (rare garbage) still belong to the blob being verified.
    while (!m_sourceEnd) {
        if (pullCompressed(&ignored) < 0) return std::unexpected(*m_callbackError);
    }
    if (m_progress) m_progress(m_compressed);
    AppliedLayer out;
    out.diffId = oci::Digest::fromSha256Hex(m_hash.finalHex());
    out.compressedBytes = m_compressed;
    out.uncompressedBytes = m_uncompressed;
    out.entries = m_entries;
    return out;
}

} // namespace berth::layer
