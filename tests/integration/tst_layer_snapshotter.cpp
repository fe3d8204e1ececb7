// Snapshotters against the kernel (BERTH_TEST_PRIVILEGED: needs root for mounts and whiteout
// devices). 120 layers, with whiteouts and an opaque directory spread across them, are applied
// into a SnapshotStore; the overlay mount and the copy snapshotter's tree must both show the
// merged image exactly, and the same.
#include "layer/layer_applier.h"
#include "layer/snapshot_store.h"
#include "layer/snapshotter.h"
#include "tar_builder.h"
#include "test_env.h"

#include <QtTest>

#include <fstream>
#include <map>
#include <sys/stat.h>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

constexpr int kLayers = 120;

// Layer i holds files/f<i>, plus the changes that exercise whiteouts across layers.
TarBuilder layerContent(int i) {
    TarBuilder b;
    b.dir("files");
    b.file("files/f" + std::to_string(i), "layer " + std::to_string(i));
    switch (i) {
    case 0:
        b.file("doomed", "to be whited out").dir("doomeddir").file("doomeddir/inner", "gone too");
        b.dir("opaque").file("opaque/old1", "hidden").file("opaque/old2", "hidden").dir("keepdir");
        b.file("keepdir/a", "a");
        break;
    case 5: b.file(".wh.doomed", "").file(".wh.doomeddir", ""); break;
    case 10: b.dir("opaque").file("opaque/.wh..wh..opq", "").file("opaque/new", "upper"); break;
    case 20: b.file("keepdir/b", "b"); break;
    case 30: b.file("files/.wh.f1", ""); break;
    case 40: b.dir("doomed").file("doomed/again", "back as a dir"); break;
    case 60: b.file("lib.so", "shared").hardlink("lib.so.1", "lib.so"); break;
    case 61: b.hardlink("lib.so.2", "lib.so"); break; // target in layer 60: copied up
    case kLayers - 1: b.file("top", "last layer"); break;
    default: break;
    }
    return b;
}

// A stable description of a tree: one line per object with its type and content or target.
std::map<std::string, std::string> viewOf(const fs::path& root) {
    std::map<std::string, std::string> view;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        std::string rel = fs::relative(it->path(), root).string();
        auto st = it->symlink_status();
        if (fs::is_directory(st)) view[rel] = "dir";
        else if (fs::is_symlink(st)) view[rel] = "link " + fs::read_symlink(it->path()).string();
        else if (fs::is_regular_file(st)) view[rel] = "file " + readText(it->path());
        else view[rel] = "other";
    }
    return view;
}

bool mountedBelow(const fs::path& dir) {
    std::ifstream mounts("/proc/self/mounts");
    std::string dev, mnt, rest;
    while (mounts >> dev >> mnt && std::getline(mounts, rest))
        if (mnt.rfind(dir.string(), 0) == 0) return true;
    return false;
}

} // namespace

class TestSnapshotter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void overlayAndCopyShowTheSameImage();
    void overlayOptionsTooLongFailClearly();
    void keysAreValidated();

private:
    void buildLayers();
    std::map<std::string, std::string> mountedView(layer::Snapshotter& s, const std::string& key);

    std::unique_ptr<TempDir> m_tmp;
    std::optional<layer::SnapshotStore> m_store;
    std::vector<oci::ChainId> m_chain;
};

void TestSnapshotter::initTestCase() {
    if (!isRoot()) QSKIP("mounting overlay and creating whiteout devices need root");
    m_tmp = std::make_unique<TempDir>();
    if (!layer::overlaySupported(m_tmp->path())) QSKIP("this kernel cannot mount overlay in /tmp");
    auto store = layer::SnapshotStore::open(m_tmp->path() / "store");
    QVERIFY(store);
    m_store.emplace(std::move(*store));
    buildLayers();
}

void TestSnapshotter::buildLayers() {
    oci::ChainId parent;
    std::vector<fs::path> lowers; // top first
    for (int i = 0; i < kLayers; ++i) {
        auto scratch = m_store->begin();
        QVERIFY(scratch);
        auto source = memorySource(layerContent(i).build(i % 2 ? Compression::Gzip : Compression::None));
        layer::ApplyOptions options;
        options.parentDirs = lowers;
        auto applied = layer::applyLayer(*source, *scratch / "fs", options);
        QVERIFY2(applied, applied ? "" : applied.error().message.c_str());
        layer::SnapshotInfo info;
        info.diffId = applied->diffId;
        info.chainId = parent.isEmpty() ? info.diffId : oci::chainIdOf(parent, info.diffId);
        info.parent = parent;
        auto committed = m_store->commit(*scratch, info);
        QVERIFY2(committed, committed ? "" : committed.error().message.c_str());
        m_chain.push_back(info.chainId);
        lowers.insert(lowers.begin(), m_store->fsDir(info.chainId));
        parent = info.chainId;
    }
}

