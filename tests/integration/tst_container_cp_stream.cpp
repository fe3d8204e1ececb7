// berth cp with tar streams ("-"), -a and -L, through the CLI on real containers
// (BERTH_TEST_PRIVILEGED: overlay mounts, namespaces). A tar read from stdin is hostile input: it
// must not write outside the destination, through a link it planted, or hardlink to the host.
#include "tar_builder.h"
#include "test_env.h"

#include <QProcess>
#include <QtTest>
#include <archive.h>
#include <archive_entry.h>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

using namespace berth::test;
namespace fs = std::filesystem;

namespace {

struct Raw {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

// One entry of a tar as the test reads it back.
struct Seen {
    mode_t type = 0;
    unsigned mode = 0, uid = 0, gid = 0;
    std::string content, linkname;
};

std::map<std::string, Seen> readTar(const QByteArray& bytes) {
    std::map<std::string, Seen> out;
    struct archive* a = archive_read_new();
    archive_read_support_format_tar(a);
    if (archive_read_open_memory(a, bytes.constData(), static_cast<std::size_t>(bytes.size())) !=
        ARCHIVE_OK) {
        archive_read_free(a);
        return out;
    }
    struct archive_entry* e = nullptr;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        Seen s;
        s.type = archive_entry_filetype(e);
        s.mode = archive_entry_perm(e);
        s.uid = static_cast<unsigned>(archive_entry_uid(e));
        s.gid = static_cast<unsigned>(archive_entry_gid(e));
        if (const char* l = archive_entry_symlink(e)) s.linkname = l;
        char buf[4096];
        for (la_ssize_t n; (n = archive_read_data(a, buf, sizeof buf)) > 0;)
            s.content.append(buf, static_cast<std::size_t>(n));
        out[archive_entry_pathname(e)] = s;
    }
    archive_read_free(a);
    return out;
}

// A file of uid 1234, gid 1235.
TarEntry ownedFile(const std::string& path, unsigned mode) {
    TarEntry e;
    e.path = path;
    e.content = "mine\n";
    e.mode = mode;
    e.uid = 1234;
    e.gid = 1235;
    return e;
}

} // namespace

