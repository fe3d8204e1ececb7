#include "test_user.h"

#include <QByteArray>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sched.h>
#include <sstream>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace berth::test {

namespace fs = std::filesystem;

namespace {

std::string randomSuffix() {
    std::string out;
    std::ifstream rnd("/dev/urandom", std::ios::binary);
    for (int i = 0; i < 3; ++i) {
        unsigned char c = static_cast<unsigned char>(rnd.get());
        const char* hex = "0123456789abcdef";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

// The ids one /proc/<pid>/status line lists ("Uid:\treal\teffective\tsaved\tfs").
std::vector<uid_t> statusIds(const fs::path& status, const std::string& key) {
    std::ifstream f(status);
    std::string line;
    std::vector<uid_t> ids;
    while (std::getline(f, line)) {
        if (line.rfind(key, 0) != 0) continue;
        std::istringstream ls(line.substr(key.size()));
        for (unsigned long v; ls >> v;)
            ids.push_back(static_cast<uid_t>(v));
    }
    return ids;
}

// Removes the lines of name from an /etc/subuid-like file (usermod --del-subuids needs the exact
// range; this catches whatever is left).
void dropLines(const fs::path& file, const std::string& name) {
    std::string text = readText(file), kept, line;
    std::istringstream in(text);
    bool changed = false;
    while (std::getline(in, line)) {
        if (line.rfind(name + ":", 0) == 0) {
            changed = true;
            continue;
        }
        kept += line + "\n";
    }
    if (changed) writeText(file, kept);
}

} // namespace

TestUser::TestUser(bool withSubordinateIds) {
    char tmpl[] = "/tmp/berth-user-XXXXXX";
    if (!::mkdtemp(tmpl)) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return;
    }
    m_base = tmpl;
    // The user must reach its home through the base directory.
    ::chmod(m_base.c_str(), 0755);
    m_name = "berthtst" + randomSuffix();
    m_home = m_base / "home";
    m_runtimeDir = m_base / "run";
    // -K SUB_*_COUNT=0: no automatic ranges, the test decides.
    auto made =
        test::run(QStringLiteral("useradd"),
                  {QStringLiteral("-M"), QStringLiteral("-U"), QStringLiteral("-K"),
                   QStringLiteral("SUB_UID_COUNT=0"), QStringLiteral("-K"), QStringLiteral("SUB_GID_COUNT=0"),
                   QStringLiteral("-d"), QString::fromStdString(m_home.string()), QStringLiteral("-s"),
                   QStringLiteral("/bin/sh"), QString::fromStdString(m_name)});
    if (made.exitCode != 0) {
        m_error = QStringLiteral("useradd: ") + made.err.trimmed();
        return;
    }
    m_created = true;
    const passwd* pw = ::getpwnam(m_name.c_str());
    if (!pw) {
        m_error = QStringLiteral("useradd made no passwd entry");
        return;
    }
    m_uid = pw->pw_uid;
    m_gid = pw->pw_gid;
    for (auto& dir : {m_home, m_runtimeDir}) {
        fs::create_directories(dir);
        ::chmod(dir.c_str(), 0700);
        if (::chown(dir.c_str(), m_uid, m_gid) != 0)
            m_error = QStringLiteral("chown of the user's directories failed");
    }
    if (!withSubordinateIds) return;
    // Tests run side by side (ctest -j): the free block is chosen and taken under one lock, or two
    // users could share ids (and one's cleanup kill the other's processes).
    const int lock = ::open("/run/lock/berth-test-subids.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock >= 0) ::flock(lock, LOCK_EX);
    m_subStart = freeSubordinateStart();
    QString range = QStringLiteral("%1-%2").arg(m_subStart).arg(m_subStart + SubordinateCount - 1);
    auto mod = test::run(QStringLiteral("usermod"),
                         {QStringLiteral("--add-subuids"), range, QStringLiteral("--add-subgids"), range,
                          QString::fromStdString(m_name)});
    if (lock >= 0) ::close(lock);
    if (mod.exitCode != 0) m_error = QStringLiteral("usermod: ") + mod.err.trimmed();
}

TestUser::~TestUser() {
    if (m_created) {
        killProcesses();
        if (m_subStart) {
            QString range = QStringLiteral("%1-%2").arg(m_subStart).arg(m_subStart + SubordinateCount - 1);
            test::run(QStringLiteral("usermod"),
                      {QStringLiteral("--del-subuids"), range, QStringLiteral("--del-subgids"), range,
                       QString::fromStdString(m_name)});
        }
        test::run(QStringLiteral("userdel"), {QString::fromStdString(m_name)});
        // Berth's runtime directory when XDG_RUNTIME_DIR is unset.
        const fs::path fallback = "/tmp/berth-run-" + std::to_string(m_uid);
        struct stat st {};
        std::error_code ec;
        if (m_uid && ::lstat(fallback.c_str(), &st) == 0 && st.st_uid == m_uid) fs::remove_all(fallback, ec);
        dropLines("/etc/subuid", m_name);
        dropLines("/etc/subgid", m_name);
    }
    if (!m_base.empty()) {
        std::error_code ec;
        fs::remove_all(m_base, ec);
    }
}

std::uint32_t TestUser::freeSubordinateStart() const {
    std::uint64_t end = 100000;
    for (const char* file : {"/etc/subuid", "/etc/subgid"}) {
        std::istringstream in(readText(file));
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            auto c1 = line.find(':'), c2 = line.find(':', c1 + 1);
            if (c1 == std::string::npos || c2 == std::string::npos) continue;
            std::uint64_t start = std::strtoull(line.substr(c1 + 1, c2 - c1 - 1).c_str(), nullptr, 10);
            std::uint64_t count = std::strtoull(line.substr(c2 + 1).c_str(), nullptr, 10);
            end = std::max(end, start + count);
        }
    }
    // A block of its own well past everyone's, so that a test never shares ids with a real user.
    return static_cast<std::uint32_t>(end + SubordinateCount);
}

bool TestUser::owns(uid_t uid) const {
    return uid == m_uid || (m_subStart && uid >= m_subStart && uid - m_subStart < SubordinateCount);
}

std::vector<pid_t> TestUser::processes() const {
    std::vector<pid_t> out;
    if (!m_uid) return out;
    std::error_code ec;
    for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
        auto ids = statusIds(it->path() / "status", "Uid:");
        if (std::any_of(ids.begin(), ids.end(), [this](uid_t u) { return owns(u); }))
            out.push_back(static_cast<pid_t>(std::stol(name)));
    }
    return out;
}

