// Starting and stopping the rootless user's network namespace for user networks (see
// rootless_netns.h). Whoever starts it may be a multithreaded app: between fork and exec the
// children only make system calls.
#include "runtime/rootless/rootless_netns.h"

#include "network/netlink.h"
#include "network/slirp4netns.h"
#include "support/file_util.h"
#include "support/text.h"
#include "support/unique_fd.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <string>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

constexpr char HolderName[] = "berth-netns";
// The descriptors of the detached processes, in the order startRootlessNetns hands them over.
constexpr int ReportFd = 3, ReadyFd = 4, ExitReadFd = 5, ExitWriteFd = 6, LogFd = 7;

fs::path findSlirp(const fs::path& given) {
    if (!given.empty()) return given;
    std::string dirs = std::getenv("PATH") ? std::getenv("PATH") : "";
    dirs += ":/usr/bin:/usr/sbin:/bin:/sbin";
    for (std::size_t pos = 0; pos <= dirs.size();) {
        auto colon = std::min(dirs.find(':', pos), dirs.size());
        fs::path candidate = fs::path(dirs.substr(pos, colon - pos)) / "slirp4netns";
        if (candidate.is_absolute() && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        pos = colon + 1;
    }
    return {};
}

void say(const char* text) {
    std::size_t n = 0;
    while (text[n])
        ++n;
    (void)!::write(LogFd, text, n);
}

// Decimal digits of a pid into buf (16 bytes), without the allocator.
void formatPid(pid_t pid, char* buf) {
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = static_cast<char>('0' + pid % 10);
        pid /= 10;
    } while (pid > 0 && n < 15);
    for (int i = 0; i < n; ++i)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

// slirp4netns, forked by the holder while it was still in the host's namespace: waits for the
// holder's new namespace, then attaches to it.
[[noreturn]] void slirpChild(pid_t holder, int goRead, int goWrite, char* const* argv, char* pidArg) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != holder) ::_exit(1);
    ::close(goWrite);
    ::close(ExitWriteFd);
    char go = 0;
    if (::read(goRead, &go, 1) != 1) ::_exit(1);
    ::close(goRead);
    formatPid(holder, pidArg);
    ::dup2(LogFd, 1);
    ::dup2(LogFd, 2);
    ::close(LogFd);
    ::execv(argv[0], argv);
    ::_exit(127);
}

// berth-netns: starts slirp4netns, moves into a new network namespace, lets slirp4netns go, and
// lives as long as it does. It keeps the write end of slirp4netns's exit fd.
[[noreturn]] void holder(char* const* argv, char* pidArg) {
    ::prctl(PR_SET_NAME, HolderName);
    ::close(ReportFd);
    const pid_t self = ::getpid();
    int go[2];
    if (::pipe2(go, O_CLOEXEC) != 0) ::_exit(1);
    pid_t slirp = ::fork();
    if (slirp == 0) slirpChild(self, go[0], go[1], argv, pidArg);
    ::close(go[0]);
    ::close(ReadyFd);
    ::close(ExitReadFd);
    if (slirp < 0) {
        say("berth-netns: cannot fork slirp4netns\n");
        ::_exit(1);
    }
    if (::unshare(CLONE_NEWNET) != 0) {
        say("berth-netns: cannot create a network namespace (unshare CLONE_NEWNET refused)\n");
        ::_exit(1);
    }
    (void)!::write(go[1], "g", 1);
    ::close(go[1]);
    ::close(LogFd);
    while (true) {
        pid_t r = ::waitpid(slirp, nullptr, 0);
        if (r == slirp || (r < 0 && errno != EINTR)) ::_exit(0);
    }
}

// The first child: hands the descriptors over at fixed numbers, closes the rest (the caller's lock
// among them), detaches and reports the holder's pid.
[[noreturn]] void detachedStarter(const int (&fds)[5], char* const* argv, char* pidArg) {
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig : {SIGCHLD, SIGPIPE, SIGHUP, SIGINT, SIGTERM})
        ::signal(sig, SIG_DFL);
    int moved[5];
    for (int i = 0; i < 5; ++i)
        if ((moved[i] = ::fcntl(fds[i], F_DUPFD, 100)) < 0) ::_exit(1);
    for (int i = 0; i < 5; ++i)
        if (::dup2(moved[i], ReportFd + i) < 0) ::_exit(1);
    ::close_range(LogFd + 1, ~0U, 0);
    int null = ::open("/dev/null", O_RDWR);
    if (null < 0) ::_exit(1);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    if (null > 2) ::close(null);
    ::setsid();
    if (::chdir("/") != 0) ::_exit(1);
    pid_t pid = ::fork();
    if (pid == 0) holder(argv, pidArg);
    (void)!::write(ReportFd, &pid, sizeof pid);
    ::_exit(pid > 0 ? 0 : 1);
}



