// berth cp and berth diff through the CLI on real containers (BERTH_TEST_PRIVILEGED: overlay
// mounts, namespaces): both directions, stopped and running containers, Docker's path rules, and
// that symlinks and ".." inside a container never reach the host (CVE-2018-15664).
#include "test_env.h"

#include <QtTest>

using namespace berth::test;
namespace fs = std::filesystem;

class TestContainerFiles : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    std::unique_ptr<TempDir> m_host;
    fs::path root() const { return m_root->path(); }
    fs::path host(const std::string& name) const { return m_host->path() / name; }
    CommandResult berth(const QStringList& args) { return runBerth(root(), args, 60000); }
    static QString q(const fs::path& p) { return QString::fromStdString(p.string()); }
    void create(const QString& name, const QString& script) {
        auto r = berth({"create", "--name", name, "berth-demo/hello", "sh", "-c", script});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    void runDetached(const QString& name) {
        auto r = berth({"run", "-d", "--name", name, "berth-demo/hello", "sh", "-c", "while true; do sleep 0.2; done"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    void cp(const QString& from, const QString& to) {
        auto r = berth({"cp", from, to});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.startsWith("Successfully copied "), qPrintable(r.err));
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: cp mounts the container's overlay in a private mount namespace");
        m_root = std::make_unique<TempDir>();
        auto r = berth({"load", "-i", q(demoDir() / "berth-demo-hello.tar")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    void init() { m_host = std::make_unique<TempDir>(); }
    void cleanup() {
        auto list = berth({"ps", "-aq"});
        for (auto& id : list.out.split('\n', Qt::SkipEmptyParts)) berth({"rm", "-f", id});
        m_host.reset();
    }
    void cleanupTestCase() {
        if (!m_root) return;
        QVERIFY2(readText("/proc/self/mounts").find(" " + root().string() + "/") == std::string::npos, "a mount was left behind");
        QCOMPARE(berth({"ps", "-aq"}).out, QString());
    }

    void copyOutOfStoppedContainer() {
        create("out", "true");
        cp("out:/hello.txt", q(host("hello.txt")));
        QVERIFY(readText(host("hello.txt")).find("Hello from Berth!") != std::string::npos);
        auto r = berth({"cp", "out:/hello.txt", q(host("hello.txt"))}); // an existing file is overwritten
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QStringLiteral("Successfully copied 2.05kB to ") + q(host("hello.txt")) + "\n");
    }

    void copyIntoStoppedContainerThenStart() {
        create("in", "cat /x");
        writeText(host("x"), "copied in\n");
        cp(q(host("x")), "in:/x");
        auto r = berth({"start", "-a", "in"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("copied in\n"));
    }

    void copyBothWaysWithRunningContainer() {
        runDetached("live");
        writeText(host("note"), "live note\n");
        cp(q(host("note")), "live:/tmp/");
        auto r = berth({"cp", "live:/tmp/note", q(host("back"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readText(host("back")), std::string("live note\n"));
    }

    void directoriesBothWays() {
        create("dirs", "true");
        fs::create_directories(host("tree/sub"));
        writeText(host("tree/sub/f"), "f\n");
        fs::create_symlink("sub/f", host("tree/link"));
        cp(q(host("tree")), "dirs:/tmp");            // /tmp exists: becomes /tmp/tree
        cp(q(host("tree")) + "/.", "dirs:/tmp/flat"); // missing dest + "dir/.": created with the contents
        cp("dirs:/tmp", q(host("out")));              // missing host dest: created as a copy of /tmp
        QCOMPARE(readText(host("out/tree/sub/f")), std::string("f\n"));
        QCOMPARE(fs::read_symlink(host("out/tree/link")), fs::path("sub/f"));
        QCOMPARE(readText(host("out/flat/sub/f")), std::string("f\n"));
        fs::create_directories(host("merge"));
        cp("dirs:/tmp/tree/.", q(host("merge")));   // "dir/.": the contents, no subdirectory
        QVERIFY(fs::exists(host("merge/sub/f")));
        QVERIFY(!fs::exists(host("merge/tree")));
    }

    void symlinksResolveInsideTheContainer() {
        create("links", "echo container-marker >> /etc/passwd; ln -s /etc /link; ln -s ../../../../../etc/passwd /rel");
        QCOMPARE(berth({"start", "-a", "links"}).exitCode, 0);
        cp("links:/link/passwd", q(host("p1")));
        cp("links:/rel", q(host("rel")));            // the link itself, as a link
        cp("links:/../../../../etc/passwd", q(host("p2")));
        for (const char* f : {"p1", "p2"}) {
            std::string text = readText(host(f));
            QVERIFY2(text.find("container-marker") != std::string::npos, f);
            QVERIFY(text != readText("/etc/passwd"));
        }
        QVERIFY(fs::is_symlink(host("rel")));
        // Copying in through the symlink writes the container's /etc, never the host's.
        writeText(host("planted"), "x");
        cp(q(host("planted")), "links:/link/planted-by-test");
        QVERIFY(!fs::exists("/etc/planted-by-test"));
        cp("links:/etc/planted-by-test", q(host("planted-back")));
    }

    void missingPathsFail() {
        create("miss", "true");
        auto r = berth({"cp", "miss:/no/such/file", q(host("x"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("/no/such/file"), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
        r = berth({"cp", "miss:/hello.txt", q(host("missing-dir/x"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no such directory"), qPrintable(r.err));
        r = berth({"cp", q(host("nothing")), "miss:/"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(q(host("nothing"))), qPrintable(r.err));
    }

    void diffShowsAddedChangedDeleted() {
        auto r = berth({"run", "--name", "changes", "berth-demo/hello", "sh", "-c", "echo x > /new; rm /hello.txt; echo y >> /etc/passwd"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = berth({"diff", "changes"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("C /etc\nC /etc/passwd\nD /hello.txt\nA /new\n"));
    }
};

QTEST_GUILESS_MAIN(TestContainerFiles)
#include "tst_container_files.moc"
