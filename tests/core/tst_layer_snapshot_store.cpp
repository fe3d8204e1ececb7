// SnapshotStore: scratch directories become snapshots only through commit(); a second commit of
// the same ChainId keeps the first; sweep() clears what crashed pulls left; short links resolve.
#include "layer/snapshot_store.h"
#include "test_env.h"

#include <QtTest>

#include <sys/stat.h>
#include <utime.h>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

oci::Digest digestOf(const std::string& text) { return oci::Digest::sha256Of(text); }

layer::SnapshotInfo infoFor(const std::string& name, const oci::ChainId& parent = {}) {
    layer::SnapshotInfo info;
    info.diffId = digestOf("diff " + name);
    info.chainId = parent.isEmpty() ? info.diffId : oci::chainIdOf(parent, info.diffId);
    info.parent = parent;
    return info;
}

std::vector<std::string> namesIn(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestSnapshotStore : public QObject {
    Q_OBJECT
private slots:
    void beginGivesEmptyScratch();
    void commitMakesSnapshotVisible();
    void infoRoundTrips();
    void shortLinkPointsToFs();
    void commitOfExistingChainIdDiscardsScratch();
    void abortRemovesScratch();
    void abortRefusesOtherPaths();
    void sweepRemovesStaleScratch();
    void removeDeletesSnapshotAndLink();
    void listSkipsScratch();
    void commitRejectsMissingIds();
};

void TestSnapshotStore::beginGivesEmptyScratch() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    QVERIFY(store);
    auto scratch = store->begin();
    QVERIFY(scratch);
    QCOMPARE(scratch->parent_path(), t / "store" / "snapshots");
    QVERIFY(scratch->filename().string().starts_with(".tmp-"));
    QVERIFY(fs::is_directory(*scratch / "fs"));
    QVERIFY(fs::is_empty(*scratch / "fs"));
    auto other = store->begin();
    QVERIFY(other && *other != *scratch);
}

void TestSnapshotStore::commitMakesSnapshotVisible() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    QVERIFY(store);
    auto info = infoFor("base");
    QVERIFY(!store->has(info.chainId));
    fs::path scratch = *store->begin();
    writeText(scratch / "fs" / "etc" / "hostname", "berth\n");
    auto committed = store->commit(scratch, info);
    QVERIFY2(committed, committed ? "" : committed.error().message.c_str());
    QVERIFY(store->has(info.chainId));
    QVERIFY(!fs::exists(scratch));
    QCOMPARE(store->fsDir(info.chainId), t / "store" / "snapshots" / info.chainId.encoded() / "fs");
    QCOMPARE(readText(store->fsDir(info.chainId) / "etc" / "hostname"), std::string("berth\n"));
    QCOMPARE(committed->size, std::uint64_t(6));
}

void TestSnapshotStore::infoRoundTrips() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    auto base = infoFor("base");
    QVERIFY(store->commit(*store->begin(), base));
    auto child = infoFor("child", base.chainId);
    child.size = 4242;
    QVERIFY(store->commit(*store->begin(), child));

    auto back = store->info(child.chainId);
    QVERIFY2(back, back ? "" : back.error().message.c_str());
    QCOMPARE(back->chainId, child.chainId);
    QCOMPARE(back->diffId, child.diffId);
    QCOMPARE(back->parent, base.chainId);
    QCOMPARE(back->size, std::uint64_t(4242));
    QCOMPARE(back->shortId, child.chainId.encoded().substr(0, 12));
    auto baseBack = store->info(base.chainId);
    QVERIFY(baseBack);
    QVERIFY(baseBack->parent.isEmpty());
    auto missing = store->info(digestOf("nothing"));
    QVERIFY(!missing);
    QCOMPARE(int(missing.error().code), int(ErrorCode::NotFound));
}

void TestSnapshotStore::shortLinkPointsToFs() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    auto info = infoFor("linked");
    fs::path scratch = *store->begin();
    writeText(scratch / "fs" / "marker", "here");
    auto committed = store->commit(scratch, info);
    QVERIFY(committed);
    fs::path link = store->linkDir() / committed->shortId;
    QVERIFY(fs::is_symlink(link));
    QCOMPARE(fs::read_symlink(link).string(), "../snapshots/" + info.chainId.encoded() + "/fs");
    QCOMPARE(readText(link / "marker"), std::string("here"));
    QCOMPARE(namesIn(store->linkDir()), std::vector<std::string>{committed->shortId}); // no temp links left
}