ino_t inodeOf(const fs::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

// Gone, or a zombie about to be reaped by whoever inherited it.
bool exited(pid_t pid) {
    auto stat = readFile("/proc/" + std::to_string(pid) + "/stat", 4096);
    auto paren = stat ? stat->rfind(')') : std::string::npos;
    if (paren == std::string::npos || paren + 2 >= stat->size()) return true;
    char state = (*stat)[paren + 2];
    return state == 'Z' || state == 'X';
}

std::vector<pid_t> childrenOf(pid_t pid) {
    std::vector<pid_t> out;
    const std::string p = std::to_string(pid);
    for (auto word : splitWords(readFile("/proc/" + p + "/task/" + p + "/children", 4096).value_or("")))
        if (int child = std::atoi(std::string(word).c_str()); child > 0) out.push_back(child);
    return out;
}

} // namespace

fs::path rootlessNetnsPidFile(const fs::path& runtimeDir) {
    return runtimeDir / "netns.pid";
}
fs::path rootlessNetnsLockFile(const fs::path& runtimeDir) {
    return runtimeDir / "netns.lock";
}
fs::path rootlessNetnsLogFile(const fs::path& runtimeDir) {
    return runtimeDir / "netns-slirp4netns.log";
}

pid_t findRootlessNetns(const fs::path& runtimeDir) {
    auto text = readFile(rootlessNetnsPidFile(runtimeDir), 64);
    pid_t pid = text ? std::atoi(text->c_str()) : 0;
    if (pid <= 0) return 0;
    const fs::path proc = "/proc/" + std::to_string(pid);
    auto comm = readFile(proc / "comm", 64);
    if (!comm || comm->substr(0, comm->find('\n')) != HolderName) return 0;
    struct stat st {};
    if (::stat(proc.c_str(), &st) != 0 || st.st_uid != ::geteuid()) return 0;
    if (exited(pid)) return 0;
    ino_t ours = inodeOf("/proc/self/ns/user");
    return ours != 0 && inodeOf(proc / "ns/user") == ours ? pid : 0;
}

Result<pid_t> startRootlessNetns(const fs::path& runtimeDir, const network::Slirp4netnsOptions& options) {
    const fs::path binary = findSlirp(options.binary);
    if (binary.empty() || ::access(binary.c_str(), X_OK) != 0)
        return fail(ErrorCode::NotFound, "slirp4netns not found: install the slirp4netns package");
    int report[2], ready[2], exitPipe[2];
    if (::pipe2(report, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd reportR(report[0]), reportW(report[1]);
    if (::pipe2(ready, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd readyR(ready[0]), readyW(ready[1]);
    if (::pipe2(exitPipe, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd exitR(exitPipe[0]), exitW(exitPipe[1]);
    const fs::path log = options.logFile.empty() ? rootlessNetnsLogFile(runtimeDir) : options.logFile;
    UniqueFd logFd(::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (!logFd.isValid()) return sysFail("opening " + log.string());
    // Everything the children use is allocated here; the holder writes its pid into pidArg.
    auto args = network::slirp4netnsArguments(binary, 1, ReadyFd, ExitReadFd, options);
    std::string pidArg(16, '\0');
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv[argv.size() - 2] = pidArg.data();
    argv.push_back(nullptr);
    const int fds[5] = {reportW.get(), readyW.get(), exitR.get(), exitW.get(), logFd.get()};
    pid_t starter = ::fork();
    if (starter < 0) return sysFail("starting the user networks' namespace");
    if (starter == 0) detachedStarter(fds, argv.data(), pidArg.data());
    reportW.reset();
    readyW.reset();
    exitR.reset();
    exitW.reset();
    logFd.reset();
    pid_t holderPid = 0;
    bool reported = readExactly(reportR.get(), &holderPid, sizeof holderPid);
    while (::waitpid(starter, nullptr, 0) < 0 && errno == EINTR) {
    }
    if (!reported || holderPid <= 0)
        return fail(ErrorCode::Internal, "the user networks' namespace did not start");
    if (!network::waitForSlirp4netnsReady(readyR.get(), options.readyTimeoutMs)) {
        ::kill(holderPid, SIGKILL);
        std::string why = network::slirp4netnsLastWords(log);
        if (why.find("/dev/net/tun") != std::string::npos)
            why += " (the user needs read and write access to /dev/net/tun, mode 0666 as udev sets it)";
        return fail(ErrorCode::Io, "starting slirp4netns for the user networks: " +
                                       (why.empty() ? "it exited or did not get ready" : why));
    }
    UniqueFd ns(::open(("/proc/" + std::to_string(holderPid) + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC));
    Status lo = ns.isValid() ? network::inNetns(ns.get(), [] { return network::setUp("lo", true); })
                             : sysFail("opening the user networks' namespace");
    if (lo) lo = writeFileAtomic(rootlessNetnsPidFile(runtimeDir), std::to_string(holderPid) + "\n", 0600);
    if (!lo) {
        ::kill(holderPid, SIGKILL);
        return std::unexpected(lo.error().context("starting the user networks' namespace"));
    }
    return holderPid;
}

void stopRootlessNetns(const fs::path& runtimeDir, pid_t holder) {
    if (holder <= 0 || findRootlessNetns(runtimeDir) != holder) return;
    std::vector<pid_t> wait = childrenOf(holder);
    wait.push_back(holder);
    ::kill(holder, SIGKILL);
    std::error_code ec;
    fs::remove(rootlessNetnsPidFile(runtimeDir), ec);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    for (pid_t p : wait)
        while (!exited(p) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

} // namespace berth::runtime
