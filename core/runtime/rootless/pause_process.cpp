#include "runtime/rootless/pause_process.h"

#include "support/file_util.h"
#include "support/unique_fd.h"
#include "support/user_namespace.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <sched.h>
#include <string>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

constexpr char PauseName[] = "berth-pause";

fs::path findTool(const char* name) {
    std::string dirs = std::getenv("PATH") ? std::getenv("PATH") : "";
    dirs += ":/usr/bin:/usr/sbin:/bin:/sbin";
    for (std::size_t pos = 0; pos <= dirs.size();) {
        auto colon = dirs.find(':', pos);
        if (colon == std::string::npos) colon = dirs.size();
        fs::path candidate = fs::path(dirs.substr(pos, colon - pos)) / name;
        if (candidate.is_absolute() && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        pos = colon + 1;
    }
    return {};
}

std::string firstLine(const std::string& text) {
    auto end = text.find('\n');
    return text.substr(0, end);
}

void waitFor(pid_t pid, int* status = nullptr) {
    int s = 0;
    while (::waitpid(pid, &s, 0) < 0 && errno == EINTR) {
    }
    if (status) *status = s;
}

// Runs newuidmap or newgidmap; their own message (one line) explains a refusal best.
Status runTool(const fs::path& tool, const std::vector<std::string>& args) {
    std::vector<std::string> all{tool.string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd readEnd(out[0]), writeEnd(out[1]);
    pid_t pid = ::fork();
    if (pid < 0) return sysFail("starting " + tool.string());
    if (pid == 0) {
        int null = ::open("/dev/null", O_RDONLY);
        ::dup2(null, 0);
        ::dup2(writeEnd.get(), 1);
        ::dup2(writeEnd.get(), 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    writeEnd.reset();
    std::string text;
    char buf[1024];
    for (ssize_t n; (n = ::read(readEnd.get(), buf, sizeof buf)) != 0 && text.size() < 65536;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    int status = 0;
    waitFor(pid, &status);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    std::string why = firstLine(text);
    if (why.empty())
        why = "exited with status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128);
    return fail(ErrorCode::Denied, tool.filename().string() + ": " + why);
}

Status writeProcFile(pid_t pid, const char* name, const std::string& text) {
    std::string path = "/proc/" + std::to_string(pid) + "/" + name;
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd.isValid()) return sysFail("opening " + path);
    if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        return sysFail("writing " + path);
    return {};
}

Status writeMaps(pid_t pid, const IdMappingPlan& plan, const IdMapTools& tools) {
    if (plan.singleId()) {
        BERTH_CHECK(writeProcFile(pid, "setgroups", "deny"));
        BERTH_CHECK(writeProcFile(pid, "uid_map", idMapText(plan.uids)));
        return writeProcFile(pid, "gid_map", idMapText(plan.gids));
    }
    if (tools.newuidmap.empty() || tools.newgidmap.empty())
        return fail(ErrorCode::NotFound,
                    "newuidmap and newgidmap are needed for subordinate ids: run `sudo apt-get "
                    "install uidmap`");
    BERTH_CHECK(runTool(tools.newuidmap, newIdMapArgs(pid, plan.uids)));
    return runTool(tools.newgidmap, newIdMapArgs(pid, plan.gids));
}

// The pause process proper: async-signal-safe calls only (it is a fork of a possibly large app).
[[noreturn]] void pauseForever() {
    ::prctl(PR_SET_NAME, PauseName);
    if (::chdir("/") != 0) ::_exit(1);
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::close_range(3, ~0u, 0);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGTERM, SIG_DFL);
    for (;;)
        ::pause();
}

// Forks the pause process, reports its pid and exits, so that the pause process is nobody's child.
[[noreturn]] void startPauseAndExit(int report) {
    pid_t pause = ::fork();
    if (pause == 0) pauseForever();
    (void)!::write(report, &pause, sizeof pause);
    ::_exit(pause > 0 ? 0 : 1);
}

// The first child: unshares, reports, waits for its maps, starts the pause process and exits.
[[noreturn]] void namespaceChild(int report, int go) {
    ::setsid();
    if (::unshare(CLONE_NEWUSER) != 0) {
        int err = errno;
        char tag = 'e';
        (void)!::write(report, &tag, 1);
        (void)!::write(report, &err, sizeof err);
        ::_exit(1);
    }
    char tag = 'u';
    (void)!::write(report, &tag, 1);
    char mapped = 0;
    if (::read(go, &mapped, 1) != 1) ::_exit(1);
    startPauseAndExit(report);
}

// Reads the pause process's pid from the child that started it and records it in runtimeDir.
Result<pid_t> recordPause(const fs::path& runtimeDir, int report, pid_t child) {
    pid_t pause = 0;
    bool got = readExactly(report, &pause, sizeof pause);
    waitFor(child);
    if (!got || pause <= 0) return fail(ErrorCode::Internal, "the pause process did not start");
    if (auto recorded = writeFileAtomic(pausePidFile(runtimeDir), std::to_string(pause) + "\n", 0600);
        !recorded) {
        ::kill(pause, SIGKILL); // nobody could find it again
        return std::unexpected(recorded.error());
    }
    return pause;
}

} // namespace

IdMapTools findIdMapTools() {
    return {findTool("newuidmap"), findTool("newgidmap")};
}

fs::path pausePidFile(const fs::path& runtimeDir) {
    return runtimeDir / "pause.pid";
}

pid_t findPauseProcess(const fs::path& runtimeDir) {
    auto text = readFile(pausePidFile(runtimeDir), 64);
    if (!text) return 0;
    pid_t pid = std::atoi(text->c_str());
    if (pid <= 0) return 0;
    const fs::path proc = "/proc/" + std::to_string(pid);
    auto comm = readFile(proc / "comm", 64);
    if (!comm || comm->substr(0, comm->find('\n')) != PauseName) return 0;
    struct stat st {};
    if (::stat(proc.c_str(), &st) != 0 || st.st_uid != ::geteuid()) return 0;
    // A killed pause process not yet reaped still has its user namespace (it lives in the
    // credentials), but the namespace would die with the zombie: look for state Z or X.
    auto stat = readFile(proc / "stat", 4096);
    auto paren = stat ? stat->rfind(')') : std::string::npos;
    if (paren == std::string::npos || paren + 2 >= stat->size()) return 0;
    if (char state = (*stat)[paren + 2]; state == 'Z' || state == 'X') return 0;
    return inUserNamespace(proc / "uid_map") ? pid : 0;
}

Result<pid_t> createPauseProcess(const fs::path& runtimeDir, const IdMappingPlan& plan,
                                 const IdMapTools& tools) {
    int report[2], go[2];
    if (::pipe2(report, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd reportRead(report[0]), reportWrite(report[1]);
    if (::pipe2(go, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd goRead(go[0]), goWrite(go[1]);
    pid_t child = ::fork();
    if (child < 0) return sysFail("forking the pause process");
    if (child == 0) namespaceChild(reportWrite.get(), goRead.get());
    reportWrite.reset();
    goRead.reset();
    char tag = 0;
    if (!readExactly(reportRead.get(), &tag, 1) || tag != 'u') {
        int err = 0;
        if (tag == 'e') readExactly(reportRead.get(), &err, sizeof err);
        waitFor(child);
        return std::unexpected(
            sysFail("creating a user namespace", err ? err : EIO).error().context("rootless mode"));
    }
    if (auto mapped = writeMaps(child, plan, tools); !mapped) {
        goWrite.reset(); // the child reads end-of-file and exits
        waitFor(child);
        return std::unexpected(mapped.error().context("mapping ids into the user namespace"));
    }
    char start = 'm';
    (void)!::write(goWrite.get(), &start, 1);
    return recordPause(runtimeDir, reportRead.get(), child);
}

Result<pid_t> adoptPauseProcess(const fs::path& runtimeDir) {
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd reportRead(report[0]), reportWrite(report[1]);
    pid_t child = ::fork();
    if (child < 0) return sysFail("forking the pause process");
    if (child == 0) {
        ::setsid();
        startPauseAndExit(reportWrite.get());
    }
    reportWrite.reset();
    return recordPause(runtimeDir, reportRead.get(), child);
}

pid_t findNamespaceHolder() {
    std::error_code ec;
    for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        auto comm = readFile(it->path() / "comm", 64);
        struct stat st {};
        if (!comm || comm->substr(0, comm->find('\n')) != "berth-shim") continue;
        if (::stat(it->path().c_str(), &st) != 0 || st.st_uid != ::geteuid()) continue;
        if (inUserNamespace(it->path() / "uid_map")) return static_cast<pid_t>(std::stol(name));
    }
    return 0;
}

} // namespace berth::runtime
