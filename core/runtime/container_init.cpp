#include "runtime/exec_path.h"
#include "runtime/fd_passing.h"
#include "runtime/container_init.h"

#include "runtime/rootfs_setup.h"
#include "runtime/security/capabilities.h"
#include "runtime/security/seccomp_profile.h"
#include "runtime/user_lookup.h"
#include "support/unique_fd.h"
#include "support/user_namespace.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void die(const InitPlan& plan, int code, const std::string& message) {
    std::string line = std::to_string(code) + " " + message;
    (void)!::write(plan.errorFd, line.data(), line.size());
    ::_exit(code);
}

void dieOn(const InitPlan& plan, const Status& st, const char* what) {
    if (!st) die(plan, ExitSetupFailed, std::string(what) + ": " + st.error().message);
}

// With --network none the container still has a loopback interface, up, as in Docker.
void bringUpLoopback() {
    int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return;
    ifreq ifr {};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    if (::ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
        ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
        ::ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    ::close(s);
}

// -t, after pivot_root: the pty comes from the container's own devpts (so `tty` names it and
// /dev/console is it, as with runc); its master goes to the shim, the slave becomes our
// controlling terminal and stdio.
void setUpConsole(const InitPlan& plan) {
    int master = ::open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    char name[64];
    if (master < 0 || ::unlockpt(master) != 0 || ::ptsname_r(master, name, sizeof name) != 0)
        die(plan, ExitSetupFailed, std::string("allocating a terminal: ") + std::strerror(errno));
    int slave = ::open(name, O_RDWR | O_NOCTTY);
    if (slave < 0) die(plan, ExitSetupFailed, "opening the terminal");
    int console = ::open("/dev/console", O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (console >= 0) {
        ::close(console);
        ::mount(name, "/dev/console", nullptr, MS_BIND, nullptr);
    }
    (void)sendFd(plan.consoleSocket, master);
    ::close(master);
    ::close(plan.consoleSocket);
    ::setsid();
    if (::ioctl(slave, TIOCSCTTY, 0) != 0) die(plan, ExitSetupFailed, "attaching the terminal");
    for (int i = 0; i < 3; ++i) ::dup2(slave, i);
    if (slave > 2) ::close(slave);
}

void setUpStdio(const InitPlan& plan) {
    if (plan.consoleSocket >= 0) return; // after pivot_root, see setUpConsole
    int fds[3] = {plan.stdinFd, plan.stdoutFd, plan.stderrFd};
    for (int i = 0; i < 3; ++i)
        if (fds[i] >= 0 && ::dup2(fds[i], i) < 0) die(plan, ExitSetupFailed, "setting up stdio");
    if (plan.stdinFd < 0) { // no -i: stdin is empty, as in Docker
        int null = ::open("/dev/null", O_RDONLY);
        if (null >= 0 && null != 0) {
            ::dup2(null, 0);
            ::close(null);
        }
    }
}

void setUpFilesystem(const InitPlan& plan) {
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        die(plan, ExitSetupFailed, std::string("making mounts private: ") + std::strerror(errno));
    for (const layer::Mount& m : plan.rootfsMounts) dieOn(plan, layer::performMount(m, plan.rootfsDir), "mounting the rootfs");
    dieOn(plan, mountDefaults(plan.rootfsDir, plan.config), "default mounts");
    dieOn(plan, mountCgroups(plan.rootfsDir), "cgroup mounts");
    dieOn(plan, bindFileInRoot(plan.rootfsDir, "/etc/hostname", plan.hostnameFile), "/etc/hostname");
    dieOn(plan, bindFileInRoot(plan.rootfsDir, "/etc/hosts", plan.hostsFile), "/etc/hosts");
    dieOn(plan, bindFileInRoot(plan.rootfsDir, "/etc/resolv.conf", plan.resolvConfFile), "/etc/resolv.conf");
    if (plan.config.readOnlyRootfs &&
        ::mount(nullptr, plan.rootfsDir.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0)
        die(plan, ExitSetupFailed, std::string("making the rootfs read-only: ") + std::strerror(errno));
    dieOn(plan, pivotInto(plan.rootfsDir), "pivot_root");
    dieOn(plan, maskPaths(), "masking paths");
    if (plan.consoleSocket >= 0) setUpConsole(plan);
}

// The working directory is created if missing (Docker does), then checked to really be inside
// the container: a cwd like /proc/self/fd/N could point at a leaked host directory (CVE-2024-21626).
void enterWorkingDir(const InitPlan& plan) {
    const std::string& cwd = plan.config.process.cwd.empty() ? "/" : plan.config.process.cwd;
    std::error_code ec;
    fs::create_directories(cwd, ec);
    if (::chdir(cwd.c_str()) != 0)
        die(plan, ExitSetupFailed, "chdir to " + cwd + ": " + std::strerror(errno));
    char buf[4096];
    if (!::getcwd(buf, sizeof buf) || buf[0] != '/')
        die(plan, ExitSetupFailed, "working directory " + cwd + " is outside the container");
}


void dropPrivileges(const InitPlan& plan, const ResolvedUser& user) {
    const ContainerConfig& c = plan.config;
    auto caps = resolveCapabilities(c.capAdd, c.capDrop);
    if (!caps) die(plan, ExitSetupFailed, caps.error().message);
    if (c.noNewPrivileges && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        die(plan, ExitSetupFailed, "setting no_new_privs");
    // Seccomp first, while we still hold CAP_SYS_ADMIN; the profile allows what follows.
    if (!c.seccompUnconfined) {
        if (!plan.seccompProgram.empty()) {
            dieOn(plan, loadSeccompBpf(plan.seccompProgram), "seccomp");
        } else {
            SeccompOptions opts;
            opts.capabilities = *caps;
            dieOn(plan, loadDefaultSeccomp(opts), "seccomp");
        }
    }
    // Switch user with keep-caps (so --cap-drop SETUID cannot stop the switch), then set the
    // final sets; execve then gives a non-root program no capabilities, as Docker's do.
    ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
    std::vector<gid_t> groups(user.additionalGids.begin(), user.additionalGids.end());
    // Single-id rootless mode denies setgroups: the process keeps the groups it came with.
    if (::setgroups(groups.size(), groups.data()) != 0 && !setgroupsDenied())
        die(plan, ExitSetupFailed, "setgroups failed");
    if (::setgid(user.gid) != 0) die(plan, ExitSetupFailed, "setgid failed");
    if (::setuid(user.uid) != 0) die(plan, ExitSetupFailed, "setuid failed");
    dieOn(plan, applyCapabilities(*caps), "capabilities");
}

[[noreturn]] void execProcess(const InitPlan& plan) {
    const ProcessConfig& p = plan.config.process;
    std::string exe = findExecutable(p.args[0], p.env);
    if (exe.empty())
        die(plan, ExitNotFound, "exec: \"" + p.args[0] + "\": executable file not found in $PATH");
    std::vector<char*> argv, envp;
    for (auto& a : p.args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (auto& e : p.env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    // The program runs with its network: the shim says "n" once it is wired (EOF: it failed).
    char wired = 0;
    if (::read(plan.syncFd, &wired, 1) != 1) ::_exit(ExitSetupFailed);
    // Nothing of the shim may reach the program: every fd above stdio closes on exec.
    ::syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC);
    ::execve(exe.c_str(), argv.data(), envp.data());
    int err = errno;
    die(plan, err == ENOENT ? ExitNotFound : ExitCannotExecute,
        "exec: \"" + p.args[0] + "\": " + std::strerror(err));
}

} // namespace

void runContainerInit(const InitPlan& plan) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // Single-threaded, so "0" moves the whole process, and cheaply (CgroupEntry).
    for (int fd : plan.cgroupTasksFds)
        if (::write(fd, "0", 1) != 1)
            die(plan, ExitSetupFailed, std::string("joining the container's cgroup: ") + std::strerror(errno));
    char go = 0;
    if (::read(plan.syncFd, &go, 1) != 1) ::_exit(ExitSetupFailed); // the shim died before saying go
    // Entered once we are in the container's cgroup (above, or moved by the shim before "g"), so
    // that cgroup is our root.
    if (::unshare(CLONE_NEWCGROUP) != 0) die(plan, ExitSetupFailed, "new cgroup namespace");
    for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    setUpStdio(plan);
    if (plan.config.networkMode != "host") bringUpLoopback();
    setUpFilesystem(plan);
    if (!plan.config.hostname.empty() && ::sethostname(plan.config.hostname.c_str(), plan.config.hostname.size()) != 0)
        die(plan, ExitSetupFailed, "sethostname");
    auto user = resolveUserInRootfs("/", plan.config.process.user, plan.config.groupAdd);
    if (!user) die(plan, ExitSetupFailed, user.error().message);
    enterWorkingDir(plan);
    dropPrivileges(plan, *user);
    execProcess(plan);
}

} // namespace berth::runtime
