#pragma once
// Copying files between the host and a container's root (`berth cp`), with Docker's rules for
// SRC_PATH and DEST_PATH. Every lookup on the container side is made with
// openat2(RESOLVE_IN_ROOT) from a descriptor of the container's root, and every step below it
// through descriptors with O_NOFOLLOW, so a symlink planted in the container (even one swapped in
// while we copy) resolves inside the container and never reaches the host (CVE-2018-15664).
// The copy runs in our own process: no helper program is ever executed from the container's
// files (CVE-2019-14271).
#include "support/error.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace berth::runtime {

// Who owns what the copy creates.
enum class CopyOwner {
    Caller,   // whoever runs the copy (Docker: files copied out)
    Root,     // 0:0 (Docker: files copied in)
    Preserve, // the source's uid and gid (`cp -a`)
};

// One end of a copy: a path resolved under rootFd. inRoot: confined to rootFd as a chroot would
// (the container side); otherwise an ordinary host path (rootFd is then AT_FDCWD).
struct CopyEnd {
    int rootFd = -1;
    std::string path;
    bool inRoot = false;
};

// Copies src to dst as `docker cp` does: a directory into an existing directory becomes a
// subdirectory, "dir/." copies the contents, an existing file is overwritten, a missing parent of
// dst is an error. Regular files, directories (recursively), symlinks (as symlinks) and device
// nodes keep their mode and mtime. followLink (`cp -L`): a symlink at src itself is followed (still
// inside the root) and its target copied under the link's name; links below it stay links.
// Returns the size a tar stream of the copy would have (what Docker reports).
Result<std::uint64_t> copyPath(const CopyEnd& src, const CopyEnd& dst, CopyOwner owner, bool followLink = false);

// `berth cp CONTAINER:SRC -`: writes a tar of src to outFd, named as Docker names it (the base name
// of src, "." for "dir/." and "/"), with the owners, modes and times of the files. Returns the
// bytes written.
Result<std::uint64_t> writeTarStream(const CopyEnd& src, int outFd, bool followLink);

// `berth cp - CONTAINER:DEST`: extracts the tar (plain, gzip or zstd) read from inFd into the
// existing directory dst. Every entry is resolved inside dst (as if dst were the root): names
// whose ".." climbs out, entries written through a symlink the same stream made, hardlinks to
// outside dst or to directories are refused with an error naming the entry. Owners as owner says
// (Preserve: the archive's ids; Caller is treated as Root). Returns the bytes read from inFd.
Result<std::uint64_t> extractTarStream(int inFd, const CopyEnd& dst, CopyOwner owner);

// Size of a tar stream holding the host tree at path (for messages about copies into a container).
std::uint64_t tarStreamSize(const std::filesystem::path& path);

} // namespace berth::runtime
