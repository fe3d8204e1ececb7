// End-to-end image tests through the berth CLI against a real docker-registry on 127.0.0.1:
// what `berth pull` unpacks must equal what umoci unpacks from the same image, file by file.
#include "engine/engine.h"
#include "layer/snapshotter.h"
#include "registry_fixture.h"
#include "test_env.h"
#include "test_image_builder.h"
#include "tree_snapshot.h"

#include <QtTest>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

class TestImagePull : public QObject {
    Q_OBJECT

    std::unique_ptr<RegistryFixture> m_registry;
    std::unique_ptr<TempDir> m_work;
    std::map<std::string, fs::path> m_layouts; // repo → layout dir (tag "v1")

    std::string ref(const std::string& repo) const { return m_registry->host() + "/" + repo + ":v1"; }

    void publish(const std::string& repo, const TestImage& img) {
        fs::path layout = m_work->path() / ("layout-" + repo);
        writeLayout(layout, img, "v1");
        auto pushed = pushImage(layout, "v1", m_registry->host(), repo + ":v1", img.format);
        QVERIFY2(pushed.ok(), qPrintable(pushed.command.err));
        m_layouts[repo] = layout;
    }

    // The merged root filesystem of an image in `root`, through the copy snapshotter.
    fs::path mergedRootfs(const fs::path& root, const std::string& name, const std::string& key) {
        auto engine = engine::Engine::open({root});
        if (!engine) return {};
        auto img = (*engine)->inspectImage(name);
        if (!img) return {};
        auto snap = layer::makeCopySnapshotter((*engine)->store().snapshots(), root / "test-active");
        auto mounts = snap->prepare(key, img->chainIds);
        if (!mounts || mounts->empty()) return {};
        return mounts->front().source;
    }

    fs::path umociRootfs(const std::string& repo) {
        fs::path bundle = m_work->path() / ("umoci-" + repo + "-" + std::to_string(m_layouts.size()));
        if (fs::exists(bundle)) return bundle / "rootfs";
        auto r = run("umoci", {"unpack", "--image", QString::fromStdString(m_layouts[repo].string() + ":v1"),
                               QString::fromStdString(bundle.string())});
        if (r.exitCode != 0) qWarning("umoci: %s", qPrintable(r.err));
        return bundle / "rootfs";
    }

    std::size_t countDirs(const fs::path& dir) {
        std::size_t n = 0;
        std::error_code ec;
        for (auto& e : fs::directory_iterator(dir, ec)) n += e.is_directory() ? 1 : 0;
        return n;
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: layers keep their owners and whiteouts are device nodes");
        if (!haveTool(QStringLiteral("umoci")) || !haveTool(QStringLiteral("skopeo")))
            QSKIP("needs umoci and skopeo (installer/install-deps.sh test)");
        m_registry = std::make_unique<RegistryFixture>();
        QVERIFY2(m_registry->isRunning(), m_registry->error());
        m_work = std::make_unique<TempDir>();
        publish("many", manyLayers(12));
        publish("whiteouts", whiteoutsAndOpaque());
        publish("links", linksImage());
        publish("zstd", zstdImage());
        publish("multi", twoPlatformIndex());
        // umoci 0.4.7 cannot read zstd layers: its reference tree comes from the same layers gzipped.
        TestImage zstdAsGzip = zstdImage();
        for (auto& p : zstdAsGzip.platforms)
            for (auto& l : p.layers) l.compression = Compression::Gzip;
        m_layouts["zstd-reference"] = m_work->path() / "layout-zstd-reference";
        writeLayout(m_layouts["zstd-reference"], zstdAsGzip, "v1");
        publish("schema2", dockerSchema2Image());
    }

