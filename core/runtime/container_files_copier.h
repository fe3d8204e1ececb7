#pragma once
// The recursive copy behind copyPath (container_files.h). It only ever works through directory
// descriptors and *at() calls with O_NOFOLLOW / AT_SYMLINK_NOFOLLOW, and sets modes, owners and
// times on descriptors, so an entry swapped for a symlink while we copy cannot redirect a write
// or a chmod to the host.
#include "runtime/container_files.h"
#include "runtime/container_files_source.h"

#include <string>
#include <sys/stat.h>

namespace berth::runtime::detail {

class Copier {
public:
    explicit Copier(CopyOwner owner) : m_owner(owner) {}

    // Copies the entry `name` of srcDir to dstDir/dstName, replacing a non-directory there and
    // merging into a directory there.
    Status entry(int srcDir, const std::string& name, int dstDir, const std::string& dstName);
    // Makes (or reuses) dstDir/dstName as a copy of the open directory src with attributes st.
    Status directory(int src, const struct stat& st, int dstDir, const std::string& dstName);
    // Copies every entry of the open directory src into the open directory dst.
    Status contents(int src, int dst);
    // Copies what a followed source leaf resolved to (a directory, a regular file or a node).
    Status resolved(const OpenedSource& src, int dstDir, const std::string& dstName);
    // Bytes a tar stream of everything copied so far would take (headers and padding).
    std::uint64_t tarBytes() const { return m_bytes; }

private:
    Status file(int srcDir, const std::string& name, const struct stat& st, int dstDir, const std::string& dstName);
    Status fileData(int in, const std::string& name, const struct stat& st, int dstDir, const std::string& dstName);
    Status symlink(int srcDir, const std::string& name, const struct stat& st, int dstDir, const std::string& dstName);
    Status node(const struct stat& st, int dstDir, const std::string& dstName);
    Status removeNonDirectory(int dstDir, const std::string& dstName);
    Status applyOwner(int fd, const struct stat& st);

    CopyOwner m_owner;
    std::uint64_t m_bytes = 0;
};

} // namespace berth::runtime::detail
