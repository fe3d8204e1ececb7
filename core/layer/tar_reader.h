#pragma once
// Streams the entries of one layer blob. Internally two libarchive readers run in one thread:
// the first only decompresses (gzip, zstd or nothing, chosen by magic bytes), the second parses
// the tar from the first's output. Every uncompressed byte passes through one callback, which
// hashes it (the DiffId) and counts it against the limits, so the hash covers the whole stream
// and a decompression bomb is stopped while it is still small. libarchive stays inside this file.
#include "layer/layer_applier.h"
#include "support/sha256.h"

#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <utility>
#include <vector>

struct archive;
struct archive_entry;

namespace berth::layer {

// One tar header, decoded. Reused between entries so its strings keep their capacity.
struct LayerEntry {
    enum class Type { File, Dir, Symlink, Hardlink, CharDevice, BlockDevice, Fifo, Other };
    Type type = Type::Other;
    std::string path;     // the name as stored in the archive
    std::string linkname; // symlink target or hardlink target (an archive path)
    unsigned mode = 0;    // permission bits including setuid, setgid and sticky
    unsigned uid = 0, gid = 0;
    std::int64_t size = 0;
    timespec mtime{};
    timespec atime{};
    dev_t rdev = 0;
    std::vector<std::pair<std::string, std::string>> xattrs;
};

// A piece of the current entry's data, valid until the next call on the reader.
struct DataBlock {
    const char* data = nullptr;
    std::size_t size = 0;
    std::int64_t offset = 0; // position in the file (sparse entries skip ahead)
};

class TarReader {
public:
    using Progress = std::function<void(std::uint64_t)>;
    static Result<std::unique_ptr<TarReader>> open(ByteSource& source, const ApplyLimits& limits,
                                                   Progress progress);
    ~TarReader();
    TarReader(const TarReader&) = delete;
    TarReader& operator=(const TarReader&) = delete;

    // Decodes the next header into entry; false at the end of the archive.
    Result<bool> next(LayerEntry& entry);
    // The next piece of the current entry's data; size 0 at its end.
    Result<DataBlock> readBlock();
    // Reads whatever follows the archive (trailing blocks, the rest of the source) so the hash
    // and counts cover the whole blob, then returns them.
    Result<AppliedLayer> finish();

private:
    TarReader(ByteSource& source, const ApplyLimits& limits, Progress progress);
    Status openArchives();
    Error archiveError(struct archive* a, std::string_view what);
    Status decodeHeader(struct archive_entry* ae, LayerEntry& entry);
    static long readCompressed(struct archive*, void* self, const void** buf);
    static long readUncompressed(struct archive*, void* self, const void** buf);
    long pullCompressed(const void** buf);
    long pullUncompressed(const void** buf);

    ByteSource& m_source;
    ApplyLimits m_limits;
    Progress m_progress;
    struct archive* m_decompressor = nullptr;
    struct archive* m_tar = nullptr;
    std::unique_ptr<char[]> m_inBuf;
    Sha256 m_hash;
    std::uint64_t m_compressed = 0;
    std::uint64_t m_uncompressed = 0;
    std::uint64_t m_entries = 0;
    std::uint64_t m_lastProgress = 0;
    bool m_decompressedEnd = false;
    bool m_sourceEnd = false;
    std::optional<Error> m_callbackError; // an error raised inside a callback, reported as is
};

} // namespace berth::layer
