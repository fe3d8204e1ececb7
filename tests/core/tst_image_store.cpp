// The image store's index: names, dangling images, resolution by name, digest and id prefix.
#include "image/image_store.h"
#include "test_env.h"

#include <QtTest>

using namespace berth;
using namespace berth::image;

namespace {

// Puts a minimal image (one empty-diff config, no layers) into the store and returns its manifest.
oci::Descriptor addImage(ImageStore& store, const std::string& label) {
    std::string config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2025-01-01T00:00:00Z\",\"config\":{\"Labels\":{\"l\":\"" +
                         label + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    auto cfg = store.content().put(config).value();
    oci::Manifest m;
    m.mediaType = "application/vnd.oci.image.manifest.v1+json";
    m.config = {"application/vnd.oci.image.config.v1+json", cfg, static_cast<std::int64_t>(config.size())};
    std::string bytes = oci::toJson(m);
    auto md = store.content().put(bytes).value();
    return {m.mediaType, md, static_cast<std::int64_t>(bytes.size())};
}

oci::Digest configOf(ImageStore& store, const oci::Descriptor& d) { return store.loadImage(d).value().imageId; }

} // namespace

class TestImageStore : public QObject {
    Q_OBJECT
private slots:
    void namesAndResolution() {
        test::TempDir dir;
        auto store = ImageStore::open(dir.path()).value();
        auto a = addImage(store, "a");
        QVERIFY(store.setName("docker.io/library/busybox:latest", a, configOf(store, a)).has_value());
        QVERIFY(store.setName("docker.io/class/x:1", a, configOf(store, a)).has_value());
        auto byShort = store.resolve("busybox");
        QVERIFY(byShort.has_value());
        QCOMPARE(byShort->records.size(), std::size_t(2));
        auto id = configOf(store, a).encoded();
        QCOMPARE(store.resolve(id.substr(0, 5)).value().target.digest, a.digest);
        QCOMPARE(store.resolve("sha256:" + id).value().target.digest, a.digest);
        QCOMPARE(store.resolve("busybox@" + a.digest.str()).value().target.digest, a.digest);
        auto missing = store.resolve("nosuch");
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void retaggingLeavesADanglingImage() {
        test::TempDir dir;
        auto store = ImageStore::open(dir.path()).value();
        auto a = addImage(store, "a"), b = addImage(store, "b");
        QVERIFY(store.setName("docker.io/library/app:latest", a, configOf(store, a)).has_value());
        QVERIFY(store.setName("docker.io/library/app:latest", b, configOf(store, b)).has_value());
        auto list = store.list().value();
        QCOMPARE(list.size(), std::size_t(2));
        auto dangling = std::find_if(list.begin(), list.end(), [](auto& r) { return r.name.empty(); });
        QVERIFY(dangling != list.end());
        QCOMPARE(dangling->target.digest, a.digest);
        // Naming it again removes the dangling entry.
        QVERIFY(store.setName("docker.io/library/old:1", a, configOf(store, a)).has_value());
        list = store.list().value();
        QVERIFY(std::none_of(list.begin(), list.end(), [](auto& r) { return r.name.empty(); }));
    }

    void garbageCollectionKeepsWhatIsReferenced() {
        test::TempDir dir;
        auto store = ImageStore::open(dir.path()).value();
        auto a = addImage(store, "a"), b = addImage(store, "b");
        QVERIFY(store.setName("docker.io/library/a:1", a, configOf(store, a)).has_value());
        QVERIFY(store.setName("docker.io/library/b:1", b, configOf(store, b)).has_value());
        auto orphan = store.content().put("nobody refers to me").value();
        auto lock = store.lockExclusive().value();
        auto report = store.collectGarbage().value();
        QCOMPARE(report.removedBlobs.size(), std::size_t(1));
        QCOMPARE(report.removedBlobs[0], orphan);
        QVERIFY(store.removeTarget(a.digest).has_value());
        report = store.collectGarbage().value();
        QCOMPARE(report.removedBlobs.size(), std::size_t(2)); // a's manifest and config
        QVERIFY(store.content().has(b.digest));
        QVERIFY(store.resolve("b:1").has_value());
    }

    void indexIsAValidOciIndex() {
        test::TempDir dir;
        auto store = ImageStore::open(dir.path()).value();
        auto a = addImage(store, "a");
        QVERIFY(store.setName("127.0.0.1:5000/x/y:v1", a, configOf(store, a), "sha256:" + std::string(64, 'c')).has_value());
        auto text = test::readText(dir.path() / "images/index.json");
        auto idx = oci::parseImageIndex(text);
        QVERIFY(idx.has_value());
        QCOMPARE(idx->manifests.at(0).annotations.at("org.opencontainers.image.ref.name"), std::string("127.0.0.1:5000/x/y:v1"));
        auto rec = store.list().value().at(0);
        QCOMPARE(rec.repoDigest, "sha256:" + std::string(64, 'c'));
    }
};

QTEST_GUILESS_MAIN(TestImageStore)
#include "tst_image_store.moc"
