#include "userns_runner.h"

#include <QProcess>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace berth::test {

namespace {

bool writeProcFile(pid_t pid, const char* name, const std::string& text) {
    std::ofstream f("/proc/" + std::to_string(pid) + "/" + name);
    f << text;
    f.flush();
    return static_cast<bool>(f);
}

} // namespace

UserNamespaceRunner::UserNamespaceRunner(uid_t hostUid, unsigned count) : m_hostUid(hostUid) {
    m_map = "0 " + std::to_string(hostUid) + " 1\n1 " + std::to_string(hostUid + 1) + " " +
            std::to_string(count) + "\n";
    int ready[2], release[2];
    if (::pipe2(ready, O_CLOEXEC) != 0 || ::pipe2(release, O_CLOEXEC) != 0) {
        m_error = QStringLiteral("pipe: ") + QString::fromLocal8Bit(std::strerror(errno));
        return;
    }
    m_holder = ::fork();
    if (m_holder == 0) {
        // The namespace is created by the host uid, as an unprivileged user's would be.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::close(ready[0]);
        ::close(release[1]);
        char ok = ::setgroups(0, nullptr) == 0 && ::setresgid(hostUid, hostUid, hostUid) == 0 &&
                          ::setresuid(hostUid, hostUid, hostUid) == 0 && ::unshare(CLONE_NEWUSER) == 0
                      ? 1
                      : 0;
        (void)!::write(ready[1], &ok, 1);
        char byte;
        while (::read(release[0], &byte, 1) < 0 && errno == EINTR) {
        }
        ::_exit(0);
    }
    ::close(ready[1]);
    ::close(release[0]);
    m_release = release[1];
    char ok = 0;
    if (m_holder < 0 || ::read(ready[0], &ok, 1) != 1 || ok != 1) {
        m_error = QStringLiteral("the holder could not create a user namespace");
    } else if (!writeProcFile(m_holder, "uid_map", m_map) || !writeProcFile(m_holder, "gid_map", m_map)) {
        m_error = QStringLiteral("writing the id maps: ") + QString::fromLocal8Bit(std::strerror(errno));
    }
    ::close(ready[0]);
}

UserNamespaceRunner::~UserNamespaceRunner() {
    if (m_release >= 0) ::close(m_release);
    if (m_holder > 0) {
        ::kill(m_holder, SIGKILL);
        while (::waitpid(m_holder, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
}

bool UserNamespaceRunner::join() const {
    std::string path = "/proc/" + std::to_string(m_holder) + "/ns/user";
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::setgroups(0, nullptr) == 0 && ::setns(fd, CLONE_NEWUSER) == 0 && ::setresgid(0, 0, 0) == 0 &&
              ::setresuid(0, 0, 0) == 0;
    ::close(fd);
    return ok;
}

CommandResult UserNamespaceRunner::run(const QString& program, const QStringList& args, int timeoutMs,
                                       const QByteArray& input) const {
    CommandResult r;
    if (!m_error.isEmpty()) {
        r.err = m_error;
        return r;
    }
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    p.setChildProcessModifier([this] {
        if (!join()) {
            const char msg[] = "cannot join the test user namespace\n";
            (void)!::write(2, msg, sizeof msg - 1);
            ::_exit(125);
        }
    });
    p.start();
    if (!p.waitForStarted(timeoutMs)) {
        r.err = p.errorString();
        return r;
    }
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

CommandResult UserNamespaceRunner::runBerth(const std::filesystem::path& root, const QStringList& args,
                                            int timeoutMs, const QByteArray& input) const {
    QStringList all{QStringLiteral("--root"), QString::fromStdString(root.string())};
    all += args;
    return run(berthBinary(), all, timeoutMs, input);
}

int UserNamespaceRunner::runInside(const std::function<int()>& fn) const {
    if (!m_error.isEmpty()) return -1;
    pid_t pid = ::fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        if (!join()) ::_exit(126);
        ::_exit(fn() & 0xff);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) != 126 ? WEXITSTATUS(status) : -1;
}

} // namespace berth::test
