// The security policy against the real kernel (BERTH_TEST_PRIVILEGED: applying capabilities needs
// root). Each check runs in a forked child, which applies the policy to itself and reports
// through a pipe, so the test process keeps its own privileges. Also the plain-data parts: the
// seccomp rule table and its libseccomp export, default paths and devices, --ulimit parsing.
#include "runtime/security/capabilities.h"
#include "runtime/security/default_paths.h"
#include "runtime/security/rlimits.h"
#include "runtime/security/seccomp_profile.h"
#include "support/file_util.h"
#include "test_env.h"

#include <QtTest>

#include <cerrno>
#include <fcntl.h>
#include <functional>
#include <grp.h>
#include <linux/sched.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

// Runs body in a forked child and returns what it wrote; the child always ends with _exit.
QString inChild(const std::function<std::string()>& body) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return QStringLiteral("error: pipe");
    pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        ::alarm(20); // a wedged child must not hang the suite
        std::string out = body();
        for (std::size_t done = 0; done < out.size();) {
            ssize_t n = ::write(fds[1], out.data() + done, out.size() - done);
            if (n <= 0) ::_exit(2);
            done += static_cast<std::size_t>(n);
        }
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        out += "\nerror: child status " + std::to_string(status);
    return QString::fromStdString(out);
}

// "Name: value" lines → map.
QMap<QString, QString> fields(const QString& text) {
    QMap<QString, QString> out;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon > 0) out.insert(line.left(colon), line.mid(colon + 1).trimmed());
    }
    return out;
}

std::string capLines() {
    auto status = readFile("/proc/self/status");
    if (!status) return "error: " + status.error().message;
    std::string out;
    for (const QString& line : QString::fromStdString(*status).split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1String("Cap"))) out += line.toStdString() + "\n";
    return out;
}

std::string applyAndReport(const std::vector<std::string>& caps) {
    auto r = runtime::applyCapabilities(caps);
    return r ? capLines() : "error: " + r.error().message;
}

QString hex16(std::uint64_t v) {
    return QStringLiteral("%1").arg(v, 16, 16, QLatin1Char('0'));
}

std::string probe(const char* name, long rc) {
    return std::string(name) + ": " + std::to_string(rc < 0 ? errno : 0) + "\n";
}

// A clone that must not start anything: a child that does get created leaves at once.
long cloneProbe(long rc) {
    if (rc == 0) ::_exit(0);
    if (rc > 0) ::waitpid(static_cast<pid_t>(rc), nullptr, 0);
    return rc > 0 ? 0 : rc;
}

// Tries the syscalls whose fate the default profile decides. Values are errnos, 0 = allowed.
std::string seccompProbes(const runtime::SeccompOptions& options) {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return "error: no_new_privs";
    if (auto r = runtime::loadDefaultSeccomp(options); !r) return "error: " + r.error().message;
    std::string out;
    out += probe("getpid", ::getpid());
    out += probe("unshare-user", ::unshare(CLONE_NEWUSER));
    out += probe("keyctl", ::syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3 /* session */, 0));
    out += probe("add_key", ::syscall(SYS_add_key, "user", "berth-test", "x", 1, -2 /* process keyring */));
    out += probe("mount", ::mount("none", "/nonexistent-berth-target", "tmpfs", 0, nullptr));
    out += probe("fork", cloneProbe(::fork()));
    out += probe("clone-newuts", cloneProbe(::syscall(SYS_clone, CLONE_NEWUTS | SIGCHLD, 0, 0, 0, 0)));
    clone_args args{};
    args.exit_signal = SIGCHLD;
    out += probe("clone3", cloneProbe(::syscall(SYS_clone3, &args, sizeof args)));
    out += probe("personality-query", ::personality(0xffffffff));
    out += probe("personality-bsd", ::syscall(SYS_personality, 0x0006 /* PER_BSD */));
    int unixSock = ::socket(AF_UNIX, SOCK_STREAM, 0);
    out += probe("socket-unix", unixSock);
    out += probe("socket-vsock", ::socket(40 /* AF_VSOCK */, SOCK_STREAM, 0));
    if (unixSock >= 0) ::close(unixSock);
    return out;
}

