#pragma once
// Resolves directory paths inside a root directory the way a chroot would: symlinks are followed
// but "..", absolute targets and chains of links never leave the root. The kernel does it with
// openat2(RESOLVE_IN_ROOT); where openat2 is missing (ENOSYS), or when missing directories must
// be created on the way, a component-by-component walk does the same. Returned descriptors are
// O_PATH directory fds, usable as the dirfd of the *at() calls. Single-threaded.
#include "support/error.h"
#include "support/unique_fd.h"

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace berth::layer {

// Decides how a directory missing from the path is made (e.g. with the attributes a lower layer
// gives it). realPath is its cleaned path inside the root.
class DirMaker {
public:
    virtual ~DirMaker() = default;
    virtual Status makeDir(int parentFd, const char* name, std::string_view realPath) = 0;
};

class RootResolver {
public:
    static Result<RootResolver> open(const std::filesystem::path& root);

    // The root itself, opened O_RDONLY | O_DIRECTORY.
    int rootFd() const { return m_root.get(); }
    // Opens the directory at the cleaned relative path rel ("" is the root). Missing directories
    // are created through maker when it is given, else NotFound. The fd is owned by the cache and
    // stays valid until the next call or invalidate().
    Result<int> openDir(std::string_view rel, DirMaker* maker = nullptr);
    // Must be called whenever a directory or symlink inside the root was removed or replaced.
    void invalidate();

private:
    explicit RootResolver(UniqueFd root) : m_root(std::move(root)) {}
    Result<UniqueFd> walk(std::string_view rel, DirMaker* maker);
    Status stepInto(std::string& realPath, std::vector<UniqueFd>& stack, std::string_view name,
                    std::vector<std::string>& pending, int& links, DirMaker* maker);

    struct CacheSlot {
        std::string path;
        UniqueFd fd;
    };
    UniqueFd m_root;
    std::array<CacheSlot, 16> m_cache;
    std::size_t m_nextSlot = 0;
    bool m_haveOpenat2 = true;
};

} // namespace berth::layer
