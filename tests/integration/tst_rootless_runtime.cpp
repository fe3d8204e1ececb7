// Rootless runtime (BERTH_TEST_PRIVILEGED: the test makes the user namespace as root): the CLI runs
// as root of a user namespace mapping 0 → 4000000 and 1..65536 → 4000001.., as rootless Berth
// does. Images load with layers owned by mapped host ids, whiteouts and opaque directories take
// their user.overlay.* form, containers run on overlay with the host's devices bound in, and exec,
// cp, diff and rm work there; a hostile layer stays contained.
#include "layer/layer_applier.h"
#include "support/byte_source.h"
#include "tar_builder.h"
#include "test_env.h"
#include "userns_runner.h"

#include <QtTest>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

constexpr uid_t kHostUid = 4000000;

bool kernelAtLeast(int major, int minor) {
    utsname u{};
    if (::uname(&u) != 0) return false;
    int ma = 0, mi = 0;
    std::sscanf(u.release, "%d.%d", &ma, &mi);
    return ma > major || (ma == major && mi >= minor);
}

bool hasXattr(const fs::path& p, const char* name) {
    return ::lgetxattr(p.c_str(), name, nullptr, 0) >= 0;
}

// Chowns a tree to the namespace's root, as an unprivileged user's own files would be.
void chownTree(const fs::path& dir, uid_t uid) {
    (void)::lchown(dir.c_str(), uid, uid);
    for (const auto& e : fs::recursive_directory_iterator(dir))
        (void)::lchown(e.path().c_str(), uid, uid);
}

} // namespace

class TestRootlessRuntime : public QObject {
    Q_OBJECT

    std::unique_ptr<UserNamespaceRunner> m_ns;
    std::unique_ptr<TempDir> m_root;
    fs::path root() const { return m_root->path(); }
    CommandResult berth(const QStringList& args, const QByteArray& input = {}) {
        return m_ns->runBerth(root(), args, 60000, input);
    }

    // Applies a tar inside the namespace into a fresh directory owned by the namespace's root.
    int applyInside(const std::string& tar, const fs::path& dest) {
        fs::create_directories(dest);
        for (fs::path p = dest; p != "/tmp" && !p.empty(); p = p.parent_path())
            (void)::lchown(p.c_str(), kHostUid, kHostUid);
        return m_ns->runInside([&] {
            auto src = memorySource(tar);
            auto applied = layer::applyLayer(*src, dest);
            if (!applied) writeText(errorFile(dest), applied.error().message);
            return applied ? 0 : 1;
        });
    }
    static fs::path errorFile(const fs::path& dest) { return dest.parent_path() / "apply-error"; }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: the test creates the user namespace and writes its id maps");
        if (!kernelAtLeast(5, 11)) QSKIP("needs Linux 5.11: overlay's userxattr option");
        m_ns = std::make_unique<UserNamespaceRunner>(kHostUid);
        QVERIFY2(m_ns->error().isEmpty(), qPrintable(m_ns->error()));
        m_root = std::make_unique<TempDir>();
        chownTree(root(), kHostUid);
        auto r = berth({QStringLiteral("load"), QStringLiteral("-i"),
                        QString::fromStdString((demoDir() / "berth-demo-hello.tar").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    void cleanupTestCase() {
        if (!m_ns || !m_root) return;
        berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("rlbox")});
        // The CLI's runtime directory when XDG_RUNTIME_DIR is unset (rootless_paths).
        std::error_code ec;
        const fs::path runtimeDir = "/tmp/berth-run-" + std::to_string(kHostUid);
        struct stat st {};
        if (::lstat(runtimeDir.c_str(), &st) == 0 && st.st_uid == kHostUid) fs::remove_all(runtimeDir, ec);
    }

    void layerFilesAreOwnedByMappedIds() {
        int files = 0;
        for (const auto& e : fs::recursive_directory_iterator(root())) {
            struct stat st {};
            if (::lstat(e.path().c_str(), &st) != 0) continue;
            ++files;
            QVERIFY2(st.st_uid >= kHostUid && st.st_uid <= kHostUid + 65536, e.path().c_str());
            QVERIFY2(st.st_gid >= kHostUid && st.st_gid <= kHostUid + 65536, e.path().c_str());
        }
        QVERIFY(files > 10);
    }

    void whiteoutsAndOpaqueDirsUseUserXattrs() {
        TempDir dir;
        const fs::path dest = dir / "fs";
        TarBuilder b;
        b.dir("etc").file("etc/.wh.gone", "").dir("opq").file("opq/.wh..wh..opq", "").file("opq/kept", "x");
        TarEntry owned;
        owned.path = "owned";
        owned.content = "y";
        owned.uid = 1000;
        owned.gid = 1000;
        b.add(owned);
        QCOMPARE(applyInside(b.build(), dest), 0);
        struct stat st {};
        QVERIFY(::lstat((dest / "etc/gone").c_str(), &st) == 0);
        QVERIFY(S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0));
        QVERIFY(hasXattr(dest / "opq", "user.overlay.opaque"));
        QVERIFY(!hasXattr(dest / "opq", "trusted.overlay.opaque"));
        QVERIFY(::lstat((dest / "owned").c_str(), &st) == 0);
        QCOMPARE(st.st_uid, kHostUid + 1000);
        QCOMPARE(st.st_gid, kHostUid + 1000);
    }

