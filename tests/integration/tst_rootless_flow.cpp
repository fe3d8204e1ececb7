// Rootless Berth end to end as a real ordinary user (BERTH_TEST_PRIVILEGED: the test makes
// throwaway users with useradd and /etc/subuid ranges), driving the berth CLI as that user with its
// own HOME and XDG_RUNTIME_DIR: pull from a docker-registry on 127.0.0.1, run with output, files
// owned on disk by the mapped ids, exec, pause / unpause, stop with the exit code, rm, a published
// port answering on 127.0.0.1, hostile layers refused without writing outside the store; and a
// second user without subordinate ids whose single-id mode runs or says how to fix it.
// /dev/net/tun: the user needs mode 0666 (udev's); machines without udev have 0600, so each command
// runs in a mount namespace of its own with a 0666 node bound over it (TestUser::setTunDevice).
#include "registry_fixture.h"
#include "tar_builder.h"
#include "test_env.h"
#include "test_image_builder.h"
#include "test_user.h"

#include <QtTest>

#include <algorithm>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace berth::test;
namespace fs = std::filesystem;

namespace {

QString q(const fs::path& p) {
    return QString::fromStdString(p.string());
}

fs::path storeOf(const TestUser& u) {
    return u.home() / ".local/share/berth";
}

// Every file named `name` in the user's store (snapshots, container layers), found as root.
std::vector<fs::path> findInStore(const TestUser& u, const std::string& name) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(storeOf(u), fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec))
        if (it->path().filename() == name) out.push_back(it->path());
    return out;
}

// Paths under dir (relative), leaving out `except` and what is below it.
std::set<std::string> listTree(const fs::path& dir, const fs::path& except = {}) {
    std::set<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        if (!except.empty() && it->path() == except) {
            it.disable_recursion_pending();
            continue;
        }
        out.insert(it->path().lexically_relative(dir).string());
    }
    return out;
}

bool oneLine(const QString& text) {
    return !text.trimmed().isEmpty() && !text.trimmed().contains(QLatin1Char('\n'));
}

TarBuilder busyboxLayer() {
    TarBuilder tar;
    tar.dir("bin");
    tar.file("bin/busybox", readText("/bin/busybox"), 0755);
    for (const char* applet : {"sh", "echo", "id", "touch", "chown", "sleep", "httpd", "cat", "true"})
        tar.symlink(std::string("bin/") + applet, "busybox");
    tar.dir("tmp", 01777);
    tar.dir("www");
    tar.file("www/index.html", "flow-web-ok\n");
    return tar;
}

} // namespace

class TestRootlessFlow : public QObject {
    Q_OBJECT

    std::unique_ptr<RegistryFixture> m_registry;
    std::unique_ptr<TempDir> m_work;    // image layouts, tun nodes
    std::unique_ptr<TempDir> m_victim;  // a directory of the user's that hostile layers aim at
    std::unique_ptr<TestUser> m_user;   // with subordinate ids
    std::unique_ptr<TestUser> m_single; // without
    fs::path m_tunOpen, m_tunClosed;    // 0666 and 0600 tun nodes

    QString ref(const std::string& repo) const {
        return QString::fromStdString(m_registry->host() + "/" + repo);
    }
    QString image() const { return ref("flow/busybox:1"); }

    void publish(const std::string& repo, const std::vector<TarBuilder>& layers,
                 std::vector<std::string> cmd = {"/bin/sh"}) {
        TestImage img;
        img.platforms.push_back(ImageSpec{});
        for (const auto& l : layers)
            img.platforms[0].layers.push_back({l, Compression::Gzip, repo});
        img.platforms[0].cmd = std::move(cmd);
        img.platforms[0].exposedPorts = {"80/tcp"};
        std::string dir = "layout-" + repo;
        std::replace_if(
            dir.begin(), dir.end(), [](char c) { return c == '/' || c == ':'; }, '-');
        const fs::path layout = m_work->path() / dir;
        writeLayout(layout, img, "v1");
        auto pushed = pushImage(layout, "v1", m_registry->host(), repo, PushFormat::Oci);
        QVERIFY2(pushed.ok(), qPrintable(pushed.command.err));
    }

    void makeTunNode(const fs::path& node, mode_t mode) {
        QCOMPARE(::mknod(node.c_str(), S_IFCHR | mode, makedev(10, 200)), 0);
        QCOMPARE(::chmod(node.c_str(), mode), 0);
    }

