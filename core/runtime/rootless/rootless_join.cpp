#include "runtime/rootless/rootless_join.h"

#include "runtime/rootless/pause_process.h"
#include "support/file_lock.h"
#include "support/file_util.h"
#include "support/unique_fd.h"
#include "support/user_namespace.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <pwd.h>
#include <sched.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <thread>
#include <unistd.h>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

std::string usermodHint(const std::string& user, const fs::path& subuidFile, const fs::path& subgidFile) {
    auto uids = readFile(subuidFile, 16u << 20).value_or(""),
         gids = readFile(subgidFile, 16u << 20).value_or("");
    std::uint32_t start = freeSubordinateStart({uids, gids});
    std::string range = std::to_string(start) + "-" + std::to_string(start + 65535u);
    return "run `sudo usermod --add-subuids " + range + " --add-subgids " + range + " " + user + "`";
}

std::size_t threadCount() {
    std::size_t n = 0;
    std::error_code ec;
    for (fs::directory_iterator it("/proc/self/task", ec), end; !ec && it != end; it.increment(ec))
        ++n;
    return n;
}

// The pid holding an flock on path, from /proc/locks ("1: FLOCK ADVISORY WRITE <pid> <maj>:<min>:<ino>
// 0 EOF"; waiters' lines have "->"); empty when it cannot be told.
std::string lockHolder(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    auto text = readFile("/proc/locks", 1u << 20);
    if (!text) return {};
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream in(line);
        std::string index, kind, advisory, mode, pid, where;
        if (!(in >> index >> kind >> advisory >> mode >> pid >> where) || kind != "FLOCK") continue;
        unsigned major = 0, minor = 0;
        unsigned long inode = 0;
        if (std::sscanf(where.c_str(), "%x:%x:%lu", &major, &minor, &inode) == 3 && inode == st.st_ino &&
            major == ::major(st.st_dev) && minor == ::minor(st.st_dev))
            return pid;
    }
    return {};
}

// Another berth holds the lock only while it joins or makes the namespace (milliseconds). One that
// is stopped (Ctrl+Z) or stuck there must not hang every later berth and the desktop app: after a
// few seconds the join fails in one line naming the lock and its holder.
Result<FileLock> lockForJoin(const fs::path& path) {
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + seconds(3);
    for (;;) {
        auto lock = FileLock::tryAcquire(path, FileLock::Mode::Exclusive);
        if (lock || lock.error().code != ErrorCode::Busy)
            return withContext(std::move(lock), "rootless mode");
        if (steady_clock::now() >= deadline) break;
        std::this_thread::sleep_for(milliseconds(20));
    }
    const std::string holder = lockHolder(path);
    return fail(ErrorCode::Busy,
                "rootless mode: " + path.string() + " stays locked" +
                    (holder.empty() ? "" : " by process " + holder) +
                    " (a berth stopped or stuck while joining the user namespace): end it and retry");
}

// setns(CLONE_NEWUSER), then become 0:0 there. The supplementary groups stay: they are the host
// user's (shown as nogroup inside) and still open the host files they opened before.
Status enter(pid_t pause) {
    std::string path = "/proc/" + std::to_string(pause) + "/ns/user";
    UniqueFd ns(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!ns.isValid()) {
        auto err = sysFail("opening " + path);
        err.error().code = ErrorCode::NotFound;
        return err;
    }
    if (::setns(ns.get(), CLONE_NEWUSER) != 0)
        return sysFail("joining the user namespace of pause process " + std::to_string(pause));
    if (::setresgid(0, 0, 0) != 0) return sysFail("becoming gid 0 in the user namespace");
    if (::setresuid(0, 0, 0) != 0) return sysFail("becoming uid 0 in the user namespace");
    return {};
}

} // namespace

