// Terminals through the CLI on real containers (BERTH_TEST_PRIVILEGED: namespaces, cgroups), driven
// from a pty as a user's shell would: Docker's detach keys (ctrl-p,ctrl-q or --detach-keys) leave
// `run -it` and `attach` with exit code 0 and the container running, a lone ctrl-p reaches the
// container; `exec -d -t` gives the process a terminal that stays open after the CLI is gone.
#include "test_env.h"

#include <QtTest>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace berth::test;
namespace fs = std::filesystem;

namespace {

// The berth CLI with a pty as its controlling terminal and stdin/stdout/stderr.
class PtyProcess {
public:
    ~PtyProcess() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        if (m_master >= 0) ::close(m_master);
    }
    bool start(const QStringList& args) {
        std::vector<std::string> storage{berthBinary().toStdString()};
        for (const auto& a : args)
            storage.push_back(a.toStdString());
        std::vector<char*> argv;
        for (auto& s : storage)
            argv.push_back(s.data());
        argv.push_back(nullptr);
        int slave = -1;
        winsize ws{24, 80, 0, 0};
        if (::openpty(&m_master, &slave, nullptr, nullptr, &ws) != 0) return false;
        m_pid = ::fork();
        if (m_pid == 0) {
            ::setsid();
            ::ioctl(slave, TIOCSCTTY, 0);
            for (int fd = 0; fd < 3; ++fd)
                ::dup2(slave, fd);
            ::close(slave);
            ::close(m_master);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(slave);
        return m_pid > 0;
    }
    void send(const std::string& bytes) {
        QCOMPARE(::write(m_master, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }
    // Reads until text has appeared in the output (true) or timeoutMs passed.
    bool waitFor(const std::string& text, int timeoutMs = 15000) {
        auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (m_out.find(text) == std::string::npos)
            if (std::chrono::steady_clock::now() > until || readSome(100) < 0)
                return m_out.find(text) != std::string::npos;
        return true;
    }
    // Reads whatever comes within ms (the output so far grows).
    void settle(int ms) {
        auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < until && readSome(50) >= 0) {
        }
    }
    // The exit code once the process ended within timeoutMs, else -1.
    int wait(int timeoutMs = 15000) {
        for (int i = 0; i < timeoutMs / 20; ++i) {
            int status = 0;
            readSome(0);
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_pid = -1;
                while (readSome(50) > 0) {
                }
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }
    const std::string& output() const { return m_out; }

private:
    // 1: read something; 0: nothing within ms; -1: the pty is closed (EOF, EIO).
    int readSome(int ms) {
        pollfd p{m_master, POLLIN, 0};
        if (::poll(&p, 1, ms) <= 0) return 0;
        char buf[4096];
        ssize_t n = ::read(m_master, buf, sizeof buf);
        if (n <= 0) return -1;
        m_out.append(buf, static_cast<std::size_t>(n));
        return 1;
    }

    pid_t m_pid = -1;
    int m_master = -1;
    std::string m_out;
};

} // namespace

class TestContainerTtyDetach : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    fs::path root() const { return m_root->path(); }
    CommandResult berth(const QStringList& args) { return runBerth(root(), args, 60000); }
    QStringList withRoot(const QStringList& args) const {
        return QStringList{QStringLiteral("--root"), QString::fromStdString(root().string())} + args;
    }
    QString status(const QString& name) {
        return berth({"inspect", "-f", "{{.State.Status}}", name}).out.trimmed();
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: containers with namespaces and cgroups");
        m_root = std::make_unique<TempDir>();
        auto r = berth({"load", "-i", QString::fromStdString((demoDir() / "berth-demo-hello.tar").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    void cleanup() {
        auto list = berth({"ps", "-aq"});
        for (auto& id : list.out.split('\n', Qt::SkipEmptyParts))
            berth({"rm", "-f", id});
    }

    void runItDetachesOnCtrlPCtrlQ() {
        PtyProcess p;
        QVERIFY(p.start(withRoot({"run", "-it", "--name", "pq", "berth-demo/hello", "cat"})));
        p.settle(1000); // the CLI's terminal in raw mode first
        p.send("typed-before\r");
        QVERIFY2(p.waitFor("typed-before\r\ntyped-before"), p.output().c_str()); // the echo, then cat's copy
        p.settle(300);
        const std::size_t before = p.output().size();
        p.send("\x10\x11");
        QCOMPARE(p.wait(), 0);
        QCOMPARE(p.output().substr(before), std::string()); // nothing extra is printed
        QCOMPARE(status("pq"), QStringLiteral("running"));

        // Attached again: a lone ctrl-p followed by another key reaches the container; the
        // default keys detach again.
        PtyProcess a;
        QVERIFY(a.start(withRoot({"attach", "pq"})));
        a.settle(1000);
        a.send("\x10"
               "after\r");
        QVERIFY2(a.waitFor("^Pafter") || a.waitFor("\x10"
                                                   "after"),
                 a.output().c_str());
        a.send("\x10\x11");
        QCOMPARE(a.wait(), 0);
        QCOMPARE(status("pq"), QStringLiteral("running"));
    }

    void detachKeysOverride() {
        auto r = berth({"run", "-dit", "--name", "keys", "berth-demo/hello", "cat"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        PtyProcess a;
        QVERIFY(a.start(withRoot({"attach", "--detach-keys", "ctrl-x,e", "keys"})));
        a.settle(1000);
        a.send("\x10\x11"
               "one\r"); // the default keys no longer detach: they reach cat
        QVERIFY2(a.waitFor("one"), a.output().c_str());
        QCOMPARE(a.wait(300), -1);
        a.send("\x18"
               "e");
        QCOMPARE(a.wait(), 0);
        QCOMPARE(status("keys"), QStringLiteral("running"));

        r = berth({"attach", "--detach-keys", "ctrl-xx", "keys"});
        QCOMPARE(r.exitCode, 125);
        QVERIFY2(r.err.contains("invalid detach keys"), qPrintable(r.err));
    }

    void startAttachInteractiveDetaches() {
        auto r = berth({"create", "-it", "--name", "sai", "berth-demo/hello", "cat"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        PtyProcess p;
        QVERIFY(p.start(withRoot({"start", "-ai", "sai"})));
        p.settle(1000);
        p.send("hi\r");
        QVERIFY2(p.waitFor("hi\r\nhi"), p.output().c_str());
        p.send("\x10\x11");
        QCOMPARE(p.wait(), 0);
        QCOMPARE(status("sai"), QStringLiteral("running"));
    }

    // The terminal of a detached exec outlives the CLI: the process still writes after a second.
    void execDetachedWithTty() {
        auto r = berth(
            {"run", "-d", "--name", "ex", "berth-demo/hello", "sh", "-c", "while true; do sleep 0.2; done"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = berth(
            {"exec", "-d", "-t", "ex", "sh", "-c", "tty > /tmp/t; sleep 1; echo still-here > /tmp/later"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QString());
        QString later;
        for (int i = 0; i < 50 && later.isEmpty(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            later = berth({"exec", "ex", "cat", "/tmp/later"}).out;
        }
        QCOMPARE(later, QStringLiteral("still-here\n"));
        QVERIFY2(berth({"exec", "ex", "cat", "/tmp/t"}).out.startsWith("/dev/pts/"),
                 "the detached process has a terminal");
    }
};

QTEST_GUILESS_MAIN(TestContainerTtyDetach)
#include "tst_container_tty_detach.moc"
