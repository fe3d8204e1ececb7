#pragma once
// Small fd-relative file operations shared by the applier and the snapshotters. None of them
// follows a symlink in the last component: they act on the link itself.
#include "support/error.h"
#include "support/unique_fd.h"

#include <string>
#include <string_view>
#include <sys/stat.h>

namespace berth::layer {

// "/proc/self/fd/<dirfd>/<name>": lets the l*xattr() calls reach an object we only hold by its
// directory fd (symlinks, devices and fifos cannot be opened for fsetxattr).
std::string procPath(int dirfd, std::string_view name);

// True for the overlay whiteout form: a character device with device number 0/0.
inline bool isWhiteoutDevice(const struct stat& st) { return S_ISCHR(st.st_mode) && st.st_rdev == 0; }

// True for xattrs that steer overlayfs; they are never taken from an archive or copied between
// trees, so a layer cannot forge opaque directories, redirects or metacopy files.
bool isOverlayXattr(std::string_view name);

// Removes name from dirfd: a file, a link, or a whole directory tree.
Status removeAt(int dirfd, const char* name);
// Removes everything inside the directory dirfd, keeping the directory.
Status clearDir(int dirfd);

// Copies one object (regular file, symlink, device, fifo; not a directory) with its owner, mode,
// xattrs and times. st is the lstat of the source.
Status copyObject(int srcDir, const char* srcName, const struct stat& st, int dstDir, const char* dstName);
// Copies owner, mode, xattrs (except overlay ones) and times of a directory onto another.
Status copyDirAttributes(int srcFd, const struct stat& st, int dstFd);

} // namespace berth::layer
