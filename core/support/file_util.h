#pragma once
// Small file helpers that return Result instead of throwing. Writes that must survive a crash go
// through writeFileAtomic: temp file in the same directory, fsync, rename, fsync of the directory.
#include "support/error.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace berth {

namespace fs = std::filesystem;

// Reads a whole file, refusing files larger than maxSize (bounded buffers everywhere).
Result<std::string> readFile(const fs::path& path, std::uint64_t maxSize = 64u << 20);
Status writeFileAtomic(const fs::path& path, std::string_view data, unsigned mode = 0644);
// Replaces a file atomically without fsync (temp file, rename), for state that is rebuilt or
// repaired anyway: a container's state (its shim and `reconcile` put it right), its hosts and
// resolv.conf, IPAM leases (the sweep of dead containers repairs a lost update). A killed process
// leaves the old or the new file, never a torn one; only a power cut can lose the last update. It
// saves writeFileAtomic's two fsyncs (~0.3 ms here, ~4 ms on a busy disk) on every start and stop.
Status writeFileReplacing(const fs::path& path, std::string_view data, unsigned mode = 0644);
// Replaces a file's content keeping its inode (no rename, no fsync), so a bind mount of the file
// shows the new content.
Status writeFileInPlace(const fs::path& path, std::string_view data, unsigned mode = 0644);
Status fsyncDir(const fs::path& dir);
Status makeDirs(const fs::path& dir, unsigned mode = 0755);
// Removes a tree; a missing path is not an error.
Status removeTree(const fs::path& path);
// A fresh, unique directory name under parent, e.g. ".tmp-3f9a1c"; creates it.
Result<fs::path> makeTempDir(const fs::path& parent, std::string_view prefix);
// Random lowercase hex of 2*bytes characters, from the kernel's getrandom().
std::string randomHex(std::size_t bytes);
// Reads exactly size bytes from fd (retrying on EINTR); false on EOF or an error first. Uses only
// read(2): safe between fork and exec.
bool readExactly(int fd, void* data, std::size_t size);
// The entry names of the open directory dirFd, without "." and ".." (read in one go, so no
// directory stream stays open while a caller recurses). what: the directory, for the error.
Result<std::vector<std::string>> directoryEntries(int dirFd, const std::string& what);
// Disk usage of a tree in bytes (apparent sizes of regular files), without following symlinks.
std::uint64_t treeSize(const fs::path& root);

} // namespace berth
