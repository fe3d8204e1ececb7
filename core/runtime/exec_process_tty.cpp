// The pty of `berth exec -t` (see exec_process_tty.h): allocated inside the container, relayed
// outside it. The pty is the container's (its devpts, so `tty` prints /dev/pts/N and the container
// lists it), never the caller's terminal, which stays the user's shell's.
#include "runtime/exec_process_tty.h"

#include "runtime/fd_passing.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace berth::runtime {

namespace {

bool writeAll(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

// Raw mode on the caller's terminal while the relay runs, so keys (^C included) reach the
// container's line discipline instead of ours.
class RawTerminal {
public:
    explicit RawTerminal(int fd) : m_fd(fd) {
        if (!::isatty(fd) || ::tcgetattr(fd, &m_saved) != 0) return;
        termios raw = m_saved;
        ::cfmakeraw(&raw);
        m_active = ::tcsetattr(fd, TCSANOW, &raw) == 0;
    }
    ~RawTerminal() {
        if (m_active) ::tcsetattr(m_fd, TCSANOW, &m_saved);
    }
    RawTerminal(const RawTerminal&) = delete;
    RawTerminal& operator=(const RawTerminal&) = delete;

private:
    int m_fd;
    termios m_saved{};
    bool m_active = false;
};

// Passes on the caller's window size when it changed (polled: no SIGWINCH handler in a library
// the GUI also links).
void syncWindowSize(int master, winsize& last) {
    winsize now{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &now) != 0 && ::ioctl(STDIN_FILENO, TIOCGWINSZ, &now) != 0) return;
    if (now.ws_row == last.ws_row && now.ws_col == last.ws_col) return;
    last = now;
    ::ioctl(master, TIOCSWINSZ, &now);
}

// Copies what master has to stdout; false once it has nothing more (EIO: every slave fd closed).
bool drainMaster(int master) {
    char buf[8192];
    for (;;) {
        ssize_t n = ::read(master, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) return true;
        if (n <= 0) return false;
        if (!writeAll(STDOUT_FILENO, buf, static_cast<std::size_t>(n))) return false;
    }
}

} // namespace

bool takeContainerPty(int socket) {
    int master = ::open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || ::unlockpt(master) != 0) return false;
    // TIOCGPTPEER (Linux 4.13) opens the slave without a path lookup; the name is the fallback.
    int slave = ::ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
    if (slave < 0) {
        char name[64];
        if (::ptsname_r(master, name, sizeof name) != 0) return false;
        slave = ::open(name, O_RDWR | O_NOCTTY);
        if (slave < 0) return false;
    }
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 || ::ioctl(STDIN_FILENO, TIOCGWINSZ, &size) == 0)
        ::ioctl(slave, TIOCSWINSZ, &size);
    if (!sendFd(socket, master)) return false;
    ::close(master);
    ::close(socket);
    ::setsid();
    if (::ioctl(slave, TIOCSCTTY, 0) != 0) return false;
    for (int i = 0; i < 3; ++i)
        if (::dup2(slave, i) < 0) return false;
    if (slave > 2) ::close(slave);
    return true;
}

void relayExecPty(int master, pid_t child, bool interactive) {
    RawTerminal raw(interactive ? STDIN_FILENO : -1);
    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    UniqueFd exited(static_cast<int>(::syscall(SYS_pidfd_open, child, 0))); // Linux 5.3; else polled
    winsize size{};
    ::ioctl(master, TIOCGWINSZ, &size);
    bool masterOpen = true, stdinOpen = interactive;
    std::string pending; // stdin bytes the pty has not taken yet
    for (;;) {
        pollfd fds[3] = {
            {master, static_cast<short>(masterOpen ? POLLIN | (pending.empty() ? 0 : POLLOUT) : 0), 0},
            {stdinOpen && pending.empty() ? STDIN_FILENO : -1, POLLIN, 0},
            {exited.get(), POLLIN, 0}};
        int ready = ::poll(fds, 3, exited.isValid() ? 500 : 50);
        if (ready < 0 && errno != EINTR) break;
        syncWindowSize(master, size);
        if (masterOpen && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) masterOpen = drainMaster(master);
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[4096];
            ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n > 0)
                pending.append(buf, static_cast<std::size_t>(n));
            else if (n == 0 || errno != EINTR)
                stdinOpen = false;
        }
        if (!pending.empty() && masterOpen) {
            ssize_t n = ::write(master, pending.data(), pending.size());
            if (n > 0)
                pending.erase(0, static_cast<std::size_t>(n));
            else if (n < 0 && errno != EAGAIN && errno != EINTR)
                pending.clear();
        }
        bool done = false;
        if (exited.isValid()) {
            done = (fds[2].revents & POLLIN) != 0;
        } else {
            siginfo_t info{};
            done = ::waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                   info.si_pid == child;
        }
        if (done) break;
    }
    if (masterOpen) (void)drainMaster(master);
}

void keepPtyOpen(int master) {
    // Forked from a possibly multi-threaded caller: only async-signal-safe calls below.
    pid_t pid = ::fork();
    if (pid < 0) return;
    if (pid > 0) {
        while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {}
        return;
    }
    ::setsid();
    if (::fork() != 0) ::_exit(0);
    if (::chdir("/") != 0) ::_exit(1); // pins no directory of the caller's
    for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
    // The caller's stdout may be a pipe someone waits on to end: hold nothing but the master.
    int null = ::open("/dev/null", O_RDWR);
    for (int fd = 0; fd < 3 && null >= 0; ++fd) ::dup2(null, fd);
    if (::dup2(master, 3) != 3) ::_exit(1);
    ::syscall(SYS_close_range, 4, ~0U, 0);
    ::fcntl(3, F_SETFL, ::fcntl(3, F_GETFL) & ~O_NONBLOCK);
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(3, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) ::_exit(0); // EIO: the last slave descriptor is closed
    }
}

} // namespace berth::runtime
