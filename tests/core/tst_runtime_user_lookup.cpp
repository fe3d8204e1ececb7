// resolveUser / resolveUserInRootfs: the User string against the container's own /etc files.
// The CVE-2023-25173 rows are the `id` outputs containerd's fix expects on busybox (engine-
// reference §3.1); the rootfs rows check that hostile files (symlinks out of the rootfs, FIFOs,
// directories) never reach the host's accounts or hang the lookup.
#include "runtime/user_lookup.h"
#include "test_env.h"

#include <QtTest>

#include <filesystem>
#include <sys/stat.h>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

// busybox's layout: root is listed in wheel; plus one ordinary user in two groups.
const char* kPasswd = "root:x:0:0:root:/root:/bin/sh\n"
                      "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
                      "bin:x:2:2:bin:/bin:/bin/false\n"
                      "sync:x:4:100:sync:/bin:/bin/sync\n"
                      "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n"
                      "broken line without fields\n"
                      "nobody:x:65534:65534:nobody:/home:/bin/false\n";
const char* kGroup = "root:x:0:\n"
                     "daemon:x:1:\n"
                     "tty:x:5:\n"
                     "wheel:x:10:root\n"
                     "audio:x:29:alice,bob\n"
                     "video:x:44:alice\n"
                     "staff:x:50:\n"
                     "users:x:100:\n"
                     "alice:x:1000:\n"
                     "nogroup:x:65534:\n";

runtime::AccountFiles fixture() {
    return {kPasswd, kGroup};
}

QString gidList(const std::vector<gid_t>& gids) {
    QStringList out;
    for (gid_t g : gids)
        out << QString::number(g);
    return out.join(QLatin1Char(','));
}

std::vector<std::string> toStd(const QStringList& l) {
    std::vector<std::string> out;
    for (const QString& s : l)
        out.push_back(s.toStdString());
    return out;
}

} // namespace

