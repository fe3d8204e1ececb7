#include "runtime/user_lookup.h"

#include "support/unique_fd.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace berth::runtime {

namespace {

constexpr std::uint64_t kMaxAccountFile = 16u << 20; // real files are kilobytes; this bounds a hostile one
constexpr long kMaxId = 2147483647;                  // runc's range for uids and gids

struct PasswdEntry {
    std::string name;
    long uid = 0;
    long gid = 0;
    std::string home;
};

struct GroupEntry {
    std::string name;
    long gid = 0;
    std::vector<std::string> members;
};

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    while (true) {
        std::size_t at = s.find(sep);
        parts.push_back(s.substr(0, at));
        if (at == std::string_view::npos) return parts;
        s.remove_prefix(at + 1);
    }
}

// A decimal id in runc's range, or nullopt for anything else (names, signs, overflow).
std::optional<long> parseId(std::string_view s) {
    long v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v < 0 || v > kMaxId)
        return std::nullopt;
    return v;
}

bool isDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Lines that do not parse are skipped: they cannot match anything a user can name reliably.
std::vector<PasswdEntry> parsePasswd(std::string_view text) {
    std::vector<PasswdEntry> entries;
    for (std::string_view line : split(text, '\n')) {
        if (line.empty() || line.front() == '#') continue;
        auto f = split(line, ':');
        if (f.size() < 4) continue;
        auto uid = parseId(f[2]), gid = parseId(f[3]);
        if (!uid || !gid) continue;
        entries.push_back({std::string(f[0]), *uid, *gid, f.size() > 5 ? std::string(f[5]) : std::string()});
    }
    return entries;
}

std::vector<GroupEntry> parseGroup(std::string_view text) {
    std::vector<GroupEntry> entries;
    for (std::string_view line : split(text, '\n')) {
        if (line.empty() || line.front() == '#') continue;
        auto f = split(line, ':');
        if (f.size() < 3) continue;
        auto gid = parseId(f[2]);
        if (!gid) continue;
        GroupEntry g{std::string(f[0]), *gid, {}};
        if (f.size() > 3 && !f[3].empty())
            for (std::string_view m : split(f[3], ','))
                g.members.emplace_back(m);
        entries.push_back(std::move(g));
    }
    return entries;
}

// A numeric spec always means an id, as in runc; otherwise it is a name.
const GroupEntry* findGroup(const std::vector<GroupEntry>& groups, std::string_view spec) {
    auto id = parseId(spec);
    for (const GroupEntry& g : groups)
        if (id ? g.gid == *id : g.name == spec) return &g;
    return nullptr;
}

Result<gid_t> resolveGroup(const std::vector<GroupEntry>& groups, std::string_view spec) {
    if (const GroupEntry* g = findGroup(groups, spec)) return static_cast<gid_t>(g->gid);
    if (auto id = parseId(spec)) return static_cast<gid_t>(*id);
    if (isDigits(spec))
        return fail(ErrorCode::InvalidArgument, "gid " + std::string(spec) + " is out of range");
    return fail(ErrorCode::NotFound,
                "unable to find group " + std::string(spec) + ": no matching entries in group file");
}

void appendUnique(std::vector<gid_t>& gids, gid_t gid) {
    if (std::find(gids.begin(), gids.end(), gid) == gids.end()) gids.push_back(gid);
}

// Finds the passwd entry for userSpec ("" = uid 0) and fills uid, gid and home.
Result<std::string> resolvePasswdPart(const std::vector<PasswdEntry>& passwd, std::string_view userSpec,
                                      ResolvedUser& out) {
    auto id = userSpec.empty() ? std::optional<long>(0) : parseId(userSpec);
    for (const PasswdEntry& p : passwd) {
        if (id ? p.uid != *id : p.name != userSpec) continue;
        out.uid = static_cast<uid_t>(p.uid);
        out.gid = static_cast<gid_t>(p.gid);
        if (!p.home.empty()) out.home = p.home;
        return p.name;
    }
    if (id) {
        out.uid = static_cast<uid_t>(*id);
        return std::string();
    }
    if (isDigits(userSpec))
        return fail(ErrorCode::InvalidArgument, "uid " + std::string(userSpec) + " is out of range");
    return fail(ErrorCode::NotFound,
                "unable to find user " + std::string(userSpec) + ": no matching entries in passwd file");
}