class TestContainerCpStream : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    std::unique_ptr<TempDir> m_host;
    fs::path root() const { return m_root->path(); }
    fs::path host(const std::string& name) const { return m_host->path() / name; }
    static QString q(const fs::path& p) { return QString::fromStdString(p.string()); }
    CommandResult berth(const QStringList& args, const QByteArray& input = {}) {
        return runBerth(root(), args, 60000, {}, input);
    }
    // The CLI with binary stdin and stdout.
    Raw berthRaw(const QStringList& args, const QByteArray& input = {}) {
        QProcess p;
        p.start(berthBinary(), QStringList{QStringLiteral("--root"), q(root())} + args);
        Raw r;
        if (!p.waitForStarted(10000)) return r;
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished(5000);
            return r;
        }
        r.out = p.readAllStandardOutput();
        r.err = QString::fromUtf8(p.readAllStandardError());
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return r;
    }
    void ok(const CommandResult& r) { QVERIFY2(r.exitCode == 0, qPrintable(r.err)); }
    std::map<std::string, Seen> tarOf(const QString& source, const QStringList& flags = {}) {
        auto r =
            berthRaw(QStringList{QStringLiteral("cp")} + flags + QStringList{source, QStringLiteral("-")});
        if (r.exitCode != 0) qWarning("%s", qPrintable(r.err));
        if (!r.err.isEmpty()) qWarning("cp to stdout wrote to stderr: %s", qPrintable(r.err));
        return r.exitCode == 0 ? readTar(r.out) : std::map<std::string, Seen>{};
    }
    // A host directory a hostile tar aims at; removed after each test.
    static fs::path outsidePath() {
        return fs::path("/tmp") / ("berth-cp-outside-" + std::to_string(::getpid()));
    }
    static struct stat statOf(const fs::path& p) {
        struct stat st {};
        ::lstat(p.c_str(), &st);
        return st;
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: cp mounts the container's overlay in a private mount namespace");
        m_root = std::make_unique<TempDir>();
        ok(berth({"load", "-i", q(demoDir() / "berth-demo-hello.tar")}));
    }
    void init() { m_host = std::make_unique<TempDir>(); }
    void cleanup() {
        auto list = berth({"ps", "-aq"});
        for (auto& id : list.out.split('\n', Qt::SkipEmptyParts))
            berth({"rm", "-f", id});
        m_host.reset();
        fs::remove_all(outsidePath());
    }
    void cleanupTestCase() {
        if (!m_root) return;
        QVERIFY2(readText("/proc/self/mounts").find(" " + root().string() + "/") == std::string::npos,
                 "a mount was left behind");
        QCOMPARE(berth({"ps", "-aq"}).out, QString());
    }

    // A tree with modes, a symlink and a hardlink goes in from stdin and comes back out as a tar.
    void tarRoundTrip() {
        ok(berth({"create", "--name", "rt", "berth-demo/hello", "true"}));
        const std::string tar = TarBuilder()
                                    .dir("tree", 0750)
                                    .file("tree/run.sh", "#!/bin/sh\necho hi\n", 04741)
                                    .dir("tree/sub", 0700)
                                    .file("tree/sub/f", "f\n", 0600)
                                    .symlink("tree/link", "sub/f")
                                    .hardlink("tree/hard", "tree/sub/f")
                                    .add(ownedFile("tree/owned", 0640))
                                    .build(Compression::Gzip);
        auto in = berthRaw({"cp", "-", "rt:/tmp"}, QByteArray::fromStdString(tar));
        QVERIFY2(in.exitCode == 0, qPrintable(in.err));
        QCOMPARE(in.err,
                 QStringLiteral("Successfully copied 0B to rt:/tmp\n")); // Docker counts nothing from stdin

        auto seen = tarOf("rt:/tmp/tree");
        QVERIFY2(seen.count("tree/"), "the directory entry keeps its name with a trailing slash");
        QCOMPARE(seen["tree/"].mode, 0750u);
        QCOMPARE(seen["tree/sub/"].mode, 0700u);
        QCOMPARE(seen["tree/run.sh"].mode, 04741u);
        QCOMPARE(seen["tree/run.sh"].content, std::string("#!/bin/sh\necho hi\n"));
        QCOMPARE(seen["tree/link"].type, static_cast<mode_t>(AE_IFLNK));
        QCOMPARE(seen["tree/link"].linkname, std::string("sub/f"));
        QCOMPARE(seen["tree/hard"].content, std::string("f\n"));
        QCOMPARE(seen["tree/owned"].uid, 0u); // without -a, what goes in is root's
        QCOMPARE(seen["tree/owned"].gid, 0u);

        // With -a the archive's owners stay; "dir/." streams the contents under ".".
        in = berthRaw(
            {"cp", "-a", "-", "rt:/"},
            QByteArray::fromStdString(TarBuilder().dir("kept").add(ownedFile("kept/owned", 0600)).build()));
        QVERIFY2(in.exitCode == 0, qPrintable(in.err));
        seen = tarOf("rt:/kept/.");
        QVERIFY2(seen.count("./owned"), "contents-only source names entries under .");
        QCOMPARE(seen["./owned"].uid, 1234u);
        QCOMPARE(seen["./owned"].gid, 1235u);

        // A single file is named after itself.
        seen = tarOf("rt:/hello.txt");
        QCOMPARE(seen.size(), std::size_t(1));
        QVERIFY(seen["hello.txt"].content.find("Hello from Berth!") != std::string::npos);
    }

    void hostileTarsAreRefused_data() {
        QTest::addColumn<QByteArray>("tar");
        QTest::addColumn<QString>("message");
        const std::string outside = outsidePath().string();
        QTest::newRow("dot-dot") << QByteArray::fromStdString(
                                        TarBuilder().file("a/../../escape", "x").build())
                                 << "climbs out of the destination";
        QTest::newRow("symlink then write through it")
            << QByteArray::fromStdString(TarBuilder().symlink("esc", outside).file("esc/pwned", "x").build())
            << "goes through the symlink esc";
        QTest::newRow("relative symlink then write through it")
            << QByteArray::fromStdString(TarBuilder()
                                             .dir("d")
                                             .symlink("d/up", "../../../../../../..")
                                             .file("d/up/tmp/pwned", "x")
                                             .build())
            << "goes through the symlink d/up";
        QTest::newRow("hardlink to the host")
            << QByteArray::fromStdString(TarBuilder().hardlink("passwd", "../../../../../etc/passwd").build())
            << "which is not in the destination";
        QTest::newRow("hardlink to a directory")
            << QByteArray::fromStdString(TarBuilder().dir("d").hardlink("h", "d").build())
            << "links to the directory d";
    }
    void hostileTarsAreRefused() {
        QFETCH(QByteArray, tar);
        QFETCH(QString, message);
        const fs::path outside = outsidePath();
        fs::create_directories(outside);
        const auto passwdLinks = statOf("/etc/passwd").st_nlink;
        // A running container (its root through /proc/<pid>/root) and a stopped one (mounted by a helper).
        auto r = berth({"run", "-d", "--name", "live", "berth-demo/hello", "sh", "-c",
                        "mkdir /dst; while true; do sleep 0.2; done"});
        ok(r);
        ok(berth({"create", "--name", "cold", "berth-demo/hello", "true"}));
        for (int i = 0; i < 100 && berth({"exec", "live", "test", "-d", "/dst"}).exitCode != 0; ++i)
            QTest::qWait(50);
        for (const char* target : {"live:/dst", "cold:/tmp"}) {
            auto in = berthRaw({"cp", "-", target}, tar);
            QCOMPARE(in.exitCode, 1);
            QVERIFY2(in.err.startsWith("Error: ") && in.err.contains(message), qPrintable(in.err));
            QCOMPARE(in.err.count('\n'), 1);
        }
        QVERIFY(fs::is_empty(outside));
        QVERIFY(!fs::exists("/escape") && !fs::exists("/tmp/escape") && !fs::exists("/tmp/pwned"));
        QCOMPARE(statOf("/etc/passwd").st_nlink, passwdLinks);
    }

    void destinationRules() {
        ok(berth({"create", "--name", "dst", "berth-demo/hello", "true"}));
        const QByteArray tar = QByteArray::fromStdString(TarBuilder().file("x", "x").build());
        auto r = berthRaw({"cp", "-", "dst:/hello.txt"}, tar);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("Error: destination \"dst:/hello.txt\" must be a directory\n"));
        r = berthRaw({"cp", "-", "dst:/no/such"}, tar);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("Error: could not find the file /no/such in container dst\n"));
        r = berthRaw({"cp", "-", "dst:/tmp"}, {}); // an empty stream is an empty archive
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = berthRaw({"cp", "-", "dst:/tmp"}, "not a tar at all");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("Error: ") && r.err.count('\n') == 1, qPrintable(r.err));
        r = berthRaw({"cp", "dst:/no/such", "-"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err, QStringLiteral("Error: could not find the file /no/such in container dst\n"));
    }

    // Without -a copies out belong to the caller and copies in to root; with -a the source's ids stay.
    void archiveKeepsOwners() {
        ok(berth({"run", "--name", "own", "berth-demo/hello", "sh", "-c",
                  "echo data > /owned; chown 1000:1001 /owned"}));
        ok(berth({"cp", "own:/owned", q(host("plain"))}));
        ok(berth({"cp", "-a", "own:/owned", q(host("kept"))}));
        QCOMPARE(statOf(host("plain")).st_uid, ::geteuid());
        QCOMPARE(statOf(host("kept")).st_uid, uid_t(1000));
        QCOMPARE(statOf(host("kept")).st_gid, gid_t(1001));

        writeText(host("mine"), "mine\n");
        QCOMPARE(::chown(host("mine").c_str(), 1234, 1235), 0);
        ok(berth({"cp", q(host("mine")), "own:/in-plain"}));
        ok(berth({"cp", "--archive", q(host("mine")), "own:/in-kept"}));
        auto seen = tarOf("own:/in-plain");
        QCOMPARE(seen["in-plain"].uid, 0u);
        seen = tarOf("own:/in-kept");
        QCOMPARE(seen["in-kept"].uid, 1234u);
        QCOMPARE(seen["in-kept"].gid, 1235u);
    }

    // -L copies what the link points to, under the link's name; without it the link stays a link.
    void followLinkCopiesTheTarget() {
        ok(berth({"run", "--name", "lnk", "berth-demo/hello", "sh", "-c",
                  "mkdir /d; echo target > /d/t; ln -s /d/t /lnk; ln -s /d /dlnk"}));
        ok(berth({"cp", "lnk:/lnk", q(host("asis"))}));
        QVERIFY(fs::is_symlink(host("asis")));
        ok(berth({"cp", "-L", "lnk:/lnk", q(host("followed"))}));
        QVERIFY(!fs::is_symlink(host("followed")));
        QCOMPARE(readText(host("followed")), std::string("target\n"));
        ok(berth({"cp", "-L", "lnk:/dlnk", q(host("dir"))}));
        QCOMPARE(readText(host("dir/t")), std::string("target\n"));
        auto seen = tarOf("lnk:/lnk", {"-L"});
        QCOMPARE(seen["lnk"].type, static_cast<mode_t>(AE_IFREG));
        QCOMPARE(seen["lnk"].content, std::string("target\n"));

        // Into the container: a host link followed with -L arrives as a file.
        writeText(host("src"), "from host\n");
        fs::create_symlink(host("src"), host("hostlink"));
        ok(berth({"cp", "-L", q(host("hostlink")), "lnk:/copied"}));
        seen = tarOf("lnk:/copied");
        QCOMPARE(seen["copied"].type, static_cast<mode_t>(AE_IFREG));
        QCOMPARE(seen["copied"].content, std::string("from host\n"));
    }
};

QTEST_GUILESS_MAIN(TestContainerCpStream)
#include "tst_container_cp_stream.moc"
