#include "runtime/exec_path.h"
#include "runtime/exec_process.h"
#include "runtime/exec_process_tty.h"
#include "runtime/fd_passing.h"

#include "runtime/container_init.h"
#include "runtime/security/capabilities.h"
#include "runtime/security/seccomp_profile.h"
#include "runtime/user_lookup.h"
#include "support/user_namespace.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace berth::runtime {

namespace {

// Both forked processes report through errorFd and exit; snprintf into a stack buffer keeps the
// child (forked from a possibly multi-threaded caller) away from the heap until it has to use it.
[[noreturn]] void die(int errorFd, int code, const char* message) {
    char line[1024];
    int n = std::snprintf(line, sizeof line, "%d %s", code, message);
    if (n > 0) (void)!::write(errorFd, line, std::min<std::size_t>(n, sizeof line - 1));
    ::_exit(code);
}

[[noreturn]] void dieErrno(int errorFd, const char* what) {
    char line[512];
    std::snprintf(line, sizeof line, "%s: %s", what, std::strerror(errno));
    die(errorFd, ExitCannotExecute, line);
}

int statusToCode(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return ExitCannotExecute;
}

void resetSignals() {
    for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

// consoleSocket >= 0 (-t): the process gets a pty of the container's, see takeContainerPty.
void setUpStdio(const ExecPlan& plan, int errorFd, int devNull, int consoleSocket) {
    if (consoleSocket >= 0) {
        if (!takeContainerPty(consoleSocket)) dieErrno(errorFd, "allocating a terminal in the container");
        return;
    }
    // Detached, nobody reads the output (Docker's exec -d does not attach either).
    for (int target = 0; target < 3; ++target) {
        bool toNull = plan.detach || (target == 0 && !plan.interactive);
        if (toNull && ::dup2(devNull, target) < 0) dieErrno(errorFd, "setting up stdio");
    }
    ::setsid(); // no terminal: a session of its own
}

void dropPrivileges(const ExecPlan& plan, int errorFd, const ResolvedUser& user) {
    if (plan.noNewPrivileges && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) dieErrno(errorFd, "setting no_new_privs");
    // Seccomp while we still hold CAP_SYS_ADMIN, as the container's init does.
    if (!plan.seccompUnconfined) {
        SeccompOptions opts;
        opts.capabilities = plan.capabilities;
        if (auto st = loadDefaultSeccomp(opts); !st) die(errorFd, ExitCannotExecute, ("seccomp: " + st.error().message).c_str());
    }
    ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
    std::vector<gid_t> groups(user.additionalGids.begin(), user.additionalGids.end());
    if (::setgroups(groups.size(), groups.data()) != 0 && !setgroupsDenied()) dieErrno(errorFd, "setgroups");
    if (::setgid(user.gid) != 0) dieErrno(errorFd, "setgid");
    if (::setuid(user.uid) != 0) dieErrno(errorFd, "setuid");
    if (auto st = applyCapabilities(plan.capabilities); !st)
        die(errorFd, ExitCannotExecute, ("capabilities: " + st.error().message).c_str());
}

// In the container's pid namespace, with its root: becomes the command or reports why not.
[[noreturn]] void runGrandchild(const ExecPlan& plan, int errorFd, int devNull, int consoleSocket) {
    resetSignals();
    setUpStdio(plan, errorFd, devNull, consoleSocket);
    auto user = resolveUserInRootfs("/", plan.user, plan.groupAdd);
    if (!user) die(errorFd, ExitCannotExecute, user.error().message.c_str());
    // The terminal belongs to the user it runs as, as runc's does.
    if (consoleSocket >= 0) (void)!::fchown(STDIN_FILENO, user->uid, static_cast<gid_t>(-1));
    std::vector<std::string> env = plan.env;
    bool haveHome = false;
    for (const auto& e : env) haveHome = haveHome || e.rfind("HOME=", 0) == 0;
    if (!haveHome) env.push_back("HOME=" + user->home);
    if (::chdir(plan.cwd.c_str()) != 0)
        die(errorFd, ExitCannotExecute,
            ("chdir to cwd (\"" + plan.cwd + "\") set in config.json failed: " + std::strerror(errno)).c_str());
    // A cwd reached through a leaked host fd reads as "(unreachable)…" (CVE-2024-21626).
    char buf[4096];
    if (!::getcwd(buf, sizeof buf) || buf[0] != '/')
        die(errorFd, ExitCannotExecute, ("current working directory " + plan.cwd + " is outside of the container").c_str());
    dropPrivileges(plan, errorFd, *user);
    std::string exe = findExecutable(plan.args[0], env);
    if (exe.empty())
        die(errorFd, ExitNotFound, ("exec: \"" + plan.args[0] + "\": executable file not found in $PATH").c_str());
    std::vector<char*> argv, envp;
    for (const auto& a : plan.args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    // Nothing of the caller (the GUI's sockets, the store's locks) may reach the command.
    ::syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC);
    ::execve(exe.c_str(), argv.data(), envp.data());
    int err = errno;
    die(errorFd, err == ENOENT ? ExitNotFound : ExitCannotExecute,
        ("exec: \"" + plan.args[0] + "\": " + std::strerror(err)).c_str());
}

// On the host side of the pid namespace: joins everything else, forks the grandchild, relays.
[[noreturn]] void runChild(const ExecPlan& plan, int errorFd, int devNull, int consoleSocket) {
    // First of all: no container process may open /proc/<pid>/exe (the host's berth) while we
    // run inside its namespaces (CVE-2019-5736). execve gives the command its own dumpable state.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    ::prctl(PR_SET_PDEATHSIG, plan.detach ? 0 : SIGKILL);
    // Before setns(cgroup), so that the container's cgroup is our cgroup namespace's root.
    for (const auto& procs : plan.cgroupProcs) {
        int fd = ::open(procs.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0 || ::write(fd, "0", 1) != 1) dieErrno(errorFd, "joining the container's cgroup");
        ::close(fd);
    }
    for (std::size_t i = 0; i < plan.namespaceFds.size(); ++i) {
        if (::setns(plan.namespaceFds[i], plan.namespaceTypes[i]) != 0) dieErrno(errorFd, "entering the container's namespaces");
        ::close(plan.namespaceFds[i]);
    }
    pid_t pid = ::fork();
    if (pid < 0) dieErrno(errorFd, "fork");
    if (pid == 0) runGrandchild(plan, errorFd, devNull, consoleSocket);
    ::close(errorFd);
    if (consoleSocket >= 0) ::close(consoleSocket);
    if (plan.detach) ::_exit(0); // the grandchild is re-parented and never waited for by us
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) ::_exit(ExitCannotExecute);
    ::_exit(statusToCode(status));
}

std::string readAll(int fd) {
    std::string text;
    char buf[1024];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    return text;
}

} // namespace

