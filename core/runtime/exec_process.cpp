#include "runtime/exec_path.h"
#include "runtime/exec_process.h"

#include "runtime/container_init.h"
#include "runtime/security/capabilities.h"
#include "runtime/security/seccomp_profile.h"
#include "runtime/user_lookup.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <sched.h>
#include <sys/prctl.h>
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

void setUpStdio(const ExecPlan& plan, int errorFd, int devNull) {
    // Detached, nobody reads the output (Docker's exec -d does not attach either).
    for (int target = 0; target < 3; ++target) {
        bool toNull = plan.detach || (target == 0 && !plan.interactive);
        if (toNull && ::dup2(devNull, target) < 0) dieErrno(errorFd, "setting up stdio");
    }
    // Only with -t does the process share the caller's session, and so its terminal.
    if (!plan.tty || plan.detach) ::setsid();
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
    if (::setgroups(groups.size(), groups.data()) != 0) dieErrno(errorFd, "setgroups");
    if (::setgid(user.gid) != 0) dieErrno(errorFd, "setgid");
    if (::setuid(user.uid) != 0) dieErrno(errorFd, "setuid");
    if (auto st = applyCapabilities(plan.capabilities); !st)
        die(errorFd, ExitCannotExecute, ("capabilities: " + st.error().message).c_str());
}

// In the container's pid namespace, with its root: becomes the command or reports why not.
[[noreturn]] void runGrandchild(const ExecPlan& plan, int errorFd, int devNull) {
    resetSignals();
    setUpStdio(plan, errorFd, devNull);
    auto user = resolveUserInRootfs("/", plan.user, plan.groupAdd);
    if (!user) die(errorFd, ExitCannotExecute, user.error().message.c_str());
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
[[noreturn]] void runChild(const ExecPlan& plan, int errorFd, int devNull) {
    // First of all: no container process may open /proc/<pid>/exe (the host's berth) while we
    // run inside its namespaces (CVE-2019-5736). execve gives the command its own dumpable state.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    ::prctl(PR_SET_PDEATHSIG, plan.detach ? 0 : SIGKILL);
    if (plan.tty) { // the terminal's ^C and ^\ are for the command, which shares our process group
        ::signal(SIGINT, SIG_IGN);
        ::signal(SIGQUIT, SIG_IGN);
    }
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
    if (pid == 0) runGrandchild(plan, errorFd, devNull);
    ::close(errorFd);
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
    int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    pid_t child = devNull < 0 ? -1 : ::fork();
    if (child == 0) {
        ::close(errorPipe[0]);
        runChild(plan, errorPipe[1], devNull);
    }
    int forkErrno = errno;
    ::close(errorPipe[1]);
    closeNamespaces();
    if (devNull >= 0) ::close(devNull);
    if (child < 0) {
        ::close(errorPipe[0]);
        return sysFail("exec: starting the process", forkErrno);
    }
    // EOF comes when the grandchild has exec'd (close-on-exec) or both processes gave up.
    std::string report = readAll(errorPipe[0]);
    ::close(errorPipe[0]);
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