void TestUser::killProcesses() const {
    for (int round = 0; round < 100; ++round) {
        auto pids = processes();
        if (pids.empty()) return;
        for (pid_t p : pids)
            ::kill(p, SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

CommandResult TestUser::run(const std::string& program, const QStringList& args, int timeoutMs,
                            const QStringList& extraEnv) const {
    CommandResult r;
    // Everything the child needs is built before fork: it only makes system calls afterwards.
    std::vector<std::string> argvStore{program},
        envStore{"HOME=" + m_home.string(), "USER=" + m_name, "LOGNAME=" + m_name,
                 "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
                 "XDG_RUNTIME_DIR=" + m_runtimeDir.string()};
    for (const QString& a : args)
        argvStore.push_back(a.toStdString());
    for (const QString& e : extraEnv) {
        // A later entry would be shadowed by the first: extraEnv replaces the defaults.
        const std::string entry = e.toStdString(), key = entry.substr(0, entry.find('=') + 1);
        std::erase_if(envStore, [&key](const std::string& have) { return have.rfind(key, 0) == 0; });
        envStore.push_back(entry);
    }
    std::vector<char*> argv, envp;
    for (auto& a : argvStore)
        argv.push_back(a.data());
    for (auto& e : envStore)
        envp.push_back(e.data());
    argv.push_back(nullptr);
    envp.push_back(nullptr);
    const std::string home = m_home.string();
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) return r;
    const uid_t uid = m_uid;
    const gid_t gid = m_gid;
    const std::string tun = m_tunDevice.string();
    pid_t pid = ::fork();
    if (pid == 0) {
        int null = ::open("/dev/null", O_RDONLY);
        ::dup2(null, 0);
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        if (!tun.empty() &&
            (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) != 0 ||
             ::mount(tun.c_str(), "/dev/net/tun", nullptr, MS_BIND, nullptr) != 0))
            ::_exit(126);
        if (::setgroups(1, &gid) != 0 || ::setresgid(gid, gid, gid) != 0 || ::setresuid(uid, uid, uid) != 0)
            ::_exit(126);
        if (::chdir(home.c_str()) != 0) ::_exit(126);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    if (pid < 0) {
        ::close(out[0]);
        ::close(err[0]);
        return r;
    }
    // Both pipes until end-of-file: a process the command leaves behind must not hold them (the
    // pause process closes every descriptor), or this reads until the timeout.
    QByteArray outBytes, errBytes;
    pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    int open = 2;
    bool timedOut = false;
    while (open > 0) {
        int left = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                .count());
        if (left <= 0) {
            timedOut = true;
            break;
        }
        if (::poll(fds, 2, left) < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[4096];
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0)
                (i == 0 ? outBytes : errBytes).append(buf, static_cast<int>(n));
            else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (auto& f : fds)
        if (f.fd >= 0) ::close(f.fd);
    if (timedOut) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.out = QString::fromUtf8(outBytes);
    r.err = QString::fromUtf8(errBytes);
    if (timedOut)
        r.err += QStringLiteral("\ntimed out: ") + QString::fromStdString(program);
    else
        r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

CommandResult TestUser::berth(const QStringList& args, int timeoutMs, const QStringList& extraEnv) const {
    return run(berthBinary().toStdString(), args, timeoutMs, extraEnv);
}

} // namespace berth::test