    void unmappedOwnerIsAClearError() {
        TempDir dir;
        TarEntry e;
        e.path = "far";
        e.uid = 200000; // beyond the 65536 subordinate ids
        TarBuilder b;
        b.add(e);
        QCOMPARE(applyInside(b.build(), dir / "fs"), 1);
        const QString message = QString::fromStdString(readText(errorFile(dir / "fs")));
        QVERIFY2(message.contains(QStringLiteral("entry \"far\"")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("uid 200000")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("potentially insufficient UIDs or GIDs")),
                 qPrintable(message));
    }

    void devicesInALayerAreSkipped() {
        TempDir dir;
        TarEntry e;
        e.type = TarEntry::Type::CharDevice;
        e.path = "null";
        e.devMajor = 1;
        e.devMinor = 3;
        TarBuilder b;
        b.file("ok", "z").add(e);
        QCOMPARE(applyInside(b.build(), dir / "fs"), 0);
        QVERIFY(fs::exists(dir / "fs/ok"));
        QVERIFY(!fs::exists(fs::symlink_status(dir / "fs/null")));
    }

    void climbingPathIsRefused() {
        TempDir dir;
        TarBuilder b;
        b.file("../escaped", "no");
        QCOMPARE(applyInside(b.build(), dir / "layer/fs"), 1);
        QVERIFY(!fs::exists(dir / "layer/escaped"));
        QVERIFY(!fs::exists(dir / "escaped"));
    }

    void symlinkEscapeStaysInside() {
        TempDir dir;
        const fs::path outside = dir / "outside";
        fs::create_directories(outside);
        chownTree(dir.path(), kHostUid); // writable from the namespace: only containment stops it
        TarBuilder b;
        b.symlink("link", outside.string()).file("link/pwned", "no");
        b.symlink("up", "../../..").file("up/climbed", "no");
        QCOMPARE(applyInside(b.build(), dir / "layer/fs"), 0);
        QVERIFY(fs::is_symlink(dir / "layer/fs/link"));
        QVERIFY(fs::is_empty(outside));
        QVERIFY(!fs::exists(dir / "climbed"));
        QVERIFY(fs::exists(dir / "layer/fs/climbed")); // "up" resolved at the layer root
    }