    void pullMatchesUmoci_data() {
        QTest::addColumn<QString>("repo");
        for (const char* r : {"many", "whiteouts", "links", "zstd", "schema2"}) QTest::newRow(r) << QString::fromLatin1(r);
    }
    void pullMatchesUmoci() {
        QFETCH(QString, repo);
        TempDir root;
        auto r = runBerth(root.path(), {QStringLiteral("pull"), QString::fromStdString(ref(repo.toStdString()))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(QStringLiteral("Pull complete")));
        QVERIFY(r.out.contains(QStringLiteral("Status: Downloaded newer image for")));
        fs::path ours = mergedRootfs(root.path(), ref(repo.toStdString()), "cmp");
        QVERIFY(!ours.empty());
        fs::path theirs = umociRootfs(repo == QStringLiteral("zstd") ? "zstd-reference" : repo.toStdString());
        QVERIFY(fs::exists(theirs));
        std::string diff = diffTrees(describeTree(ours), describeTree(theirs));
        QVERIFY2(diff.empty(), diff.c_str());
        // A second pull finds everything in place.
        auto again = runBerth(root.path(), {QStringLiteral("pull"), QString::fromStdString(ref(repo.toStdString()))});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QStringLiteral("Image is up to date")), qPrintable(again.out));
        QVERIFY(again.out.contains(QStringLiteral("Already exists")));
    }

    void storeIsAnOciLayout() {
        TempDir root;
        QCOMPARE(runBerth(root.path(), {QStringLiteral("pull"), QString::fromStdString(ref("links"))}).exitCode, 0);
        std::string target = "oci:" + (root.path() / "images").string() + ":" + ref("links");
        auto inspect = run(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QString::fromStdString(target)});
        QVERIFY2(inspect.exitCode == 0, qPrintable(inspect.err));
        auto bundle = root.path() / "umoci-bundle";
        auto unpack = run(QStringLiteral("umoci"), {QStringLiteral("unpack"), QStringLiteral("--image"),
                                                    QString::fromStdString((root.path() / "images").string() + ":" + ref("links")),
                                                    QString::fromStdString(bundle.string())});
        QVERIFY2(unpack.exitCode == 0, qPrintable(unpack.err));
        QVERIFY(fs::exists(bundle / "rootfs"));
    }

    void platformSelection() {
        TempDir root;
        auto amd = runBerth(root.path(), {QStringLiteral("pull"), QString::fromStdString(ref("multi"))});
        QVERIFY2(amd.exitCode == 0, qPrintable(amd.err));
        auto rootfs = mergedRootfs(root.path(), ref("multi"), "amd");
        QVERIFY(readText(rootfs / "platform").find("amd64") != std::string::npos);
        TempDir root2;
        auto arm = runBerth(root2.path(), {QStringLiteral("pull"), QStringLiteral("--platform"), QStringLiteral("linux/arm64"),
                                        QString::fromStdString(ref("multi"))});
        QVERIFY2(arm.exitCode == 0, qPrintable(arm.err));
        rootfs = mergedRootfs(root2.path(), ref("multi"), "arm");
        QVERIFY(readText(rootfs / "platform").find("arm64") != std::string::npos);
        auto none = runBerth(root2.path(), {QStringLiteral("pull"), QStringLiteral("--platform"), QStringLiteral("linux/s390x"),
                                         QString::fromStdString(ref("multi"))});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(QStringLiteral("no matching manifest for linux/s390x")), qPrintable(none.err));
    }

    void pullByDigest() {
        TempDir root;
        auto first = runBerth(root.path(), {QStringLiteral("pull"), QString::fromStdString(ref("zstd"))});
        QCOMPARE(first.exitCode, 0);
        auto digestLine = first.out.split(QLatin1Char('\n')).filter(QStringLiteral("Digest: ")).value(0);
        QString digest = digestLine.mid(8).trimmed();
        QVERIFY(digest.startsWith(QStringLiteral("sha256:")));
        TempDir root2;
        QString byDigest = QString::fromStdString(m_registry->host() + "/zstd@") + digest;
        auto r = runBerth(root2.path(), {QStringLiteral("pull"), byDigest});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto images = runBerth(root2.path(), {QStringLiteral("images"), QStringLiteral("--digests")});
        QVERIFY2(images.out.contains(digest), qPrintable(images.out));
        // A digest that does not exist is a clear error, not a crash.
        QString wrong = QString::fromStdString(m_registry->host() + "/zstd@sha256:" + std::string(64, 'a'));
        auto bad = runBerth(root2.path(), {QStringLiteral("pull"), wrong});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.startsWith(QStringLiteral("Error: ")), qPrintable(bad.err));
    }

    void sharedLayersAreStoredOnce() {
        TempDir root;
        for (auto* archive : {"berth-demo-hello.tar", "berth-demo-web.tar"}) {
            auto r = runBerth(root.path(), {QStringLiteral("load"), QStringLiteral("-i"), QString::fromStdString((demoDir() / archive).string())});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        // Two images of two layers each, sharing the busybox base: three layers on disk.
        QCOMPARE(countDirs(root.path() / "snapshots"), std::size_t(3));
        auto rm = runBerth(root.path(), {QStringLiteral("rmi"), QStringLiteral("berth-demo/hello")});
        QVERIFY2(rm.exitCode == 0, qPrintable(rm.err));
        QVERIFY(rm.out.contains(QStringLiteral("Untagged: berth-demo/hello:latest")));
        QCOMPARE(countDirs(root.path() / "snapshots"), std::size_t(2));
        auto run = runBerth(root.path(), {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("berth-demo/web")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(runBerth(root.path(), {QStringLiteral("rmi"), QStringLiteral("berth-demo/web")}).exitCode, 0);
        QCOMPARE(countDirs(root.path() / "snapshots"), std::size_t(0));
        std::size_t blobs = 0;
        for ([[maybe_unused]] auto& e : fs::directory_iterator(root.path() / "images/blobs/sha256")) ++blobs;
        QCOMPARE(blobs, std::size_t(0));
    }

    void corruptBlobLeavesNothing() {
        std::string via = m_registry->startProxy({"--corrupt-blob"});
        QVERIFY2(!via.empty(), m_registry->error());
        TempDir root;
        auto r = runBerth(root.path(), {QStringLiteral("pull"), QString::fromStdString(via + "/many:v1")});
        m_registry->stopProxy();
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("sha256:")), qPrintable(r.err));
        auto images = runBerth(root.path(), {QStringLiteral("images"), QStringLiteral("-q")});
        QCOMPARE(images.exitCode, 0);
        QVERIFY2(images.out.trimmed().isEmpty(), qPrintable(images.out));
        // No scratch directories remain visible as layers.
        for (auto& e : fs::directory_iterator(root.path() / "snapshots"))
            QVERIFY2(e.path().filename().string()[0] != '.', e.path().c_str());
    }

    void concurrentPullsBothSucceed() {
        TempDir root;
        QProcess a, b;
        QStringList args{QStringLiteral("--root"), QString::fromStdString(root.path().string()), QStringLiteral("pull"),
                         QString::fromStdString(ref("many"))};
        a.start(berthBinary(), args);
        b.start(berthBinary(), args);
        QVERIFY(a.waitForFinished(120000));
        QVERIFY(b.waitForFinished(120000));
        QVERIFY2(a.exitCode() == 0, a.readAllStandardError().constData());
        QVERIFY2(b.exitCode() == 0, b.readAllStandardError().constData());
        auto images = runBerth(root.path(), {QStringLiteral("images"), QStringLiteral("-q")});
        QCOMPARE(images.out.trimmed().split(QLatin1Char('\n')).size(), 1);
        QCOMPARE(countDirs(root.path() / "snapshots"), std::size_t(12));
        fs::path ours = mergedRootfs(root.path(), ref("many"), "conc");
        std::string diff = diffTrees(describeTree(ours), describeTree(umociRootfs("many")));
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void saveLoadRoundTrip() {
        TempDir root, root2, files;
        QCOMPARE(runBerth(root.path(), {QStringLiteral("pull"), QString::fromStdString(ref("whiteouts"))}).exitCode, 0);
        QCOMPARE(runBerth(root.path(), {QStringLiteral("tag"), QString::fromStdString(ref("whiteouts")), QStringLiteral("class/lesson:1")}).exitCode, 0);
        auto archive = files.path() / "images.tar";
        auto save = runBerth(root.path(), {QStringLiteral("save"), QStringLiteral("-o"), QString::fromStdString(archive.string()),
                                        QString::fromStdString(ref("whiteouts")), QStringLiteral("class/lesson:1")});
        QVERIFY2(save.exitCode == 0, qPrintable(save.err));
        // Both formats in one file: Docker's archive and an OCI layout.
        QCOMPARE(run(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QString::fromStdString("docker-archive:" + archive.string() + ":class/lesson:1")}).exitCode, 0);
        QCOMPARE(run(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QString::fromStdString("oci-archive:" + archive.string() + ":1")}).exitCode, 0);
        auto load = runBerth(root2.path(), {QStringLiteral("load"), QStringLiteral("-i"), QString::fromStdString(archive.string())});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err));
        QVERIFY2(load.out.contains(QStringLiteral("Loaded image: class/lesson:1")), qPrintable(load.out));
        auto id1 = runBerth(root.path(), {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.Id}}"), QStringLiteral("class/lesson:1")});
        auto id2 = runBerth(root2.path(), {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.Id}}"), QStringLiteral("class/lesson:1")});
        QCOMPARE(id1.exitCode, 0);
        QCOMPARE(id2.out, id1.out);
        std::string diff = diffTrees(describeTree(mergedRootfs(root2.path(), "class/lesson:1", "rt")),
                                     describeTree(umociRootfs("whiteouts")));
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void loadsArchivesFromOtherTools() {
        // skopeo writes the Docker archive layout (<hex>.tar layers, manifest.json) and OCI archives.
        TempDir root, files;
        fs::path dockerArchive = files.path() / "docker.tar", ociArchive = files.path() / "oci.tar";
        auto toDocker = run(QStringLiteral("skopeo"), {QStringLiteral("copy"), QString::fromStdString("oci:" + m_layouts["links"].string() + ":v1"),
                                                       QString::fromStdString("docker-archive:" + dockerArchive.string() + ":lab/links:v1")});
        QVERIFY2(toDocker.exitCode == 0, qPrintable(toDocker.err));
        auto toOci = run(QStringLiteral("skopeo"), {QStringLiteral("copy"), QString::fromStdString("oci:" + m_layouts["whiteouts"].string() + ":v1"),
                                                    QString::fromStdString("oci-archive:" + ociArchive.string() + ":v1")});
        QVERIFY2(toOci.exitCode == 0, qPrintable(toOci.err));
        auto a = runBerth(root.path(), {QStringLiteral("load"), QStringLiteral("-i"), QString::fromStdString(dockerArchive.string())});
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        QVERIFY2(a.out.contains(QStringLiteral("Loaded image: lab/links:v1")), qPrintable(a.out));
        auto b = runBerth(root.path(), {QStringLiteral("load"), QStringLiteral("-i"), QString::fromStdString(ociArchive.string())});
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QVERIFY2(b.out.contains(QStringLiteral("Loaded image ID: sha256:")), qPrintable(b.out)); // an OCI archive names only a tag
        std::string diff = diffTrees(describeTree(mergedRootfs(root.path(), "lab/links:v1", "dl")), describeTree(umociRootfs("links")));
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void loadRejectsGarbage() {
        TempDir root, files;
        writeText(files.path() / "junk.tar", std::string(4096, 'x'));
        auto r = runBerth(root.path(), {QStringLiteral("load"), QStringLiteral("-i"), QString::fromStdString((files.path() / "junk.tar").string())});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("Error: ")) && r.err.count(QLatin1Char('\n')) == 1, qPrintable(r.err));
        QVERIFY(runBerth(root.path(), {QStringLiteral("images"), QStringLiteral("-q")}).out.trimmed().isEmpty());
    }

    void cliErrorsAndExitCodes() {
        TempDir root;
        auto missing = runBerth(root.path(), {QStringLiteral("pull"), QString::fromStdString(m_registry->host() + "/nothing:here")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("not found")) || missing.err.contains(QStringLiteral("unknown")), qPrintable(missing.err));
        auto badRef = runBerth(root.path(), {QStringLiteral("pull"), QStringLiteral("Busybox")});
        QCOMPARE(badRef.exitCode, 1);
        QVERIFY(badRef.err.contains(QStringLiteral("invalid reference format")));
        auto badFlag = runBerth(root.path(), {QStringLiteral("images"), QStringLiteral("--bogus")});
        QCOMPARE(badFlag.exitCode, 125);
        auto noImage = runBerth(root.path(), {QStringLiteral("rmi"), QStringLiteral("nosuch")});
        QCOMPARE(noImage.exitCode, 1);
        QVERIFY(noImage.err.contains(QStringLiteral("no such image")));
    }
};

QTEST_GUILESS_MAIN(TestImagePull)
#include "tst_image_pull.moc"
