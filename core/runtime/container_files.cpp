// Docker's SRC_PATH / DEST_PATH rules on top of the descriptor-only Copier.
#include "runtime/container_files.h"

#include "runtime/container_files_copier.h"
#include "runtime/container_files_source.h"
#include "support/unique_fd.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::runtime {

namespace {

using detail::openEnd;
using detail::SplitPath;

std::string shown(const CopyEnd& end) { return end.path; }

} // namespace

Result<std::uint64_t> copyPath(const CopyEnd& src, const CopyEnd& dst, CopyOwner owner, bool followLink) {
    auto o = BERTH_TRY(detail::openSource(src, followLink));
    const SplitPath& s = o.path;
    const SplitPath d = detail::splitPath(dst.path);
    detail::Copier copier(owner);
    const auto copyAs = [&](int dstDir, const std::string& name) -> Status {
        if (o.followed) return copier.resolved(o, dstDir, name);
        return copier.entry(o.parent.get(), s.base, dstDir, name);
    };
    UniqueFd dstFd(openEnd(dst, d.full, O_RDONLY | O_DIRECTORY));
    if (dstFd.isValid()) {
        // An existing directory receives the source under its own name, or its contents for "dir/.".
        if (s.contentsOnly || s.base.empty()) BERTH_CHECK(withContext(copier.contents(o.dir.get(), dstFd.get()), shown(dst)));
        else BERTH_CHECK(withContext(copyAs(dstFd.get(), s.base), shown(dst)));
        return copier.tarBytes() + 2 * 512;
    }
    if (errno == ENOTDIR) {
        if (o.isDir()) return fail(ErrorCode::InvalidArgument, "cannot copy a directory to a file: " + shown(dst));
        if (d.trailingSlash) return fail(ErrorCode::NotFound, "destination " + shown(dst) + " is not a directory");
    } else if (errno != ENOENT) {
        return sysFail("opening " + shown(dst));
    } else if (d.trailingSlash || d.contentsOnly) {
        return fail(ErrorCode::NotFound, "destination directory " + shown(dst) + " does not exist");
    }
    if (d.base.empty()) return fail(ErrorCode::InvalidArgument, "cannot copy to " + shown(dst));
    UniqueFd dstParent(openEnd(dst, d.parent, O_RDONLY | O_DIRECTORY));
    if (!dstParent.isValid()) {
        if (errno == ENOENT || errno == ENOTDIR) return fail(ErrorCode::NotFound, "no such directory " + (d.parent.empty() ? "." : d.parent));
        return sysFail("opening " + d.parent);
    }
    BERTH_CHECK(withContext(copyAs(dstParent.get(), d.base), shown(dst)));
    return copier.tarBytes() + 2 * 512;
}

std::uint64_t tarStreamSize(const std::filesystem::path& path) {
    std::error_code ec;
    auto st = std::filesystem::symlink_status(path, ec);
    if (ec) return 0;
    std::uint64_t total = 512;
    if (std::filesystem::is_regular_file(st)) total += (std::filesystem::file_size(path, ec) + 511) / 512 * 512;
    if (std::filesystem::is_directory(st))
        for (auto it = std::filesystem::recursive_directory_iterator(path, ec); !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            total += 512;
            if (it->is_regular_file(ec) && !it->is_symlink(ec)) total += (it->file_size(ec) + 511) / 512 * 512;
        }
    return total;
}

} // namespace berth::runtime