std::vector<std::string> names(std::initializer_list<const char*> l) {
    return {l.begin(), l.end()};
}

} // namespace

class TestRuntimeSecurity : public QObject {
    Q_OBJECT

private slots:
    void defaultCapabilitiesInChild() {
        if (!isRoot()) QSKIP("dropping the bounding set needs root (CAP_SETPCAP)");
        auto caps = fields(inChild([] { return applyAndReport(runtime::defaultCapabilities()); }));
        QVERIFY2(!caps.contains(QLatin1String("error")), qPrintable(caps.value(QLatin1String("error"))));
        const QString defaults = hex16(0xa80425fb);
        QCOMPARE(caps.value(QLatin1String("CapEff")), defaults);
        QCOMPARE(caps.value(QLatin1String("CapPrm")), defaults);
        QCOMPARE(caps.value(QLatin1String("CapBnd")), defaults);
        QCOMPARE(caps.value(QLatin1String("CapInh")), hex16(0));
        QCOMPARE(caps.value(QLatin1String("CapAmb")), hex16(0));
    }

    void dropAllAddOneInChild() {
        if (!isRoot()) QSKIP("dropping the bounding set needs root (CAP_SETPCAP)");
        auto resolved = runtime::resolveCapabilities(names({"NET_BIND_SERVICE"}), names({"ALL"}));
        QVERIFY(resolved);
        auto caps = fields(inChild([&] { return applyAndReport(*resolved); }));
        QVERIFY2(!caps.contains(QLatin1String("error")), qPrintable(caps.value(QLatin1String("error"))));
        const QString netBind = hex16(std::uint64_t{1} << 10);
        QCOMPARE(caps.value(QLatin1String("CapEff")), netBind);
        QCOMPARE(caps.value(QLatin1String("CapPrm")), netBind);
        QCOMPARE(caps.value(QLatin1String("CapBnd")), netBind);
        QCOMPARE(caps.value(QLatin1String("CapInh")), hex16(0));
        QCOMPARE(caps.value(QLatin1String("CapAmb")), hex16(0));
    }

    // The launcher may switch to the container user first (keeping capabilities) and apply them after.
    void afterSetuidWithKeepCaps() {
        if (!isRoot()) QSKIP("switching users needs root");
        auto caps = fields(inChild([] {
            if (::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0 || ::setgroups(0, nullptr) != 0 ||
                ::setgid(1000) != 0 || ::setuid(1000) != 0)
                return std::string("error: switching to uid 1000");
            return applyAndReport(names({"CAP_NET_BIND_SERVICE"}));
        }));
        QVERIFY2(!caps.contains(QLatin1String("error")), qPrintable(caps.value(QLatin1String("error"))));
        const QString netBind = hex16(std::uint64_t{1} << 10);
        QCOMPARE(caps.value(QLatin1String("CapEff")), netBind);
        QCOMPARE(caps.value(QLatin1String("CapPrm")), netBind);
        QCOMPARE(caps.value(QLatin1String("CapBnd")), netBind);
        QCOMPARE(caps.value(QLatin1String("CapInh")), hex16(0));
    }

    // machine-notes: root here lacks CAP_SYS_RESOURCE; asking for it must name it, not just EPERM.
    void capabilityThisProcessLacks() {
        if (!isRoot()) QSKIP("needs root");
        auto own = fields(QString::fromStdString(capLines()));
        bool ok = false;
        const std::uint64_t permitted = own.value(QLatin1String("CapPrm")).toULongLong(&ok, 16);
        QVERIFY(ok);
        if (permitted & (std::uint64_t{1} << 24)) QSKIP("this machine grants CAP_SYS_RESOURCE");
        auto out = inChild([] { return applyAndReport(names({"CAP_CHOWN", "CAP_SYS_RESOURCE"})); });
        QVERIFY2(
            out.contains(QLatin1String("error: applying capabilities: this process lacks CAP_SYS_RESOURCE")),
            qPrintable(out));
    }