    // The user's containers, removed as the user.
    static void removeContainers(const TestUser& u) {
        auto all = u.berth({QStringLiteral("ps"), QStringLiteral("-aq")});
        for (const QString& id : all.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            u.berth({QStringLiteral("rm"), QStringLiteral("-f"), id});
    }

    QString inspect(const QString& format, const QString& name) const {
        return m_user->berth({QStringLiteral("inspect"), QStringLiteral("-f"), format, name}).out.trimmed();
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: makes throwaway users (BERTH_TEST_PRIVILEGED)");
        if (!fs::exists("/usr/bin/newuidmap") || !fs::exists("/usr/bin/newgidmap"))
            QSKIP("newuidmap/newgidmap missing: install Debian's uidmap");
        if (!haveTool(QStringLiteral("slirp4netns")))
            QSKIP("slirp4netns missing: install Debian's slirp4netns");
        if (!haveTool(QStringLiteral("useradd"))) QSKIP("useradd missing");
        if (!haveTool(QStringLiteral("skopeo")) || !haveTool(QStringLiteral("docker-registry")))
            QSKIP("needs skopeo and docker-registry (installer/install-deps.sh test)");
        if (!fs::exists("/bin/busybox")) QSKIP("/bin/busybox missing: install Debian's busybox-static");
        if (std::atol(readText("/proc/sys/user/max_user_namespaces").c_str()) <= 0)
            QSKIP("user namespaces are disabled (user.max_user_namespaces = 0)");

        m_work = std::make_unique<TempDir>();
        m_tunOpen = m_work->path() / "tun-0666";
        m_tunClosed = m_work->path() / "tun-0600";
        makeTunNode(m_tunOpen, 0666);
        makeTunNode(m_tunClosed, 0600);

        m_user = std::make_unique<TestUser>(true);
        QVERIFY2(m_user->isValid(), qPrintable(m_user->error()));
        m_single = std::make_unique<TestUser>(false);
        QVERIFY2(m_single->isValid(), qPrintable(m_single->error()));
        auto userns = m_user->run("/usr/bin/unshare", {QStringLiteral("--user"), QStringLiteral("true")});
        if (userns.exitCode != 0)
            QSKIP(qPrintable("ordinary users may not make user namespaces here: " + userns.err.trimmed()));

        m_registry = std::make_unique<RegistryFixture>();
        QVERIFY2(m_registry->isRunning(), m_registry->error());
        publish("flow/busybox:1", {busyboxLayer()}, {"httpd", "-f", "-p", "80", "-h", "/www"});

        // Hostile layers aim at a directory the user owns: only the applier's checks stop them.
        m_victim = std::make_unique<TempDir>();
        writeText(m_victim->path() / "secret", "untouched\n");
        for (const fs::path& p : {m_victim->path(), m_victim->path() / "secret"})
            QCOMPARE(::chown(p.c_str(), m_user->uid(), m_user->gid()), 0);
        const std::string up = "../../../../../../../../../../../..";
        const std::string victim = m_victim->path().relative_path().string();
        TarBuilder dotdot;
        dotdot.file("ok", "ok\n").file(up + "/" + victim + "/dotdot-escape", "pwned\n");
        publish("flow/dotdot:1", {dotdot});
        TarBuilder hardlink;
        hardlink.hardlink("grab", up + "/" + victim + "/secret");
        publish("flow/hardlink:1", {hardlink});
        TarBuilder symlink;
        symlink.symlink("evil", m_victim->path().string()).file("evil/through-symlink", "pwned\n");
        publish("flow/symlink:1", {symlink});
    }

    void cleanupTestCase() {
        if (m_user) removeContainers(*m_user);
        if (m_single) removeContainers(*m_single);
        // Their pause processes and anything left running are killed by pid, then the accounts,
        // their subordinate ranges, homes and runtime directories go.
        m_user.reset();
        m_single.reset();
        m_registry.reset();
        m_victim.reset();
        m_work.reset();
    }

    // berth info and installer/check-rootless.sh name the fix for a tun device the user cannot open.
    void tunDeviceCheckNamesTheFix() {
        m_user->setTunDevice(m_tunClosed);
        auto info = m_user->berth({QStringLiteral("info")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        QVERIFY2(info.out.contains(QStringLiteral("WARNING: /dev/net/tun: mode 0600")), qPrintable(info.out));
        QVERIFY2(info.out.contains(QStringLiteral("fix: sudo chmod 0666 /dev/net/tun")),
                 qPrintable(info.out));
        m_user->setTunDevice(m_tunOpen);
        info = m_user->berth({QStringLiteral("info")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        QVERIFY2(info.out.contains(QStringLiteral("Rootless: true")), qPrintable(info.out));
        QVERIFY2(!info.out.contains(QStringLiteral("/dev/net/tun")), qPrintable(info.out));

        const fs::path scriptPath = supportDir() / "../../installer/check-rootless.sh";
        QVERIFY2(fs::exists(scriptPath), scriptPath.c_str());
        const QString script = q(scriptPath);
        const QString user = QString::fromStdString(m_user->name());
        auto checkWith = [&](const fs::path& node) {
            return run(QStringLiteral("unshare"),
                       {QStringLiteral("--mount"), QStringLiteral("--propagation"), QStringLiteral("slave"),
                        QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("mount --bind \"$1\" /dev/net/tun && exec bash \"$2\" \"$3\""),
                        QStringLiteral("sh"), q(node), script, user});
        };
        auto closed = checkWith(m_tunClosed);
        QVERIFY2(closed.out.contains(QStringLiteral("warning  /dev/net/tun has mode 600")),
                 qPrintable(closed.out));
        QVERIFY2(closed.out.contains(QStringLiteral("fix: sudo chmod 0666 /dev/net/tun")),
                 qPrintable(closed.out));
        auto open = checkWith(m_tunOpen);
        QVERIFY2(open.out.contains(QStringLiteral("ok       /dev/net/tun (mode 666)")), qPrintable(open.out));
        QVERIFY2(open.out.contains(QStringLiteral("ok       subordinate uids")), qPrintable(open.out));
    }

    void pullFromLoopbackRegistry() {
        auto r = m_user->berth({QStringLiteral("pull"), image()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Status: Downloaded newer image for")), qPrintable(r.out));
        auto images = m_user->berth({QStringLiteral("images")});
        QVERIFY2(images.out.contains(ref("flow/busybox")), qPrintable(images.out));
        // The image is the user's: its store is in the user's home, owned by the user.
        struct stat st {};
        QCOMPARE(::stat(storeOf(*m_user).c_str(), &st), 0);
        QCOMPARE(st.st_uid, m_user->uid());
        const auto busybox = findInStore(*m_user, "busybox");
        QVERIFY(!busybox.empty());
        QCOMPARE(::lstat(busybox.front().c_str(), &st), 0);
        QCOMPARE(st.st_uid, m_user->uid());
    }

    void runPrintsOutput() {
        auto r = m_user->berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"),
                                QStringLiteral("none"), image(), QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("echo hello-from-$(id -u)")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("hello-from-0"));
        // The exit code comes through.
        r = m_user->berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"),
                           QStringLiteral("none"), image(), QStringLiteral("sh"), QStringLiteral("-c"),
                           QStringLiteral("exit 3")});
        QCOMPARE(r.exitCode, 3);
    }

    // uid 0 in the container is the user on disk; uid 1000 is the subordinate id start + 999.
    void containerFilesOwnedByMappedIds() {
        auto r = m_user->berth({QStringLiteral("run"), QStringLiteral("--name"), QStringLiteral("flowfiles"),
                                QStringLiteral("--network"), QStringLiteral("none"), image(),
                                QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("touch /tmp/made-by-root && touch /tmp/chowned-to-1000 && "
                                               "chown 1000:1000 /tmp/chowned-to-1000")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = m_user->berth({QStringLiteral("run"), QStringLiteral("--name"), QStringLiteral("flowuser"),
                           QStringLiteral("--user"), QStringLiteral("1000:1000"), QStringLiteral("--network"),
                           QStringLiteral("none"), image(), QStringLiteral("touch"),
                           QStringLiteral("/tmp/made-by-1000")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const uid_t mapped1000 = m_user->subordinateStart() + 999;
        struct Expect {
            const char* name;
            uid_t uid;
            gid_t gid;
        };
        for (const Expect& e : {Expect{"made-by-root", m_user->uid(), m_user->gid()},
                                Expect{"chowned-to-1000", mapped1000, mapped1000},
                                Expect{"made-by-1000", mapped1000, mapped1000}}) {
            const auto found = findInStore(*m_user, e.name);
            QVERIFY2(!found.empty(), e.name);
            for (const fs::path& f : found) {
                struct stat st {};
                QCOMPARE(::lstat(f.c_str(), &st), 0);
                QVERIFY2(st.st_uid == e.uid && st.st_gid == e.gid,
                         qPrintable(QStringLiteral("%1 is %2:%3, expected %4:%5")
                                        .arg(q(f))
                                        .arg(st.st_uid)
                                        .arg(st.st_gid)
                                        .arg(e.uid)
                                        .arg(e.gid)));
            }
        }
        for (const char* name : {"flowfiles", "flowuser"}) {
            r = m_user->berth({QStringLiteral("rm"), QString::fromLatin1(name)});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        QVERIFY(findInStore(*m_user, "made-by-1000").empty());
    }

    void execPauseUnpauseStopRemove() {
        auto r = m_user->berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"),
                                QStringLiteral("flowbox"), QStringLiteral("--network"),
                                QStringLiteral("none"), image(), QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("trap 'exit 7' TERM; while true; do sleep 1; done")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(inspect(QStringLiteral("{{.State.Status}}"), QStringLiteral("flowbox")),
                 QStringLiteral("running"));

        r = m_user->berth({QStringLiteral("exec"), QStringLiteral("flowbox"), QStringLiteral("sh"),
                           QStringLiteral("-c"), QStringLiteral("echo exec-as-$(id -u)")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("exec-as-0"));
        r = m_user->berth({QStringLiteral("exec"), QStringLiteral("flowbox"), QStringLiteral("sh"),
                           QStringLiteral("-c"), QStringLiteral("exit 5")});
        QCOMPARE(r.exitCode, 5);

        r = m_user->berth({QStringLiteral("pause"), QStringLiteral("flowbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(inspect(QStringLiteral("{{.State.Status}}"), QStringLiteral("flowbox")),
                 QStringLiteral("paused"));
        QCOMPARE(inspect(QStringLiteral("{{.State.Paused}}"), QStringLiteral("flowbox")),
                 QStringLiteral("true"));
        r = m_user->berth({QStringLiteral("unpause"), QStringLiteral("flowbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(inspect(QStringLiteral("{{.State.Status}}"), QStringLiteral("flowbox")),
                 QStringLiteral("running"));
        // Running again: exec works.
        r = m_user->berth({QStringLiteral("exec"), QStringLiteral("flowbox"), QStringLiteral("echo"),
                           QStringLiteral("after-unpause")});
        QCOMPARE(r.out.trimmed(), QStringLiteral("after-unpause"));

        r = m_user->berth(
            {QStringLiteral("stop"), QStringLiteral("-t"), QStringLiteral("20"), QStringLiteral("flowbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(inspect(QStringLiteral("{{.State.Status}}"), QStringLiteral("flowbox")),
                 QStringLiteral("exited"));
        QCOMPARE(inspect(QStringLiteral("{{.State.ExitCode}}"), QStringLiteral("flowbox")),
                 QStringLiteral("7"));

        r = m_user->berth({QStringLiteral("rm"), QStringLiteral("flowbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto ps = m_user->berth({QStringLiteral("ps"), QStringLiteral("-a")});
        QVERIFY2(ps.exitCode == 0 && !ps.out.contains(QStringLiteral("flowbox")),
                 qPrintable(ps.out + ps.err));
    }

    void publishedPortAnswers() {
        const int port = freeLoopbackPort();
        QVERIFY(port > 0);
        auto r = m_user->berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"),
                                QStringLiteral("flowweb"), QStringLiteral("--network"),
                                QStringLiteral("slirp4netns"), QStringLiteral("-p"),
                                QStringLiteral("127.0.0.1:%1:80").arg(port), image()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QTRY_VERIFY_WITH_TIMEOUT(
            loopbackGet(port, "/index.html").second.find("flow-web-ok") != std::string::npos, 15000);
        QCOMPARE(loopbackGet(port, "/index.html").first, 200);
        r = m_user->berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("flowweb")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // The forwarder and slirp4netns went with the container.
        QTRY_COMPARE_WITH_TIMEOUT(loopbackGet(port, "/index.html", 500).first, 0, 10000);
        auto slirps = [this] {
            int n = 0;
            for (pid_t p : m_user->processes())
                n += readText("/proc/" + std::to_string(p) + "/comm") == "slirp4netns\n";
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(slirps(), 0, 10000);
    }

    // A layer that climbs out with "../" or a hard link is refused in one line; one that writes
    // through a symlink pointing out stays inside the store (or is refused). Nothing outside the
    // store changes: not the user's directory the layers aim at, not the rest of the home.
    void hostileLayerContained_data() {
        QTest::addColumn<QString>("repo");
        QTest::addColumn<bool>("mustFail");
        QTest::newRow("dotdot") << QStringLiteral("flow/dotdot:1") << true;
        QTest::newRow("hardlink") << QStringLiteral("flow/hardlink:1") << true;
        QTest::newRow("symlink") << QStringLiteral("flow/symlink:1") << false;
    }
    void hostileLayerContained() {
        QFETCH(QString, repo);
        QFETCH(bool, mustFail);
        const auto victimBefore = listTree(m_victim->path());
        const auto homeBefore = listTree(m_user->home(), storeOf(*m_user));
        auto r = m_user->berth({QStringLiteral("pull"), ref(repo.toStdString())});
        qInfo("%s: %s", qPrintable(repo),
              r.exitCode == 0 ? "accepted, contained" : qPrintable(r.err.trimmed()));
        if (mustFail || r.exitCode != 0) {
            QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
            QVERIFY2(oneLine(r.err) && r.err.startsWith(QStringLiteral("Error: ")), qPrintable(r.err));
            auto images = m_user->berth({QStringLiteral("images")});
            QVERIFY2(!images.out.contains(ref(repo.section(QLatin1Char(':'), 0, 0).toStdString())),
                     qPrintable(images.out));
        } else {
            // Resolved inside the layer: the file is in the store, under the victim's path.
            const auto inside = findInStore(*m_user, "through-symlink");
            QVERIFY(!inside.empty());
            for (const fs::path& f : inside)
                QVERIFY2(f.string().rfind(storeOf(*m_user).string() + "/", 0) == 0, f.c_str());
        }
        QCOMPARE(listTree(m_victim->path()), victimBefore);
        QCOMPARE(readText(m_victim->path() / "secret"), std::string("untouched\n"));
        QCOMPARE(listTree(m_user->home(), storeOf(*m_user)), homeBefore);
        QVERIFY(!fs::exists(m_user->home() / "dotdot-escape"));
    }

    // No subordinate ids: single-id mode pulls and runs a root-owned image (run and exec); the
    // first command says what the mode limits and how to leave it.
    void singleIdModeRuns() {
        m_single->setTunDevice(m_tunOpen);
        auto pull = m_single->berth({QStringLiteral("pull"), image()});
        QVERIFY2(pull.err.contains(QStringLiteral("single-id mode")), qPrintable(pull.err));
        QVERIFY2(pull.err.contains(QStringLiteral("usermod --add-subuids")), qPrintable(pull.err));
        if (pull.exitCode != 0) {
            QVERIFY2(oneLine(pull.err), qPrintable(pull.err));
            return;
        }
        auto info = m_single->berth({QStringLiteral("info")});
        QVERIFY2(info.out.contains(QStringLiteral("ID Mapping: single-id")), qPrintable(info.out));
        auto r = m_single->berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"),
                                  QStringLiteral("none"), image(), QStringLiteral("sh"), QStringLiteral("-c"),
                                  QStringLiteral("echo single-$(id -u)")});
        // Root-owned images run in single-id mode (setgroups is denied there; groups stay as they came).
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        {
            QCOMPARE(r.out.trimmed(), QStringLiteral("single-0"));
            r = m_single->berth({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"),
                                 QStringLiteral("none"), image(), QStringLiteral("true")});
            QCOMPARE(r.exitCode, 0);
            r = m_single->berth({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"),
                                 QStringLiteral("singlebox"), QStringLiteral("--network"),
                                 QStringLiteral("none"), image(), QStringLiteral("sleep"),
                                 QStringLiteral("600")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            r = m_single->berth({QStringLiteral("exec"), QStringLiteral("singlebox"), QStringLiteral("echo"),
                                 QStringLiteral("single-exec")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QCOMPARE(r.out.trimmed(), QStringLiteral("single-exec"));
            r = m_single->berth({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("singlebox")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestRootlessFlow)
#include "tst_rootless_flow.moc"