Result<ExecOutcome> runExec(const ExecPlan& plan) {
    auto closeNamespaces = [&] {
        for (int fd : plan.namespaceFds) ::close(fd);
    };
    if (plan.args.empty() || plan.namespaceFds.size() != plan.namespaceTypes.size()) {
        closeNamespaces();
        return fail(ErrorCode::InvalidArgument, "exec: no command");
    }
    int errorPipe[2];
    if (::pipe2(errorPipe, O_CLOEXEC) != 0) {
        closeNamespaces();
        return sysFail("exec: pipe");
    }
    int console[2] = {-1, -1}; // -t: the grandchild sends its pty's master over this
    if (plan.tty && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, console) != 0) {
        closeNamespaces();
        ::close(errorPipe[0]);
        ::close(errorPipe[1]);
        return sysFail("exec: socketpair for the terminal");
    }
    int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    pid_t child = devNull < 0 ? -1 : ::fork();
    if (child == 0) {
        ::close(errorPipe[0]);
        if (console[0] >= 0) ::close(console[0]);
        runChild(plan, errorPipe[1], devNull, console[1]);
    }
    int forkErrno = errno;
    ::close(errorPipe[1]);
    if (console[1] >= 0) ::close(console[1]);
    closeNamespaces();
    if (devNull >= 0) ::close(devNull);
    UniqueFd consoleSocket(console[0]);
    if (child < 0) {
        ::close(errorPipe[0]);
        return sysFail("exec: starting the process", forkErrno);
    }
    // The master arrives before exec; none arrives when the process failed before its terminal.
    UniqueFd master;
    if (consoleSocket.isValid()) {
        if (auto received = receiveFd(consoleSocket.get())) master = std::move(*received);
        consoleSocket.reset();
    }
    // EOF comes when the grandchild has exec'd (close-on-exec) or both processes gave up.
    std::string report = readAll(errorPipe[0]);
    ::close(errorPipe[0]);
    if (master.isValid() && report.empty()) {
        if (plan.detach) keepPtyOpen(master.get());
        else relayExecPty(master.get(), child, plan.interactive);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0)
        if (errno != EINTR) return sysFail("exec: waiting for the process");
    ExecOutcome outcome;
    outcome.exitCode = statusToCode(status);
    if (!report.empty()) {
        auto space = report.find(' ');
        outcome.started = false;
        outcome.exitCode = std::atoi(report.c_str());
        if (outcome.exitCode != ExitNotFound) outcome.exitCode = ExitCannotExecute;
        outcome.message = space == std::string::npos ? report : report.substr(space + 1);
    }
    return outcome;
}

std::string execFailureMessage(const std::string& reason) {
    return "OCI runtime exec failed: exec failed: unable to start container process: " + reason + ": unknown";
}

int execFailureExitCode(const Error& e) {
    if (e.message.rfind("OCI runtime exec failed: ", 0) != 0) return 0;
    return e.code == ErrorCode::NotFound ? ExitNotFound : ExitCannotExecute;
}

} // namespace berth::runtime