    void seccompDefaultProfile() {
        runtime::SeccompOptions options{runtime::defaultCapabilities(), false};
        auto r = fields(inChild([&] { return seccompProbes(options); }));
        QVERIFY2(!r.contains(QLatin1String("error")), qPrintable(r.value(QLatin1String("error"))));
        const QString eperm = QString::number(EPERM), allowed = QStringLiteral("0");
        QCOMPARE(r.value(QLatin1String("getpid")), allowed);
        QCOMPARE(r.value(QLatin1String("fork")), allowed);
        QCOMPARE(r.value(QLatin1String("socket-unix")), allowed);
        QCOMPARE(r.value(QLatin1String("personality-query")), allowed);
        QCOMPARE(r.value(QLatin1String("unshare-user")), eperm);
        QCOMPARE(r.value(QLatin1String("keyctl")), eperm);
        QCOMPARE(r.value(QLatin1String("add_key")), eperm);
        QCOMPARE(r.value(QLatin1String("mount")), eperm);
        QCOMPARE(r.value(QLatin1String("clone-newuts")), eperm);
        QCOMPARE(r.value(QLatin1String("personality-bsd")), eperm);
        QCOMPARE(r.value(QLatin1String("socket-vsock")), eperm);
        QCOMPARE(r.value(QLatin1String("clone3")), QString::number(ENOSYS)); // so glibc falls back to clone
    }

    void seccompWithSysAdmin() {
        if (!isRoot()) QSKIP("the mount probe needs CAP_SYS_ADMIN to get past the kernel's own check");
        auto caps = runtime::defaultCapabilities();
        caps.push_back("CAP_SYS_ADMIN");
        runtime::SeccompOptions options{caps, false};
        auto r = fields(inChild([&] { return seccompProbes(options); }));
        QVERIFY2(!r.contains(QLatin1String("error")), qPrintable(r.value(QLatin1String("error"))));
        // Past seccomp, the kernel looks the target up and finds nothing.
        QCOMPARE(r.value(QLatin1String("mount")), QString::number(ENOENT));
        QCOMPARE(r.value(QLatin1String("clone3")), QStringLiteral("0"));
        QCOMPARE(r.value(QLatin1String("clone-newuts")), QStringLiteral("0"));
        QCOMPARE(r.value(QLatin1String("keyctl")), QString::number(EPERM)); // no capability unlocks it
    }

    void seccompUnconfined() {
        if (!isRoot()) QSKIP("the mount probe needs CAP_SYS_ADMIN");
        auto r = fields(inChild([] { return seccompProbes({{}, true}); }));
        QCOMPARE(r.value(QLatin1String("mount")), QString::number(ENOENT));
    }

    void seccompRuleTable_data() {
        const QString none; // an empty expectation
        QTest::addColumn<QString>("syscall");
        QTest::addColumn<bool>("sysAdmin");
        QTest::addColumn<QString>("decision"); // "default", "allow", "allow-if", "errno N"
        QTest::newRow("getpid") << "getpid" << false << "allow";
        QTest::newRow("ptrace (kernel >= 4.8)") << "ptrace" << false << "allow";
        QTest::newRow("chroot via CAP_SYS_CHROOT default") << "chroot" << false << "allow";
        QTest::newRow("keyctl") << "keyctl" << true << "default";
        QTest::newRow("io_uring_setup removed") << "io_uring_setup" << false << "default";
        QTest::newRow("mount") << "mount" << false << "default";
        QTest::newRow("mount with CAP_SYS_ADMIN") << "mount" << true << "allow";
        QTest::newRow("reboot without CAP_SYS_BOOT") << "reboot" << true << "default";
        QTest::newRow("clone filtered") << "clone" << false << "allow-if";
        QTest::newRow("clone with CAP_SYS_ADMIN") << "clone" << true << "allow";
        QTest::newRow("clone3 ENOSYS") << "clone3" << false << "errno 38";
        QTest::newRow("clone3 with CAP_SYS_ADMIN") << "clone3" << true << "allow";
        QTest::newRow("socket filtered") << "socket" << false << "allow-if";
        QTest::newRow("personality filtered") << "personality" << false << "allow-if";
        QTest::newRow("arch_prctl on x86") << "arch_prctl" << false
#if defined(__x86_64__)
                                           << "allow";
#else
                                           << "default";
#endif
    }

