#pragma once
// The two ends of a `berth cp` as Docker reads them, opened through descriptors (see
// container_files.h): shared by the file copy and the tar streams.
#include "runtime/container_files.h"
#include "support/unique_fd.h"

#include <string>
#include <sys/stat.h>

namespace berth::runtime::detail {

// A path as `docker cp` reads it: "dir/." means the contents of dir, a trailing "/" insists on a
// directory.
struct SplitPath {
    std::string parent; // "" for the working directory (host) or the root (container)
    std::string base;   // last component, "" for the root itself
    std::string full;   // without trailing "/" and "/."
    bool contentsOnly = false;
    bool trailingSlash = false;
};

SplitPath splitPath(std::string p);

// Opens path of one end: confined to the root for the container side (RESOLVE_IN_ROOT makes "..",
// absolute symlinks and link chains stay inside it), an ordinary lookup on the host side. Returns
// the fd or -1 with errno set.
int openEnd(const CopyEnd& end, const std::string& path, int flags);

// The source of a copy, opened. The leaf is copied as it is (a symlink stays a symlink) from
// parent + path.base unless it is `followed`: the path insists on a directory ("link/", "dir/.",
// "/") or -L asked for it; then dir (a directory), file (a regular file) or st alone (another
// kind of node) describe what it resolved to, still inside the root.
struct OpenedSource {
    SplitPath path;
    UniqueFd parent;
    UniqueFd dir;
    UniqueFd file;
    struct stat st {};
    bool followed = false;
    bool isDir() const { return S_ISDIR(st.st_mode); }
};

Result<OpenedSource> openSource(const CopyEnd& src, bool followLink);

} // namespace berth::runtime::detail
