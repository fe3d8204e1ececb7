// Manifest, index and config parsing: media types, schema 1, ambiguity (CVE-2021-41190), digests.
#include "oci/image_config.h"
#include "oci/manifest.h"
#include "oci/media_types.h"
#include "oci/platform.h"
#include "tst_oci_manifest_data.h"

#include <QtTest>

using namespace berth;
using namespace berth::oci;

static const std::string H = std::string(64, 'a');

static std::string manifestJson(const std::string& extra = {}, const std::string& mediaType = {}) {
    std::string mt = mediaType.empty() ? std::string() : "\"mediaType\":\"" + mediaType + "\",";
    return "{\"schemaVersion\":2," + mt + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" +
           H + "\",\"size\":10},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + H +
           "\",\"size\":20}]" + extra + "}";
}

class TestManifest : public QObject {
    Q_OBJECT
private slots:
    void parsesOciManifestWithoutMediaTypeField() {
        // umoci and skopeo push OCI manifests without "mediaType"; Content-Type decides.
        auto m = parseManifest(manifestJson(), "application/vnd.oci.image.manifest.v1+json; charset=utf-8");
        QVERIFY2(m.has_value(), m ? "" : m.error().message.c_str());
        QCOMPARE(QString::fromStdString(m->mediaType), QString::fromLatin1(media::OciManifest.data()));
        QCOMPARE(m->layers.size(), std::size_t(1));
        QCOMPARE(m->layers[0].size, std::int64_t(20));
        QCOMPARE(QString::fromStdString(m->config.digest.str()), QString::fromStdString("sha256:" + H));
    }

    void guessesTypeWithoutAnyHint() {
        auto m = parseManifest(manifestJson(), "");
        QVERIFY(m.has_value());
        QCOMPARE(QString::fromStdString(m->mediaType), QString::fromLatin1(media::OciManifest.data()));
    }

    void rejects_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << "{" << "" << "not a json object";
        QTest::newRow("schema1 by version") << "{\"schemaVersion\":1,\"fsLayers\":[]}" << "" << "schema 1";
        QTest::newRow("schema1 by type") << QString::fromStdString(manifestJson()) << "application/vnd.docker.distribution.manifest.v1+prettyjws" << "schema 1";
        QTest::newRow("ambiguous") << QString::fromStdString(manifestJson(",\"manifests\":[]", std::string(media::OciManifest))) << "" << "ambiguous";
        QTest::newRow("type mismatch") << QString::fromStdString(manifestJson({}, std::string(media::DockerManifest)))
                                       << "application/vnd.oci.image.manifest.v1+json" << "disagrees";
        QTest::newRow("bad digest") << "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:xyz\",\"size\":1},\"layers\":[]}" << "" << "invalid digest";
        QTest::newRow("negative size") << QString::fromStdString("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + H + "\",\"size\":-1},\"layers\":[]}") << "" << "no valid size";
        QTest::newRow("no config") << "{\"schemaVersion\":2,\"layers\":[]}" << "application/vnd.oci.image.manifest.v1+json" << "no config";
        QTest::newRow("index as manifest") << "{\"schemaVersion\":2,\"manifests\":[]}" << "" << "expected an image manifest";
    }
    void rejects() {
        QFETCH(QString, json);
        QFETCH(QString, contentType);
        QFETCH(QString, message);
        auto m = parseManifest(json.toStdString(), contentType.toStdString());
        QVERIFY(!m.has_value());
        QVERIFY2(QString::fromStdString(m.error().message).contains(message), m.error().message.c_str());
    }

    void indexRejectsLayers() {
        auto i = parseImageIndex("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[],\"layers\":[]}");
        QVERIFY(!i.has_value());
        QVERIFY(i.error().message.find("ambiguous") != std::string::npos);
    }

    void indexRoundTrips() {
        ImageIndex idx;
        idx.mediaType = std::string(media::OciIndex);
        Descriptor d;
        d.mediaType = std::string(media::OciManifest);
        d.digest = Digest::fromSha256Hex(H);
        d.size = 42;
        d.platform = Platform{"linux", "arm64", "v8", ""};
        d.annotations["org.opencontainers.image.ref.name"] = "v1";
        idx.manifests.push_back(d);
        auto back = parseImageIndex(toJson(idx));
        QVERIFY(back.has_value());
        QCOMPARE(back->manifests.size(), std::size_t(1));
        QCOMPARE(back->manifests[0].platform->architecture, std::string("arm64"));
        QCOMPARE(back->manifests[0].annotations.at("org.opencontainers.image.ref.name"), std::string("v1"));
    }

    void configFields() {
        std::string cfg = configFixture(H);
        auto c = parseImageConfig(cfg);
        QVERIFY2(c.has_value(), c ? "" : c.error().message.c_str());
        QVERIFY(c->config.hasEntrypoint);
        QVERIFY(c->config.entrypoint.empty());
        QCOMPARE(c->config.cmd, std::vector<std::string>{"sh"});
        QCOMPARE(c->config.exposedPorts, std::vector<std::string>{"80/tcp"});
        QCOMPARE(c->config.volumes, std::vector<std::string>{"/data"});
        QCOMPARE(c->diffIds.size(), std::size_t(1));
        QVERIFY(c->history[0].emptyLayer);
        QVERIFY(!c->history[1].emptyLayer);
        QCOMPARE(Digest::sha256Of(c->raw), Digest::sha256Of(cfg));
    }

    void configRejects_data() {
        QTest::addColumn<QString>("json");
        QTest::newRow("no rootfs") << "{\"architecture\":\"amd64\",\"os\":\"linux\"}";
        QTest::newRow("wrong rootfs type") << "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"fs\",\"diff_ids\":[]}}";
        QTest::newRow("bad diff id") << "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"x\"]}}";
        QTest::newRow("no os") << "{\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    }
    void configRejects() {
        QFETCH(QString, json);
        QVERIFY(!parseImageConfig(json.toStdString()).has_value());
    }

    void chainIds() {
        // config.md: ChainID(L0) = DiffID(L0); ChainID(L0|L1) = sha256(ChainID(L0) + " " + DiffID(L1)).
        Digest a = Digest::fromSha256Hex(std::string(64, '1')), b = Digest::fromSha256Hex(std::string(64, '2'));
        QCOMPARE(chainIdOf(Digest(), a), a);
        QCOMPARE(chainIdOf(a, b), Digest::sha256Of(a.str() + " " + b.str()));
    }

    void platforms_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normal");
        QTest::newRow("x86_64") << "linux/x86_64" << "linux/amd64";
        QTest::newRow("aarch64") << "linux/aarch64/v8" << "linux/arm64";
        QTest::newRow("armhf") << "linux/armhf" << "linux/arm/v7";
        QTest::newRow("arch only") << "arm64" << "linux/arm64";
    }
    void platforms() {
        QFETCH(QString, text);
        QFETCH(QString, normal);
        auto p = Platform::parse(text.toStdString());
        QVERIFY(p.has_value());
        QCOMPARE(QString::fromStdString(p->str()), normal);
    }

    void platformMatching() {
        auto want = Platform::parse("linux/arm/v7").value();
        QVERIFY(want.matches(Platform{"linux", "arm", "v6", ""}));
        QVERIFY(!want.matches(Platform{"linux", "arm64", "", ""}));
        QVERIFY(!Platform::parse("linux/amd64").value().matches(Platform{"windows", "amd64", "", ""}));
        QVERIFY(!Platform::parse("linux/arm/v6").value().matches(Platform{"linux", "arm", "v7", ""}));
    }
};

QTEST_APPLESS_MAIN(TestManifest)
#include "tst_oci_manifest.moc"
