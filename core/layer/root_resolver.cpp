#include "layer/root_resolver.h"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace berth::layer {

namespace {

constexpr int kMaxSymlinks = 40; // the kernel's own limit (MAXSYMLINKS)

long openat2Raw(int dirfd, const char* path, std::uint64_t flags, std::uint64_t resolve) {
    open_how how{};
    how.flags = flags;
    how.resolve = resolve;
    return ::syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

// Pushes the components of path onto pending so that the first one is processed next.
void pushReversed(std::vector<std::string>& pending, std::string_view path) {
    std::size_t end = path.size();
    while (true) {
        std::size_t slash = path.rfind('/', end == 0 ? 0 : end - 1);
        std::size_t begin = slash == std::string_view::npos ? 0 : slash + 1;
        if (end > begin) pending.emplace_back(path.substr(begin, end - begin));
        if (slash == std::string_view::npos || slash == 0) break;
        end = slash;
    }
}

std::string inQuotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

} // namespace

Result<RootResolver> RootResolver::open(const std::filesystem::path& root) {
    UniqueFd fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.isValid()) return sysFail("opening " + root.string());
    return RootResolver(std::move(fd));
}

void RootResolver::invalidate() {
    for (CacheSlot& slot : m_cache) {
        slot.fd.reset();
        slot.path.clear();
    }
}

Result<int> RootResolver::openDir(std::string_view rel, DirMaker* maker) {
    if (rel.empty()) return m_root.get();
    for (CacheSlot& slot : m_cache)
        if (slot.fd.isValid() && slot.path == rel) return slot.fd.get();

    UniqueFd fd;
    if (m_haveOpenat2) {
        std::string path(rel);
        long r = openat2Raw(m_root.get(), path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC,
                            RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
        if (r >= 0) fd.reset(static_cast<int>(r));
        else if (errno == ENOSYS) m_haveOpenat2 = false;
        // ENOENT goes on to the walk, which creates what is missing (with a maker) and, unlike
        // the kernel, lets "missing/.." stand for the current directory, as containerd does.
        else if (errno != ENOENT && errno != EAGAIN) return sysFail("resolving " + inQuotes(rel));
    }
    if (!fd.isValid()) fd = BERTH_TRY(walk(rel, maker));

    CacheSlot& slot = m_cache[m_nextSlot];
    m_nextSlot = (m_nextSlot + 1) % m_cache.size();
    slot.path.assign(rel);
    slot.fd = std::move(fd);
    return slot.fd.get();
}

Result<UniqueFd> RootResolver::walk(std::string_view rel, DirMaker* maker) {
    std::vector<UniqueFd> stack; // the directories entered so far, below the root
    std::vector<std::string> pending;
    std::string realPath;
    int links = 0;
    pushReversed(pending, rel);
    while (!pending.empty()) {
        std::string name = std::move(pending.back());
        pending.pop_back();
        BERTH_CHECK(withContext(stepInto(realPath, stack, name, pending, links, maker), "resolving " + inQuotes(rel)));
    }
    if (!stack.empty()) return std::move(stack.back());
    UniqueFd self(::openat(m_root.get(), ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!self.isValid()) return sysFail("opening the root");
    return self;
}

Status RootResolver::stepInto(std::string& realPath, std::vector<UniqueFd>& stack, std::string_view name,
                              std::vector<std::string>& pending, int& links, DirMaker* maker) {
    if (name.empty() || name == ".") return {};
    if (name == "..") {
        // ".." at the root stays at the root, as in a chroot.
        if (!stack.empty()) {
            stack.pop_back();
            auto slash = realPath.rfind('/');
            realPath.resize(slash == std::string::npos ? 0 : slash);
        }
        return {};
    }
    int parent = stack.empty() ? m_root.get() : stack.back().get();
    std::string child(name);
    std::string childPath = realPath.empty() ? child : realPath + "/" + child;
    UniqueFd fd(::openat(parent, child.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.isValid() && errno == ENOENT) {
        if (!pending.empty() && pending.back() == "..") {
            pending.pop_back(); // "missing/.." is where we are: nothing to create for it
            return {};
        }
        if (!maker) return fail(ErrorCode::NotFound, inQuotes(childPath) + " does not exist");
        BERTH_CHECK(maker->makeDir(parent, child.c_str(), childPath));
        fd.reset(::openat(parent, child.c_str(), O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC));
    }
    if (!fd.isValid()) return sysFail(inQuotes(childPath));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return sysFail(inQuotes(childPath));
    if (S_ISLNK(st.st_mode)) {
        if (++links > kMaxSymlinks) return sysFail(inQuotes(childPath), ELOOP);
        char target[PATH_MAX];
        ssize_t n = ::readlinkat(fd.get(), "", target, sizeof target);
        if (n < 0) return sysFail("reading link " + inQuotes(childPath));
        std::string_view t(target, static_cast<std::size_t>(n));
        if (t.starts_with('/')) { // absolute targets are relative to the root
            stack.clear();
            realPath.clear();
        }
        pushReversed(pending, t);
        return {};
    }
    if (!S_ISDIR(st.st_mode)) return sysFail(inQuotes(childPath), ENOTDIR);
    stack.push_back(std::move(fd));
    realPath = std::move(childPath);
    return {};
}

} // namespace berth::layer