    void seccompRuleTable() {
        QFETCH(QString, syscall);
        QFETCH(bool, sysAdmin);
        QFETCH(QString, decision);
        runtime::SeccompOptions options{runtime::defaultCapabilities(), false};
        if (sysAdmin) options.capabilities.push_back("sys_admin"); // any spelling counts
        auto rules = runtime::seccompRulesFor(syscall.toStdString(), options);
        QString got = QStringLiteral("default");
        if (!rules.empty() && rules[0].action == runtime::SeccompAction::Errno)
            got = QStringLiteral("errno %1").arg(rules[0].errnoValue);
        else if (!rules.empty())
            got = rules[0].args.empty() ? QStringLiteral("allow") : QStringLiteral("allow-if");
        QCOMPARE(got, decision);
        if (syscall == QLatin1String("personality")) QCOMPARE(rules.size(), std::size_t{5});
    }

    void seccompExport() {
        auto pfc = runtime::exportSeccompPfc({runtime::defaultCapabilities(), false});
        QVERIFY2(pfc, pfc ? "" : pfc.error().message.c_str());
        const QString text = QString::fromStdString(*pfc);
        QVERIFY(text.contains(QLatin1String("\"getpid\"")));
        QVERIFY(text.contains(QLatin1String("\"clone3\"")));
        QVERIFY(!text.contains(QLatin1String("\"keyctl\"")));
        QVERIFY(!text.contains(QLatin1String("\"mount\"")));
        QVERIFY(runtime::defaultSeccompRules({{}, true}).empty());
    }

