#pragma once
// Builds tar streams entry by entry (libarchive's writer), for layer fixtures — including hostile
// ones: names with "..", absolute paths, links pointing out, whiteouts, devices.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace berth::test {

enum class Compression { None, Gzip, Zstd };

struct TarEntry {
    enum class Type { File, Dir, Symlink, Hardlink, CharDevice, BlockDevice, Fifo };
    Type type = Type::File;
    std::string path;
    std::string content;  // File
    std::string linkname; // Symlink / Hardlink
    unsigned mode = 0644;
    unsigned uid = 0, gid = 0;
    std::int64_t mtime = 1700000000;
    unsigned devMajor = 0, devMinor = 0;
    std::map<std::string, std::string> xattrs;
};

class TarBuilder {
public:
    TarBuilder& file(const std::string& path, const std::string& content, unsigned mode = 0644);
    TarBuilder& dir(const std::string& path, unsigned mode = 0755);
    TarBuilder& symlink(const std::string& path, const std::string& target);
    TarBuilder& hardlink(const std::string& path, const std::string& target);
    TarBuilder& add(TarEntry e);
    // The archive bytes; truncated=true omits the end-of-archive blocks (as umoci 0.4.7 writes).
    std::string build(Compression c = Compression::None, bool truncated = false) const;
    const std::vector<TarEntry>& entries() const { return m_entries; }

private:
    std::vector<TarEntry> m_entries;
};

std::string compress(const std::string& data, Compression c);

} // namespace berth::test