void TestSnapshotStore::commitOfExistingChainIdDiscardsScratch() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    auto info = infoFor("raced");
    fs::path first = *store->begin();
    writeText(first / "fs" / "who", "first");
    fs::path second = *store->begin();
    writeText(second / "fs" / "who", "second");
    QVERIFY(store->commit(first, info));
    auto again = store->commit(second, info);
    QVERIFY2(again, again ? "" : again.error().message.c_str());
    QVERIFY(!fs::exists(second));
    QCOMPARE(readText(store->fsDir(info.chainId) / "who"), std::string("first"));
    QCOMPARE(again->chainId, info.chainId);
    QCOMPARE(namesIn(t / "store" / "snapshots"), std::vector<std::string>{info.chainId.encoded()});
}

void TestSnapshotStore::abortRemovesScratch() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    fs::path scratch = *store->begin();
    writeText(scratch / "fs" / "a" / "b", "partial");
    QVERIFY(store->abort(scratch));
    QVERIFY(!fs::exists(scratch));
    QVERIFY(fs::is_empty(t / "store" / "snapshots"));
}

void TestSnapshotStore::abortRefusesOtherPaths() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    writeText(t / "precious" / "file", "keep");
    auto r = store->abort(t / "precious");
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), int(ErrorCode::InvalidArgument));
    QVERIFY(fs::exists(t / "precious" / "file"));
}

void TestSnapshotStore::sweepRemovesStaleScratch() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    auto kept = infoFor("kept");
    QVERIFY(store->commit(*store->begin(), kept));
    fs::path stale = *store->begin();
    writeText(stale / "fs" / "junk", "j");
    struct utimbuf old {1000000000, 1000000000};
    QVERIFY(::utime(stale.c_str(), &old) == 0);
    fs::path fresh = *store->begin();
    ::symlink("../snapshots/gone/fs", (store->linkDir() / "deadbeefdead").c_str());

    store->sweep(3600);
    QVERIFY(!fs::exists(stale));
    QVERIFY(fs::exists(fresh)); // may belong to a pull still running
    QVERIFY(store->has(kept.chainId));
    QVERIFY(!fs::is_symlink(store->linkDir() / "deadbeefdead"));
    QVERIFY(fs::is_symlink(store->linkDir() / kept.chainId.shortId()));
    store->sweep(-1);
    QVERIFY(!fs::exists(fresh));
}

void TestSnapshotStore::removeDeletesSnapshotAndLink() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    auto info = infoFor("doomed");
    fs::path scratch = *store->begin();
    writeText(scratch / "fs" / "x", "x");
    auto committed = store->commit(scratch, info);
    QVERIFY(committed);
    QVERIFY(store->remove(info.chainId));
    QVERIFY(!store->has(info.chainId));
    QVERIFY(!fs::is_symlink(store->linkDir() / committed->shortId));
    QVERIFY(fs::is_empty(t / "store" / "snapshots"));
    auto again = store->remove(info.chainId);
    QVERIFY(!again);
    QCOMPARE(int(again.error().code), int(ErrorCode::NotFound));
}

void TestSnapshotStore::listSkipsScratch() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    auto a = infoFor("a"), b = infoFor("b");
    QVERIFY(store->commit(*store->begin(), a));
    QVERIFY(store->commit(*store->begin(), b));
    QVERIFY(store->begin());
    auto ids = store->list();
    std::vector<oci::ChainId> expected{a.chainId, b.chainId};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(ids.size(), std::size_t(2));
    QVERIFY(ids == expected);
}

void TestSnapshotStore::commitRejectsMissingIds() {
    TempDir t;
    auto store = layer::SnapshotStore::open(t / "store");
    fs::path scratch = *store->begin();
    auto r = store->commit(scratch, layer::SnapshotInfo{});
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), int(ErrorCode::InvalidArgument));
    QVERIFY(fs::exists(scratch));
}

QTEST_APPLESS_MAIN(TestSnapshotStore)
#include "tst_layer_snapshot_store.moc"