    void rlimitClampInChild() {
        rlimit own{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &own), 0);
        if (own.rlim_max == RLIM_INFINITY) QSKIP("no hard limit on open files to clamp at");
        auto out = fields(inChild([] {
            auto warnings = runtime::applyRlimits({{RLIMIT_NOFILE, 1048576, 1048576}});
            if (!warnings) return "error: " + warnings.error().message;
            rlimit now{};
            ::getrlimit(RLIMIT_NOFILE, &now);
            std::string report =
                "soft: " + std::to_string(now.rlim_cur) + "\nhard: " + std::to_string(now.rlim_max) + "\n";
            for (const std::string& w : *warnings)
                report += "warning: " + w + "\n";
            return report;
        }));
        QVERIFY2(!out.contains(QLatin1String("error")), qPrintable(out.value(QLatin1String("error"))));
        QCOMPARE(out.value(QLatin1String("hard")), QString::number(own.rlim_max));
        QCOMPARE(out.value(QLatin1String("soft")), QString::number(own.rlim_max));
        QCOMPARE(
            out.value(QLatin1String("warning")),
            QStringLiteral("ulimit nofile: requested hard limit 1048576 is above this process's hard limit "
                           "%1; using %1")
                .arg(own.rlim_max));
    }

    void rlimitClampPure() {
        auto lowered = runtime::clampRlimit({RLIMIT_NOFILE, 1048576, 1048576}, 20000);
        QVERIFY(lowered.lowered);
        QCOMPARE(lowered.limit.hard, rlim_t{20000});
        QCOMPARE(lowered.limit.soft, rlim_t{20000});
        auto kept = runtime::clampRlimit({RLIMIT_NOFILE, 1024, 4096}, 20000);
        QVERIFY(!kept.lowered);
        QVERIFY(kept.warning.empty());
        QCOMPARE(kept.limit.soft, rlim_t{1024});
        QCOMPARE(kept.limit.hard, rlim_t{4096});
        auto unlimited = runtime::clampRlimit({RLIMIT_CORE, RLIM_INFINITY, RLIM_INFINITY}, 0);
        QVERIFY(unlimited.lowered);
        QCOMPARE(unlimited.limit.hard, rlim_t{0});
        QVERIFY(runtime::defaultRlimits().empty()); // Docker sets none
    }

    void parseUlimit_data() {
        const QString none; // an empty expectation
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("resource"); // -1: must fail
        QTest::addColumn<qulonglong>("soft");
        QTest::addColumn<qulonglong>("hard");
        QTest::newRow("soft:hard") << "nofile=1024:2048" << int(RLIMIT_NOFILE) << 1024ull << 2048ull;
        QTest::newRow("one value") << "nproc=32768" << int(RLIMIT_NPROC) << 32768ull << 32768ull;
        QTest::newRow("unlimited") << "CORE=-1" << int(RLIMIT_CORE) << qulonglong(RLIM_INFINITY)
                                   << qulonglong(RLIM_INFINITY);
        QTest::newRow("soft above hard") << "nofile=4096:1024" << -1 << 0ull << 0ull;
        QTest::newRow("unknown type") << "files=10" << -1 << 0ull << 0ull;
        QTest::newRow("no value") << "nofile" << -1 << 0ull << 0ull;
        QTest::newRow("garbage value") << "nofile=ten" << -1 << 0ull << 0ull;
    }

    void parseUlimit() {
        QFETCH(QString, text);
        QFETCH(int, resource);
        QFETCH(qulonglong, soft);
        QFETCH(qulonglong, hard);
        auto r = runtime::parseUlimit(text.toStdString());
        if (resource < 0) {
            QVERIFY(!r);
            return;
        }
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        QCOMPARE(r->resource, resource);
        QCOMPARE(qulonglong(r->soft), soft);
        QCOMPARE(qulonglong(r->hard), hard);
    }

    void defaultPaths() {
        const auto& masked = runtime::defaultMaskedPaths();
        for (const char* p : {"/proc/kcore", "/proc/keys", "/proc/interrupts", "/sys/firmware",
                              "/sys/devices/virtual/powercap"})
            QVERIFY2(std::find(masked.begin(), masked.end(), p) != masked.end(), p);
        QCOMPARE(masked.size(), std::size_t{12});
        QCOMPARE(runtime::defaultReadonlyPaths().size(), std::size_t{5});

        TempDir sys; // a fixture sysfs: thermal_throttle under cpu0, cpu2 and cpu10 only
        for (const char* d : {"cpu0/thermal_throttle", "cpu2/thermal_throttle", "cpu10/thermal_throttle",
                              "cpu1", "cpufreq/thermal_throttle"})
            fs::create_directories(sys.path() / "devices/system/cpu" / d);
        auto all = runtime::maskedPathsFor(sys.path());
        QCOMPARE(all.size(), masked.size() + 3);
        QCOMPARE(QString::fromStdString(all[12]),
                 QStringLiteral("/sys/devices/system/cpu/cpu0/thermal_throttle"));
        QCOMPARE(QString::fromStdString(all[13]),
                 QStringLiteral("/sys/devices/system/cpu/cpu2/thermal_throttle"));
        QCOMPARE(QString::fromStdString(all[14]),
                 QStringLiteral("/sys/devices/system/cpu/cpu10/thermal_throttle"));
        QCOMPARE(runtime::maskedPathsFor(sys.path() / "missing").size(), masked.size());
    }

    void defaultDevices() {
        QStringList got;
        for (const auto& d : runtime::defaultDevices())
            got << QStringLiteral("%1 %2:%3").arg(QString::fromStdString(d.path)).arg(d.major).arg(d.minor);
        QCOMPARE(got, (QStringList{"/dev/null 1:3", "/dev/zero 1:5", "/dev/full 1:7", "/dev/random 1:8",
                                   "/dev/urandom 1:9", "/dev/tty 5:0"}));
        QStringList links;
        for (const auto& l : runtime::defaultDevSymlinks())
            links << QString::fromStdString(l.path + "->" + l.target);
        QCOMPARE(links, (QStringList{"/dev/fd->/proc/self/fd", "/dev/stdin->/proc/self/fd/0",
                                     "/dev/stdout->/proc/self/fd/1", "/dev/stderr->/proc/self/fd/2",
                                     "/dev/ptmx->pts/ptmx"}));
    }
};

QTEST_GUILESS_MAIN(TestRuntimeSecurity)
#include "tst_runtime_security.moc"