PlannedMapping planForUser(std::uint32_t uid, std::uint32_t gid, const std::string& userName,
                           const fs::path& subuidFile, const fs::path& subgidFile, bool haveTools) {
    PlannedMapping out;
    auto uids = readSubordinateIds(subuidFile, userName, uid).value_or(std::vector<IdRange>{});
    auto gids = readSubordinateIds(subgidFile, userName, uid).value_or(std::vector<IdRange>{});
    const std::string limits = "single-id mode (only uid and gid 0 exist in containers; image files owned by "
                               "other ids cannot be extracted): ";
    if (uids.empty())
        out.notice = limits + "no subordinate uid range for user " + userName + " in " + subuidFile.string() +
                     ": " + usermodHint(userName, subuidFile, subgidFile);
    else if (gids.empty())
        out.notice = limits + "no subordinate gid range for user " + userName + " in " + subgidFile.string() +
                     ": " + usermodHint(userName, subuidFile, subgidFile);
    else if (!haveTools)
        out.notice = limits + "newuidmap and newgidmap are missing: run `sudo apt-get install uidmap`";
    out.plan = out.notice.empty() ? planIdMappings(uid, gid, uids, gids) : planIdMappings(uid, gid, {}, {});
    return out;
}

std::string singleIdHint(const Error& error, const std::vector<IdMapping>& uidMap) {
    if (uidMap.size() != 1 || isInitialIdMapping(uidMap) || error.sysErrno != EINVAL ||
        error.message.find("chown") == std::string::npos)
        return {};
    return "single-id mode has only uid and gid 0, and this has files of other owners: give the user "
           "subordinate "
           "ids (`berth info` says how)";
}

bool isRootless() {
    return ::geteuid() != 0 || inUserNamespace();
}

Result<RootlessJoin> joinRootlessUserNamespace() {
    RootlessJoin j;
    if (::geteuid() == 0) return j;
    if (std::size_t n = threadCount(); n > 1)
        return fail(ErrorCode::Internal, "rootless mode: the process already runs " + std::to_string(n) +
                                             " threads; the user namespace must be joined before any starts");
    auto paths = rootlessPaths();
    BERTH_CHECK(withContext(ensureRuntimeDir(paths), "rootless mode"));
    auto lock = BERTH_TRY(lockForJoin(paths.runtimeDir / "pause.lock"));
    pid_t pause = findPauseProcess(paths.runtimeDir);
    if (pause != 0) {
        auto entered = enter(pause);
        // A pause process that died between the look and the join is replaced.
        if (!entered && entered.error().code != ErrorCode::NotFound)
            return std::unexpected(entered.error().context("rootless mode"));
        if (!entered) pause = 0;
    }
    // The pause process died while containers ran: their shims still hold the namespace.
    if (pause == 0) {
        if (pid_t holder = findNamespaceHolder(); holder != 0) {
            auto entered = enter(holder);
            if (!entered && entered.error().code != ErrorCode::NotFound)
                return std::unexpected(entered.error().context("rootless mode"));
            if (entered) {
                pause = BERTH_TRY(adoptPauseProcess(paths.runtimeDir));
                j.createdPause = true;
            }
        }
    }
    if (pause == 0) {
        const std::uint32_t uid = ::getuid(), gid = ::getgid();
        const passwd* pw = ::getpwuid(uid);
        const std::string name = pw && pw->pw_name ? pw->pw_name : std::to_string(uid);
        auto tools = findIdMapTools();
        auto planned = planForUser(uid, gid, name, "/etc/subuid", "/etc/subgid",
                                   !tools.newuidmap.empty() && !tools.newgidmap.empty());
        pause = BERTH_TRY(createPauseProcess(paths.runtimeDir, planned.plan, tools));
        j.createdPause = true;
        j.notice = planned.notice;
        BERTH_CHECK(withContext(enter(pause), "rootless mode"));
    }
    j.joined = true;
    j.pausePid = pause;
    auto maps = parseIdMappings(readFile("/proc/self/uid_map", 1u << 16).value_or(""));
    j.singleId = maps && maps->size() <= 1;
    return j;
}

} // namespace berth::runtime