    void overlayIsUsed() {
        auto r = berth({QStringLiteral("info")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Storage Driver: overlay")), qPrintable(r.out));
        // The probe's answer, remembered for this (rootless) store.
        QCOMPARE(QString::fromStdString(readText(root() / "snapshotter")), QStringLiteral("overlay"));
    }

    // Where overlay cannot be mounted in the namespace the copy snapshotter takes over; a store
    // whose probe said "copy" runs containers the same way (diff needs overlay, rootful too).
    void copySnapshotterFallback() {
        TempDir store;
        writeText(store / "snapshotter", "copy");
        chownTree(store.path(), kHostUid);
        auto r = m_ns->runBerth(store.path(),
                                {QStringLiteral("load"), QStringLiteral("-i"),
                                 QString::fromStdString((demoDir() / "berth-demo-hello.tar").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = m_ns->runBerth(store.path(), {QStringLiteral("info")});
        QVERIFY2(r.out.contains(QStringLiteral("Storage Driver: copy")), qPrintable(r.out));
        r = m_ns->runBerth(store.path(),
                           {QStringLiteral("run"), QStringLiteral("--name"), QStringLiteral("copybox"),
                            QStringLiteral("--network"), QStringLiteral("none"),
                            QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"),
                            QStringLiteral("id -u; echo c > /c.txt")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.out.trimmed(), QStringLiteral("0"));
        r = m_ns->runBerth(store.path(), {QStringLiteral("cp"), QStringLiteral("copybox:/c.txt"),
                                          QString::fromStdString((store / "c.txt").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QString::fromStdString(readText(store / "c.txt")), QStringLiteral("c\n"));
        r = m_ns->runBerth(store.path(), {QStringLiteral("rm"), QStringLiteral("copybox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void runSeesTheNamespace() {
        auto r = berth(
            {QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"),
             QStringLiteral("none"), QStringLiteral("berth-demo/hello"), QStringLiteral("sh"),
             QStringLiteral("-c"),
             QStringLiteral("id -u; ls /dev; cat /proc/self/uid_map; echo x > /dev/null && echo nullok")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const QStringList lines = r.out.split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0), QStringLiteral("0"));
        for (const char* dev : {"null", "zero", "full", "random", "urandom", "tty", "pts", "shm", "mqueue"})
            QVERIFY2(lines.contains(QString::fromLatin1(dev)), qPrintable(r.out));
        QVERIFY2(r.out.simplified().contains(QStringLiteral("0 4000000 1 1 4000001 65536")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("nullok")), qPrintable(r.out));
    }

    // The uts namespace belongs to the user namespace: the hostname is set as rootful.
    void hostname() {
        auto r = berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"),
                        QStringLiteral("none"), QStringLiteral("--hostname"), QStringLiteral("rlhost"),
                        QStringLiteral("berth-demo/hello"), QStringLiteral("hostname")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.out.trimmed(), QStringLiteral("rlhost"));
    }

    // Docker's masked and read-only paths hold in the namespace too; /sys is a fresh read-only sysfs.
    void maskedPathsStayMasked() {
        auto r =
            berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"),
                   QStringLiteral("none"), QStringLiteral("berth-demo/hello"), QStringLiteral("sh"),
                   QStringLiteral("-c"),
                   QStringLiteral("cat /proc/timer_list /proc/interrupts | wc -c; ls /sys/firmware | wc -l; "
                                  "echo 1 > /proc/sys/kernel/domainname || echo procro; "
                                  "touch /sys/x || echo sysro; ls /sys/class/net")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const QStringList lines = r.out.split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0).trimmed(), QStringLiteral("0"));
        QCOMPARE(lines.value(1).trimmed(), QStringLiteral("0"));
        QVERIFY2(lines.contains(QStringLiteral("procro")), qPrintable(r.out));
        QVERIFY2(lines.contains(QStringLiteral("sysro")), qPrintable(r.out));
        QVERIFY2(lines.contains(QStringLiteral("lo")), qPrintable(r.out)); // the container's own netns
    }

    // Sharing the host's network namespace, sysfs cannot be mounted: the host's /sys, read-only.
    void hostNetworkBindsSys() {
        auto r =
            berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"),
                   QStringLiteral("host"), QStringLiteral("berth-demo/hello"), QStringLiteral("sh"),
                   QStringLiteral("-c"), QStringLiteral("ls /sys/class/net; touch /sys/x || echo sysro")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.contains(QStringLiteral("sysro")), qPrintable(r.out));
        for (const auto& e : fs::directory_iterator("/sys/class/net"))
            QVERIFY2(lines.contains(QString::fromStdString(e.path().filename().string())), qPrintable(r.out));
    }

    // -t: the terminal comes from the container's own devpts instance, with gid 5 mapped here.
    void terminalFromOwnDevpts() {
        auto r =
            berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("-t"),
                   QStringLiteral("--network"), QStringLiteral("none"), QStringLiteral("berth-demo/hello"),
                   QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("tty; stat -c %g $(tty)")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("/dev/pts/0")), qPrintable(r.out));
        QVERIFY2(r.out.split(QLatin1Char('\n')).value(1).trimmed() == QStringLiteral("5"), qPrintable(r.out));
    }

    void execCpDiffAndRm() {
        auto r = berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"),
                        QStringLiteral("none"), QStringLiteral("--name"), QStringLiteral("rlbox"),
                        QStringLiteral("berth-demo/hello"), QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("while true; do sleep 0.2; done")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = berth({QStringLiteral("exec"), QStringLiteral("rlbox"), QStringLiteral("sh"),
                   QStringLiteral("-c"),
                   QStringLiteral("echo made > /made.txt && rm /etc/hostname.image 2>/dev/null; id -u")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("0"));

        TempDir host;
        writeText(host / "in.txt", "from host");
        chownTree(host.path(), kHostUid);
        r = berth({QStringLiteral("cp"), QString::fromStdString((host / "in.txt").string()),
                   QStringLiteral("rlbox:/in.txt")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = berth({QStringLiteral("exec"), QStringLiteral("rlbox"), QStringLiteral("cat"),
                   QStringLiteral("/in.txt")});
        QCOMPARE(r.out, QStringLiteral("from host"));
        r = berth({QStringLiteral("cp"), QStringLiteral("rlbox:/made.txt"),
                   QString::fromStdString((host / "out.txt").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QString::fromStdString(readText(host / "out.txt")), QStringLiteral("made\n"));

        r = berth({QStringLiteral("diff"), QStringLiteral("rlbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("A /made.txt")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("A /in.txt")), qPrintable(r.out));

        r = berth({QStringLiteral("exec"), QStringLiteral("-t"), QStringLiteral("rlbox"), QStringLiteral("tty")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("/dev/pts/")), qPrintable(r.err + r.out));

        r = berth({QStringLiteral("stop"), QStringLiteral("-t"), QStringLiteral("1"), QStringLiteral("rlbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = berth({QStringLiteral("rm"), QStringLiteral("rlbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!readText("/proc/self/mountinfo").contains(root().string()));
        QVERIFY(!fs::exists(root() / "active") || fs::is_empty(root() / "active"));
    }
};

QTEST_GUILESS_MAIN(TestRootlessRuntime)
#include "tst_rootless_runtime.moc"