long openat2Raw(int dirfd, const char* path, std::uint64_t flags, std::uint64_t resolve) {
    open_how how{};
    how.flags = flags;
    how.resolve = resolve;
    return ::syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

// Reads rel below rootFd as a chroot would see it. O_NONBLOCK so a FIFO planted there cannot hang us.
Result<std::optional<std::string>> readInRoot(int rootFd, const char* rel) {
    long r = -1;
    for (int attempt = 0; attempt < 8; ++attempt) { // EAGAIN: a concurrent rename raced the lookup
        r = openat2Raw(rootFd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK,
                       RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
        if (r >= 0 || errno != EAGAIN) break;
    }
    if (r < 0 && (errno == ENOENT || errno == ENOTDIR)) return std::optional<std::string>();
    if (r < 0 && errno == ENOSYS)
        return fail(ErrorCode::Unsupported, "reading " + std::string(rel) + ": openat2 needs linux 5.6");
    if (r < 0) return sysFail("opening " + std::string(rel));
    UniqueFd fd(static_cast<int>(r));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return sysFail("reading " + std::string(rel));
    if (!S_ISREG(st.st_mode)) return fail(ErrorCode::Denied, std::string(rel) + " is not a regular file");
    if (static_cast<std::uint64_t>(st.st_size) > kMaxAccountFile)
        return fail(ErrorCode::LimitExceeded, std::string(rel) + " is larger than 16 MiB");
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        ssize_t n = ::read(fd.get(), text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return sysFail("reading " + std::string(rel));
        if (n == 0) break; // the file shrank under us: use what is there
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return std::optional<std::string>(std::move(text));
}

} // namespace

Result<AccountFiles> readAccountFiles(const std::filesystem::path& rootfs) {
    UniqueFd root(::open(rootfs.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid()) return sysFail("opening rootfs " + rootfs.string());
    AccountFiles files;
    files.passwd = BERTH_TRY(readInRoot(root.get(), "etc/passwd"));
    files.group = BERTH_TRY(readInRoot(root.get(), "etc/group"));
    return files;
}

Result<ResolvedUser> resolveUser(const AccountFiles& files, std::string_view user,
                                 const std::vector<std::string>& groupAdd) {
    std::size_t colon = user.find(':');
    std::string_view userSpec = user.substr(0, colon);
    std::string_view groupSpec =
        colon == std::string_view::npos ? std::string_view() : user.substr(colon + 1);
    const auto passwd = parsePasswd(files.passwd.value_or(""));
    const auto groups = parseGroup(files.group.value_or(""));

    ResolvedUser out;
    std::string matchedName = BERTH_TRY(resolvePasswdPart(passwd, userSpec, out));
    std::vector<gid_t> supplementary;
    if (!groupSpec.empty()) {
        out.gid = BERTH_TRY(resolveGroup(groups, groupSpec));
    } else if (!matchedName.empty()) { // membership counts only for a user found by passwd
        for (const GroupEntry& g : groups)
            if (std::find(g.members.begin(), g.members.end(), matchedName) != g.members.end())
                supplementary.push_back(static_cast<gid_t>(g.gid));
    }
    // The primary gid leads the list: setgroups() without it would let a group-deny mode such as
    // 0707 be bypassed through a supplementary group (CVE-2022-36109).
    appendUnique(out.additionalGids, out.gid);
    for (gid_t g : supplementary)
        appendUnique(out.additionalGids, g);
    for (const std::string& spec : groupAdd)
        appendUnique(out.additionalGids, BERTH_TRY(resolveGroup(groups, spec)));
    return out;
}

Result<ResolvedUser> resolveUserInRootfs(const std::filesystem::path& rootfs, std::string_view user,
                                         const std::vector<std::string>& groupAdd) {
    AccountFiles files = BERTH_TRY(readAccountFiles(rootfs));
    return withContext(resolveUser(files, user, groupAdd), "resolving user \"" + std::string(user) + "\"");
}

} // namespace berth::runtime