class TestUserLookup : public QObject {
    Q_OBJECT

private slots:
    void resolve_data() {
        const QString none; // an empty expectation
        QTest::addColumn<QString>("user");
        QTest::addColumn<QStringList>("groupAdd");
        QTest::addColumn<uint>("uid");
        QTest::addColumn<uint>("gid");
        QTest::addColumn<QString>("groups"); // additionalGids, in order
        QTest::addColumn<QString>("home");
        QTest::addColumn<QString>("error"); // empty: must succeed

        // CVE-2023-25173 expectations, `id` on busybox:
        // uid=0(root) gid=0(root) groups=0(root),10(wheel)
        QTest::newRow("cve: no user") << none << QStringList{} << 0u << 0u << "0,10"
                                      << "/root" << none;
        // uid=1234 gid=0(root) groups=0(root)
        QTest::newRow("cve: --user 1234") << "1234" << QStringList{} << 1234u << 0u << "0"
                                          << "/" << none;
        // uid=1234 gid=1234 groups=1234
        QTest::newRow("cve: --user 1234:1234") << "1234:1234" << QStringList{} << 1234u << 1234u << "1234"
                                               << "/" << none;
        // uid=1234 gid=0(root) groups=0(root),1234
        QTest::newRow("cve: --user 1234 --group-add 1234")
            << "1234" << QStringList{"1234"} << 1234u << 0u << "0,1234"
            << "/" << none;

        QTest::newRow("name") << "root" << QStringList{} << 0u << 0u << "0,10"
                              << "/root" << none;
        QTest::newRow("uid in passwd counts as the name") << "0" << QStringList{} << 0u << 0u << "0,10"
                                                          << "/root" << none;
        QTest::newRow("membership of several groups")
            << "alice" << QStringList{} << 1000u << 1000u << "1000,29,44"
            << "/home/alice" << none;
        QTest::newRow("uid of a member") << "1000" << QStringList{} << 1000u << 1000u << "1000,29,44"
                                         << "/home/alice" << none;
        QTest::newRow("primary gid from passwd, no members") << "sync" << QStringList{} << 4u << 100u << "100"
                                                             << "/bin" << none;
        QTest::newRow("name:group ignores membership")
            << "alice:audio" << QStringList{} << 1000u << 29u << "29"
            << "/home/alice" << none;
        QTest::newRow("name:gid") << "alice:44" << QStringList{} << 1000u << 44u << "44"
                                  << "/home/alice" << none;
        QTest::newRow("name:unknown gid") << "alice:4321" << QStringList{} << 1000u << 4321u << "4321"
                                          << "/home/alice" << none;
        QTest::newRow("uid:group") << "1234:wheel" << QStringList{} << 1234u << 10u << "10"
                                   << "/" << none;
        QTest::newRow("uid:gid in files") << "0:50" << QStringList{} << 0u << 50u << "50"
                                          << "/root" << none;
        QTest::newRow("trailing colon is no group")
            << "alice:" << QStringList{} << 1000u << 1000u << "1000,29,44"
            << "/home/alice" << none;
        QTest::newRow("group-add by name and number")
            << "alice" << QStringList{"staff", "4000"} << 1000u << 1000u << "1000,29,44,50,4000"
            << "/home/alice" << none;
        QTest::newRow("group-add duplicates kept once")
            << "alice" << QStringList{"video", "1000"} << 1000u << 1000u << "1000,29,44"
            << "/home/alice" << none;
        QTest::newRow("group-add with explicit group")
            << "alice:users" << QStringList{"wheel"} << 1000u << 100u << "100,10"
            << "/home/alice" << none;
        QTest::newRow("high ids") << "nobody" << QStringList{} << 65534u << 65534u << "65534"
                                  << "/home" << none;

        QTest::newRow("unknown name") << "mallory" << QStringList{} << 0u << 0u << none << none
                                      << "unable to find user mallory: no matching entries in passwd file";
        QTest::newRow("member of a group but not in passwd")
            << "bob" << QStringList{} << 0u << 0u << none << none
            << "unable to find user bob: no matching entries in passwd file";
        QTest::newRow("unknown group name")
            << "alice:nogrp" << QStringList{} << 0u << 0u << none << none
            << "unable to find group nogrp: no matching entries in group file";
        QTest::newRow("unknown group-add name")
            << "alice" << QStringList{"nogrp"} << 0u << 0u << none << none
            << "unable to find group nogrp: no matching entries in group file";
        QTest::newRow("uid out of range") << "99999999999" << QStringList{} << 0u << 0u << none << none
                                          << "uid 99999999999 is out of range";
        QTest::newRow("negative uid is a name")
            << "-1" << QStringList{} << 0u << 0u << none << none
            << "unable to find user -1: no matching entries in passwd file";
    }

    void resolve() {
        QFETCH(QString, user);
        QFETCH(QStringList, groupAdd);
        QFETCH(uint, uid);
        QFETCH(uint, gid);
        QFETCH(QString, groups);
        QFETCH(QString, home);
        QFETCH(QString, error);

        auto r = runtime::resolveUser(fixture(), user.toStdString(), toStd(groupAdd));
        if (!error.isEmpty()) {
            QVERIFY2(!r, "expected an error");
            QCOMPARE(QString::fromStdString(r.error().message), error);
            return;
        }
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        QCOMPARE(uint(r->uid), uid);
        QCOMPARE(uint(r->gid), gid);
        QCOMPARE(gidList(r->additionalGids), groups);
        QCOMPARE(QString::fromStdString(r->home), home);
    }