std::map<std::string, std::string> TestSnapshotter::mountedView(layer::Snapshotter& s, const std::string& key) {
    auto mounts = s.prepare(key, m_chain);
    if (!mounts) qFatal("prepare %s: %s", s.name(), mounts.error().message.c_str());
    if (mounts->size() != 1) qFatal("expected one mount");
    fs::path target = m_tmp->path() / ("mnt-" + key);
    fs::create_directories(target);
    auto mounted = layer::performMount(mounts->front(), target);
    if (!mounted) qFatal("mounting %s: %s", s.name(), mounted.error().message.c_str());
    auto view = viewOf(target);
    writeText(target / "written-by-container", "rw"); // the rootfs must be writable
    bool written = readText(target / "written-by-container") == "rw";
    auto unmounted = layer::unmount(target);
    if (!unmounted || !written) qFatal("unmounting %s failed or rootfs not writable", s.name());
    return view;
}

void TestSnapshotter::overlayAndCopyShowTheSameImage() {
    auto overlay = layer::makeOverlaySnapshotter(*m_store, m_tmp->path() / "active");
    auto mounts = overlay->prepare("probe", m_chain);
    QVERIFY(mounts);
    const layer::Mount& m = mounts->front();
    QCOMPARE(m.type, std::string("overlay"));
    QCOMPARE(m.workingDirectory, m_store->linkDir());
    QVERIFY(m.options[0].starts_with("lowerdir=" + m_chain.back().encoded().substr(0, 12) + ":"));
    QVERIFY(m.options[0].ends_with(":" + m_chain.front().encoded().substr(0, 12)));
    QCOMPARE(std::count(m.options[0].begin(), m.options[0].end(), ':'), long(kLayers - 1));
    QVERIFY(overlay->remove("probe"));

    const auto overlayView = mountedView(*overlay, "ov");
    QVERIFY(fs::exists(m_tmp->path() / "active/ov/upper/written-by-container"));
    auto copy = layer::makeCopySnapshotter(*m_store, m_tmp->path() / "active");
    const auto copyView = mountedView(*copy, "cp");

    for (int i = 0; i < kLayers; ++i) {
        std::string name = "files/f" + std::to_string(i);
        if (i == 1) QVERIFY2(!overlayView.count(name), "whited-out file visible");
        else QCOMPARE(overlayView.count(name) ? overlayView.at(name) : std::string(), "file layer " + std::to_string(i));
    }
    QVERIFY(!overlayView.count("doomeddir"));
    QVERIFY(!overlayView.count("doomeddir/inner"));
    QCOMPARE(overlayView.at("doomed"), std::string("dir"));
    QCOMPARE(overlayView.at("doomed/again"), std::string("file back as a dir"));
    QVERIFY(!overlayView.count("opaque/old1"));
    QVERIFY(!overlayView.count("opaque/old2"));
    QCOMPARE(overlayView.at("opaque/new"), std::string("file upper"));
    QCOMPARE(overlayView.at("keepdir/a"), std::string("file a"));
    QCOMPARE(overlayView.at("keepdir/b"), std::string("file b"));
    QCOMPARE(overlayView.at("lib.so.2"), std::string("file shared"));
    QCOMPARE(overlayView.at("top"), std::string("file last layer"));
    for (const auto& [path, what] : overlayView) QVERIFY2(path.find(".wh.") == std::string::npos, path.c_str());
    QVERIFY(overlayView == copyView);

    QVERIFY(overlay->remove("ov"));
    QVERIFY(copy->remove("cp"));
    QVERIFY(!fs::exists(m_tmp->path() / "active/ov"));
    QVERIFY(!fs::exists(m_tmp->path() / "active/cp"));
    QVERIFY(!mountedBelow(m_tmp->path()));
}

void TestSnapshotter::overlayOptionsTooLongFailClearly() {
    // 330 lower dirs of 13 bytes each cannot fit one 4 KiB page of mount data.
    std::vector<oci::ChainId> many;
    oci::ChainId parent;
    for (int i = 0; i < 330; ++i) {
        layer::SnapshotInfo info;
        info.diffId = oci::Digest::sha256Of("empty layer " + std::to_string(i));
        info.chainId = parent.isEmpty() ? info.diffId : oci::chainIdOf(parent, info.diffId);
        info.parent = parent;
        auto scratch = m_store->begin();
        QVERIFY(scratch);
        QVERIFY(m_store->commit(*scratch, info));
        many.push_back(info.chainId);
        parent = info.chainId;
    }
    auto overlay = layer::makeOverlaySnapshotter(*m_store, m_tmp->path() / "active");
    auto r = overlay->prepare("toolong", many);
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), int(ErrorCode::LimitExceeded));
    QVERIFY2(r.error().message.find("page-size limit") != std::string::npos, r.error().message.c_str());
    QVERIFY(!fs::exists(m_tmp->path() / "active/toolong"));
}

void TestSnapshotter::keysAreValidated() {
    auto overlay = layer::makeOverlaySnapshotter(*m_store, m_tmp->path() / "active");
    for (const char* key : {"", "..", "a/b"}) {
        auto r = overlay->prepare(key, m_chain);
        QVERIFY(!r);
        QCOMPARE(int(r.error().code), int(ErrorCode::InvalidArgument));
    }
    auto missing = overlay->prepare("missing", {oci::Digest::sha256Of("no such layer")});
    QVERIFY(!missing);
}

QTEST_APPLESS_MAIN(TestSnapshotter)
#include "tst_layer_snapshotter.moc"
