// Starting and stopping slirp4netns for one container (see slirp4netns.h).
#include "network/slirp4netns.h"

#include "support/file_util.h"
#include "support/text.h"
#include "support/unique_fd.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace berth::network {
namespace fs = std::filesystem;

namespace {

constexpr int kChildReadyFd = 3, kChildExitFd = 4;

fs::path findInPath(const std::string& name) {
    const char* env = std::getenv("PATH");
    std::string path = env && *env ? env : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (std::size_t at = 0; at <= path.size();) {
        std::size_t colon = std::min(path.find(':', at), path.size());
        fs::path candidate = fs::path(path.substr(at, colon - at)) / name;
        if (colon > at && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        at = colon + 1;
    }
    return {};
}


// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void execSlirp(const std::vector<char*>& argv, int readyFd, int exitFd, int logFd,
                            bool sandbox) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL); // the exit fd covers a dead shim too; this covers a stuck one
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr); // the shim blocks SIGCHLD and ignores SIGPIPE
    for (int sig : {SIGPIPE, SIGHUP, SIGINT})
        ::signal(sig, SIG_DFL);
    // Moved out of the way first, so the dup2s below cannot overwrite one another.
    readyFd = ::fcntl(readyFd, F_DUPFD, 10);
    exitFd = ::fcntl(exitFd, F_DUPFD, 10);
    logFd = ::fcntl(logFd, F_DUPFD, 10);
    int null = ::open("/dev/null", O_RDONLY);
    if (readyFd < 0 || exitFd < 0 || logFd < 0 || null < 0) ::_exit(127);
    // The sandbox pivots into a new mount namespace and detaches the old root. Run as real root
    // from the host's namespace, that detach propagates back through shared mounts and unmounts
    // the host's /run/netns/* (seen with slirp4netns 1.2.0): it gets a private copy to do it in.
    if (sandbox &&
        (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)) {
        const char msg[] = "cannot make a private mount namespace for the slirp4netns sandbox\n";
        (void)!::write(logFd, msg, sizeof msg - 1);
        ::_exit(126);
    }
    ::dup2(null, 0);
    ::dup2(logFd, 1);
    ::dup2(logFd, 2);
    ::dup2(readyFd, kChildReadyFd);
    ::dup2(exitFd, kChildExitFd);
    ::syscall(SYS_close_range, kChildExitFd + 1, ~0U, 0);
    ::execv(argv[0], argv.data());
    ::_exit(127);
}


void reap(pid_t pid, std::chrono::milliseconds grace) {
    auto deadline = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < deadline) {
        pid_t r = ::waitpid(pid, nullptr, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD)) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
}

} // namespace

std::string slirp4netnsLastWords(const fs::path& log) {
    std::vector<std::string> lines;
    if (log.empty()) return {};
    if (auto text = readFile(log, 1u << 20))
        forEachLine(*text, [&](std::string_view line) {
            if (!line.empty() && !line.starts_with("WARNING:")) lines.emplace_back(line);
        });
    std::string out;
    for (std::size_t i = lines.size() > 3 ? lines.size() - 3 : 0; i < lines.size(); ++i)
        out += (out.empty() ? "" : "; ") + lines[i];
    return out;
}

bool waitForSlirp4netnsReady(int fd, int timeoutMs) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                          std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        int r = ::poll(&p, 1, static_cast<int>(left.count()));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        char c = 0;
        ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        return n == 1 && c == '1';
    }
}

std::vector<std::string> slirp4netnsArguments(const fs::path& binary, pid_t pid, int readyFd, int exitFd,
                                              const Slirp4netnsOptions& o) {
    std::vector<std::string> args{binary.string(), "--configure", "--mtu=" + std::to_string(o.mtu),
                                  "--ready-fd=" + std::to_string(readyFd),
                                  "--exit-fd=" + std::to_string(exitFd)};
    if (!o.allowHostLoopback) args.push_back("--disable-host-loopback");
    if (o.sandbox) {
        args.push_back("--enable-sandbox");
        args.push_back("--enable-seccomp");
    }
    args.push_back(std::to_string(pid));
    args.push_back(o.interfaceName);
    return args;
}

bool sandboxUsable(const fs::path& resolvConfTarget) {
    std::string t = resolvConfTarget.lexically_normal().string();
    return t.starts_with("/etc/") || t.starts_with("/run/");
}

std::string slirpResolvConf(std::string_view host, const std::vector<std::string>& dns) {
    std::string servers, rest;
    for (auto& d : dns)
        servers += "nameserver " + d + "\n";
    if (dns.empty()) servers = "nameserver " + formatIpv4(kSlirpDns) + "\n";
    forEachLine(host, [&](std::string_view line) {
        if (line.starts_with("search") || line.starts_with("domain") || line.starts_with("options"))
            rest.append(line).push_back('\n');
    });
    return servers + rest;
}

Result<std::unique_ptr<Slirp4netns>> Slirp4netns::start(pid_t pid, const Slirp4netnsOptions& o) {
    fs::path binary = o.binary.empty() ? findInPath("slirp4netns") : o.binary;
    if (binary.empty() || ::access(binary.c_str(), X_OK) != 0)
        return fail(ErrorCode::NotFound, "slirp4netns not found: install the slirp4netns package");
    int readyPipe[2], exitPipe[2];
    if (::pipe2(readyPipe, O_CLOEXEC) != 0) return sysFail("creating the slirp4netns ready pipe");
    UniqueFd readyR(readyPipe[0]), readyW(readyPipe[1]);
    if (::pipe2(exitPipe, O_CLOEXEC) != 0) return sysFail("creating the slirp4netns exit pipe");
    UniqueFd exitR(exitPipe[0]), exitW(exitPipe[1]);
    const fs::path log = o.logFile.empty() ? fs::path("/dev/null") : o.logFile;
    UniqueFd logFd(::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (!logFd.isValid()) return sysFail("opening " + log.string());
    auto args = slirp4netnsArguments(binary, pid, kChildReadyFd, kChildExitFd, o);
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t child = ::fork();
    if (child < 0) return sysFail("starting slirp4netns");
    if (child == 0) execSlirp(argv, readyW.get(), exitR.get(), logFd.get(), o.sandbox);
    readyW.reset();
    exitR.reset();
    std::unique_ptr<Slirp4netns> s(new Slirp4netns);
    s->m_pid = child;
    s->m_exitFd = exitW.release();
    if (waitForSlirp4netnsReady(readyR.get(), o.readyTimeoutMs)) return s;
    s.reset(); // stops and reaps it, so its log is complete
    std::string why = slirp4netnsLastWords(o.logFile);
    if (why.find("/dev/net/tun") != std::string::npos)
        why += " (the user needs read and write access to /dev/net/tun, mode 0666 as udev sets it)";
    return fail(ErrorCode::Io,
                "starting slirp4netns: " + (why.empty() ? "it exited or did not get ready" : why));
}

Slirp4netns::~Slirp4netns() {
    if (m_exitFd >= 0) ::close(m_exitFd);
    if (m_pid > 0) reap(m_pid, std::chrono::milliseconds(1000));
}

} // namespace berth::network