    void rootfs_data() {
        const QString none;                  // an empty expectation
        QTest::addColumn<QString>("layout"); // how etc/passwd is planted
        QTest::addColumn<QString>("user");
        QTest::addColumn<uint>("uid");
        QTest::addColumn<QString>("error"); // substring; empty: must succeed

        QTest::newRow("regular files") << "regular"
                                       << "alice" << 1000u << none;
        QTest::newRow("absolute symlink out of the rootfs")
            << "absolute-link"
            << "mallory" << 0u << "unable to find user mallory";
        QTest::newRow("relative symlink climbing out") << "relative-link"
                                                       << "mallory" << 0u << "unable to find user mallory";
        QTest::newRow("absolute symlink resolves inside the rootfs") << "absolute-link"
                                                                     << "inside" << 4242u << none;
        QTest::newRow("etc itself a symlink out") << "etc-link"
                                                  << "mallory" << 0u << "unable to find user mallory";
        QTest::newRow("missing files, root by default") << "missing" << none << 0u << none;
        QTest::newRow("missing files, numeric user") << "missing"
                                                     << "1234" << 1234u << none;
        QTest::newRow("missing files, named user")
            << "missing"
            << "alice" << 0u << "unable to find user alice: no matching entries in passwd file";
        QTest::newRow("fifo does not hang") << "fifo"
                                            << "alice" << 0u << "etc/passwd is not a regular file";
        QTest::newRow("directory") << "directory"
                                   << "alice" << 0u << "etc/passwd is not a regular file";
    }

    void rootfs() {
        QFETCH(QString, layout);
        QFETCH(QString, user);
        QFETCH(uint, uid);
        QFETCH(QString, error);

        TempDir tmp;
        const fs::path host = tmp / "host"; // stands for the host's /etc: must never be read
        const fs::path rootfs = tmp / "rootfs";
        fs::create_directories(host);
        fs::create_directories(rootfs / "etc");
        writeText(host / "passwd", "mallory:x:0:0::/:/bin/sh\n");
        writeText(host / "group", "mallory:x:0:\n");
        plant(layout, rootfs, host);

        auto r = runtime::resolveUserInRootfs(rootfs, user.toStdString());
        if (!error.isEmpty()) {
            QVERIFY2(!r, "expected an error");
            QVERIFY2(QString::fromStdString(r.error().message).contains(error), r.error().message.c_str());
            return;
        }
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        QCOMPARE(uint(r->uid), uid);
    }

    void rootfsMissing() {
        auto r = runtime::readAccountFiles("/nonexistent/berth-rootfs");
        QVERIFY(!r);
        QVERIFY(
            QString::fromStdString(r.error().message).contains(QLatin1String("/nonexistent/berth-rootfs")));
    }

private:
    static void plant(const QString& layout, const fs::path& rootfs, const fs::path& host) {
        const fs::path etc = rootfs / "etc";
        if (layout == QLatin1String("regular")) {
            writeText(etc / "passwd", kPasswd);
            writeText(etc / "group", kGroup);
        } else if (layout == QLatin1String("absolute-link")) {
            fs::create_symlink(host / "passwd", etc / "passwd");
            fs::create_symlink(host / "group", etc / "group");
            // The same absolute path below the rootfs: what a chroot would read.
            fs::create_directories(rootfs / host.relative_path());
            writeText(rootfs / host.relative_path() / "passwd", "inside:x:4242:4242::/:/bin/sh\n");
        } else if (layout == QLatin1String("relative-link")) {
            std::string up;
            for (auto it = etc.begin(); it != etc.end(); ++it)
                up += "../";
            fs::create_symlink(up + host.relative_path().string() + "/passwd", etc / "passwd");
        } else if (layout == QLatin1String("etc-link")) {
            fs::remove(etc);
            fs::create_directory_symlink(host, etc);
        } else if (layout == QLatin1String("fifo")) {
            QCOMPARE(::mkfifo((etc / "passwd").c_str(), 0644), 0);
        } else if (layout == QLatin1String("directory")) {
            fs::create_directory(etc / "passwd");
        }
    }
};

QTEST_GUILESS_MAIN(TestUserLookup)
#include "tst_runtime_user_lookup.moc"
