// RegistryClient (manifests, blobs, retries, faults) against Debian's real docker-registry, with
// fault_proxy.py in front of it. Auth, redirects and credentials: tst_registry_auth.cpp.
// Needs docker-registry, skopeo and python3; skips without them.
#include "image/registry_client.h"
#include "oci/media_types.h"
#include "registry_fixture.h"
#include "registry_test_util.h"
#include "test_image_builder.h"

#include <QTest>

#include <memory>
#include <nlohmann/json.hpp>

using namespace berth;
using namespace berth::image;
using namespace berth::test;
using nlohmann::json;
namespace media = berth::oci::media;

namespace {

// Deterministic, incompressible bytes, so a gzip layer stays large enough to cut mid-way.
std::string noise(std::size_t size) {
    std::string s(size, '\0');
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    for (char& c : s) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        c = static_cast<char>(x);
    }
    return s;
}

int countRequests(const json& stats, const std::string& pathPart, const std::string& server = "primary") {
    int n = 0;
    for (const json& r : stats.value("requests", json::array()))
        if (r["server"] == server && r["path"].get<std::string>().find(pathPart) != std::string::npos) ++n;
    return n;
}

} // namespace

class TestRegistryClient : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void loopbackHosts_data();
    void loopbackHosts();
    void manifestOciByTagWithoutMediaType();
    void manifestByDigest();
    void manifestDockerSchema2();
    void manifestOciIndexAndManifestList();
    void manifestNotFound();
    void manifestWrongDigest();
    void schema1Rejected();
    void hugeManifestRejected();
    void zstdLayersKept();
    void blobBytesAndResumeOffset();
    void resumeWhenRangeIgnored();
    void blobNotFound();
    void blobLargerThanDescriptor();
    void retriesAfter5xx();
    void retriesGiveUp();
    void honoursRetryAfter();
    void resumesDroppedBlob();
    void corruptBlobNamed();
    void sinkErrorAbortsAtOnce();

private:
    std::string proxy(const std::vector<std::string>& flags);
    json proxyStats();

    std::unique_ptr<RegistryFixture> m_reg;
    std::unique_ptr<TempDir> m_work;
    BuiltLayout m_oci, m_index, m_zstd, m_big;
    std::string m_schema2Digest, m_listDigest;
};

void TestRegistryClient::initTestCase() {
    for (const char* tool : {"docker-registry", "skopeo", "python3"})
        if (!haveTool(QString::fromLatin1(tool)))
            QSKIP(qPrintable(QStringLiteral("needs %1").arg(QLatin1String(tool))));
    m_reg = std::make_unique<RegistryFixture>();
    QVERIFY2(m_reg->isRunning(), m_reg->error());
    m_work = std::make_unique<TempDir>();
    auto publish = [&](const TestImage& img, const std::string& repo, BuiltLayout* built) {
        auto dir = m_work->path() / repo;
        BuiltLayout layout = writeLayout(dir, img, "v1");
        if (built) *built = layout;
        PushResult pushed = pushImage(dir, "v1", m_reg->host(), "test/" + repo + ":v1", img.format);
        if (!pushed.ok()) qWarning("skopeo: %s", qPrintable(pushed.command.err));
        return pushed.digest;
    };
    // skopeo keeps OCI manifests byte for byte (so the registry's digest is the layout's).
    std::string pushed = publish(manyLayers(3), "oci", &m_oci);
    QCOMPARE(pushed, m_oci.topDigest());
    pushed = publish(twoPlatformIndex(), "multi", &m_index);
    QCOMPARE(pushed, m_index.topDigest());
    pushed = publish(zstdImage(), "zstd", &m_zstd);
    QCOMPARE(pushed, m_zstd.topDigest());
    m_schema2Digest = publish(dockerSchema2Image(), "schema2", nullptr);
    QVERIFY(!m_schema2Digest.empty());
    TestImage list = twoPlatformIndex();
    list.format = PushFormat::DockerV2s2;
    m_listDigest = publish(list, "list", nullptr);
    QVERIFY(!m_listDigest.empty());
    ImageSpec big;
    big.layers.push_back({TarBuilder().file("noise", noise(3u << 20)), Compression::Gzip, "ADD noise"});
    pushed = publish({{big}, PushFormat::Oci}, "big", &m_big);
    QCOMPARE(pushed, m_big.topDigest());
    QVERIFY(m_big.images[0].layers[0].size > (3 << 20));
}

void TestRegistryClient::cleanup() {
    if (m_reg) m_reg->stopProxy();
}

void TestRegistryClient::cleanupTestCase() {
    m_reg.reset();
    m_work.reset();
}

std::string TestRegistryClient::proxy(const std::vector<std::string>& flags) {
    std::string host = m_reg->startProxy(flags);
    if (host.empty()) qWarning("%s", m_reg->error());
    return host;
}

json TestRegistryClient::proxyStats() {
    std::string text = m_reg->proxyStats();
    return text.empty() ? json::object() : json::parse(text);
}

void TestRegistryClient::loopbackHosts_data() {
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("ipv4") << "127.0.0.1" << true;
    QTest::newRow("ipv4 port") << "127.0.0.1:5000" << true;
    QTest::newRow("other 127/8") << "127.12.0.3:80" << true;
    QTest::newRow("localhost") << "localhost" << true;
    QTest::newRow("localhost port") << "localhost:5000" << true;
    QTest::newRow("ipv6") << "::1" << true;
    QTest::newRow("ipv6 port") << "[::1]:5000" << true;
    QTest::newRow("docker hub") << "docker.io" << false;
    QTest::newRow("lan") << "192.168.1.10:5000" << false;
    QTest::newRow("lookalike") << "127.0.0.1.example.com" << false;
    QTest::newRow("localhost lookalike") << "localhost.example.com:5000" << false;
}

void TestRegistryClient::loopbackHosts() {
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(isLoopbackRegistry(host.toStdString()), loopback);
}

void TestRegistryClient::manifestOciByTagWithoutMediaType() {
    RegistryClient client(m_reg->host(), "test/oci", fastOptions());
    auto m = client.fetchManifest("v1");
    BERTH_VERIFY_OK(m);
    QVERIFY(m->bytes.find("\"mediaType\":\"application/vnd.oci.image.manifest") == std::string::npos);
    QCOMPARE(m->mediaType, std::string(media::OciManifest)); // from Content-Type
    QCOMPARE(m->digest.str(), m_oci.images[0].manifest.digest);
    QCOMPARE(m->bytes, m_oci.images[0].manifest.bytes);
}

void TestRegistryClient::manifestByDigest() {
    RegistryClient client(m_reg->host(), "test/oci", fastOptions());
    auto m = client.fetchManifest(m_oci.images[0].manifest.digest);
    BERTH_VERIFY_OK(m);
    QCOMPARE(m->bytes, m_oci.images[0].manifest.bytes);
    auto config = client.fetchBlobBytes(descriptorOf(m_oci.images[0].config));
    BERTH_VERIFY_OK(config);
    QCOMPARE(*config, m_oci.images[0].config.bytes);
}

void TestRegistryClient::manifestDockerSchema2() {
    RegistryClient client(m_reg->host(), "test/schema2", fastOptions());
    auto m = client.fetchManifest("v1");
    BERTH_VERIFY_OK(m);
    QCOMPARE(m->mediaType, std::string(media::DockerManifest));
    QCOMPARE(m->digest.str(), m_schema2Digest);
    auto again = client.fetchManifest(m_schema2Digest);
    BERTH_VERIFY_OK(again);
    QCOMPARE(again->bytes, m->bytes);
}

void TestRegistryClient::manifestOciIndexAndManifestList() {
    RegistryClient oci(m_reg->host(), "test/multi", fastOptions());
    auto idx = oci.fetchManifest("v1");
    BERTH_VERIFY_OK(idx);
    QCOMPARE(idx->mediaType, std::string(media::OciIndex));
    QCOMPARE(idx->digest.str(), m_index.index.digest);
    auto arm = oci.fetchManifest(m_index.images[1].manifest.digest);
    BERTH_VERIFY_OK(arm);
    QCOMPARE(arm->bytes, m_index.images[1].manifest.bytes);

    RegistryClient docker(m_reg->host(), "test/list", fastOptions());
    auto list = docker.fetchManifest("v1");
    BERTH_VERIFY_OK(list);
    QCOMPARE(list->mediaType, std::string(media::DockerManifestList));
    QCOMPARE(list->digest.str(), m_listDigest);
}

void TestRegistryClient::manifestNotFound() {
    RegistryClient client(m_reg->host(), "test/oci", fastOptions());
    BERTH_VERIFY_ERROR(client.fetchManifest("nosuchtag"), ErrorCode::NotFound, "manifest unknown");
    BERTH_VERIFY_ERROR(client.fetchManifest("sha256:" + std::string(64, 'e')), ErrorCode::NotFound,
                       "manifest unknown");
    RegistryClient other(m_reg->host(), "test/nosuchrepo", fastOptions());
    BERTH_VERIFY_ERROR(other.fetchManifest("v1"), ErrorCode::NotFound, "test/nosuchrepo:v1");
}

void TestRegistryClient::manifestWrongDigest() {
    std::string host = proxy({"--tamper-manifest"});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/oci", fastOptions());
    // By tag: the body no longer matches Docker-Content-Digest. By digest: nor the digest we asked for.
    BERTH_VERIFY_ERROR(client.fetchManifest("v1"), ErrorCode::Corrupt, "but the registry says");
    BERTH_VERIFY_ERROR(client.fetchManifest(m_oci.images[0].manifest.digest), ErrorCode::Corrupt,
                       "manifest verification failed");
}

void TestRegistryClient::schema1Rejected() {
    std::string host = proxy({"--schema1"});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/oci", fastOptions());
    BERTH_VERIFY_ERROR(client.fetchManifest("v1"), ErrorCode::Unsupported,
                       "schema 1 manifests are not supported");
}

void TestRegistryClient::hugeManifestRejected() {
    std::string host = proxy({"--huge-manifest"});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/oci", fastOptions());
    BERTH_VERIFY_ERROR(client.fetchManifest("v1"), ErrorCode::LimitExceeded,
                       "manifest exceeds 4194304 bytes");
}

void TestRegistryClient::zstdLayersKept() {
    RegistryClient client(m_reg->host(), "test/zstd", fastOptions());
    auto m = client.fetchManifest("v1");
    BERTH_VERIFY_OK(m);
    auto doc = json::parse(m->bytes);
    QCOMPARE(doc["layers"].size(), std::size_t(2));
    for (std::size_t i = 0; i < 2; ++i) {
        QCOMPARE(doc["layers"][i]["mediaType"].get<std::string>(), std::string(media::OciLayerZstd));
        QCOMPARE(doc["layers"][i]["digest"].get<std::string>(), m_zstd.images[0].layers[i].digest);
    }
    auto layer = client.fetchBlobBytes(descriptorOf(m_zstd.images[0].layers[1]));
    BERTH_VERIFY_OK(layer);
    QCOMPARE(layer->substr(0, 4), std::string("\x28\xb5\x2f\xfd", 4)); // zstd frame magic
}

void TestRegistryClient::blobBytesAndResumeOffset() {
    const BuiltBlob& layer = m_big.images[0].layers[0];
    std::string host = proxy({});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/big", fastOptions());
    std::string all;
    BERTH_VERIFY_OK(fetchInto(client, layer, 0, all));
    QVERIFY(all == layer.bytes);
    std::string tail;
    BERTH_VERIFY_OK(fetchInto(client, layer, 12345, tail));
    QVERIFY(tail == layer.bytes.substr(12345));
    std::string none;
    BERTH_VERIFY_OK(fetchInto(client, layer, layer.bytes.size(), none));
    QVERIFY(none.empty());
    bool sawRange = false;
    json stats = proxyStats();
    for (const json& r : stats["requests"])
        sawRange |= r["range"] == "bytes=12345-" && r["status"] == 206;
    QVERIFY2(sawRange, "the resumed GET did not carry Range: bytes=12345- or got no 206");
}

void TestRegistryClient::resumeWhenRangeIgnored() {
    const BuiltBlob& layer = m_big.images[0].layers[0];
    std::string host = proxy({"--ignore-range", "--drop-blob-after", "70000"});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/big", fastOptions());
    std::string tail;
    BERTH_VERIFY_OK(fetchInto(client, layer, 5000, tail)); // 200 each time: skip what we already have
    QVERIFY(tail == layer.bytes.substr(5000));
    json stats = proxyStats();
    auto blobGets = countRequests(stats, "/blobs/");
    QCOMPARE(blobGets, 2);
    for (const json& r : stats["requests"])
        QCOMPARE(r["status"].get<int>(), 200);
}

void TestRegistryClient::blobNotFound() {
    RegistryClient client(m_reg->host(), "test/oci", fastOptions());
    BuiltBlob missing{std::string(media::OciLayerGzip), "sha256:" + std::string(64, 'd'), 10, {}};
    std::string out;
    BERTH_VERIFY_ERROR(fetchInto(client, missing, 0, out), ErrorCode::NotFound, "fetching blob sha256:dddd");
    QVERIFY(out.empty());
    std::string host = proxy({});
    QVERIFY(!host.empty());
    RegistryClient viaProxy(host, "test/oci", fastOptions());
    BERTH_VERIFY_ERROR(fetchInto(viaProxy, missing, 0, out), ErrorCode::NotFound, "BLOB_UNKNOWN");
    QCOMPARE(countRequests(proxyStats(), "/blobs/"), 1); // a 404 is not retried
}

void TestRegistryClient::blobLargerThanDescriptor() {
    RegistryClient client(m_reg->host(), "test/big", fastOptions());
    BuiltBlob shrunk = m_big.images[0].layers[0];
    shrunk.size -= 1000;
    std::string out;
    BERTH_VERIFY_ERROR(fetchInto(client, shrunk, 0, out), ErrorCode::Corrupt,
                       "is larger than its descriptor's " + std::to_string(shrunk.size) + " bytes");
    QVERIFY(out.size() <= static_cast<std::size_t>(shrunk.size));
}

void TestRegistryClient::retriesAfter5xx() {
    std::string host = proxy({"--fail-5xx", "3"});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/big", fastOptions());
    std::vector<std::string> reasons;
    client.setRetryObserver([&](const std::string& what, int, int) { reasons.push_back(what); });
    auto m = client.fetchManifest("v1");
    BERTH_VERIFY_OK(m);
    QCOMPARE(m->digest.str(), m_big.topDigest());
    QCOMPARE(reasons.size(), std::size_t(3));
    QVERIFY2(reasons[0].find("registry answered 50") != std::string::npos, reasons[0].c_str());

    m_reg->startProxy({"--fail-5xx", "2"});
    RegistryClient blobs(m_reg->proxyHost(), "test/big", fastOptions());
    std::string out;
    BERTH_VERIFY_OK(fetchInto(blobs, m_big.images[0].layers[0], 0, out));
    QVERIFY(out == m_big.images[0].layers[0].bytes);
    QCOMPARE(countRequests(proxyStats(), "/blobs/"), 3);
}

void TestRegistryClient::retriesGiveUp() {
    std::string host = proxy({"--fail-5xx", "100"});
    QVERIFY(!host.empty());
    RegistryOptions o = fastOptions();
    o.maxAttempts = 3;
    RegistryClient client(host, "test/oci", o);
    std::string out;
    BERTH_VERIFY_ERROR(fetchInto(client, m_oci.images[0].config, 0, out), ErrorCode::Network,
                       "fetching blob " + m_oci.images[0].config.digest +
                           ": registry answered 503 service unavailable (UNKNOWN: injected failure)");
    QCOMPARE(countRequests(proxyStats(), "/blobs/"), 3);
}

void TestRegistryClient::honoursRetryAfter() {
    std::string host = proxy({"--fail-429", "1", "--retry-after", "1"});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/oci", fastOptions());
    std::vector<int> waits;
    client.setRetryObserver([&](const std::string&, int, int waitMillis) { waits.push_back(waitMillis); });
    BERTH_VERIFY_OK(client.fetchManifest("v1"));
    QCOMPARE(waits, std::vector<int>{1000});
}

void TestRegistryClient::resumesDroppedBlob() {
    const BuiltBlob& layer = m_big.images[0].layers[0];
    std::string host = proxy({"--drop-blob-after", "100000"});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/big", fastOptions());
    int retries = 0;
    client.setRetryObserver([&](const std::string&, int, int) { ++retries; });
    std::string out;
    BERTH_VERIFY_OK(fetchInto(client, layer, 0, out));
    QCOMPARE(out.size(), layer.bytes.size()); // every byte exactly once
    QVERIFY(out == layer.bytes);
    QCOMPARE(retries, 1);
    json stats = proxyStats();
    QCOMPARE(stats["dropped"].size(), std::size_t(1));
    bool resumed = false;
    for (const json& r : stats["requests"])
        resumed |= r["range"] == "bytes=100000-" && r["status"] == 206;
    QVERIFY2(resumed, stats.dump().c_str());
}

void TestRegistryClient::corruptBlobNamed() {
    std::string host = proxy({"--corrupt-blob"});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/oci", fastOptions());
    const BuiltBlob& config = m_oci.images[0].config;
    BERTH_VERIFY_ERROR(client.fetchBlobBytes(descriptorOf(config)), ErrorCode::Corrupt,
                       "blob " + config.digest + " does not match its digest");
}

void TestRegistryClient::sinkErrorAbortsAtOnce() {
    std::string host = proxy({});
    QVERIFY(!host.empty());
    RegistryClient client(host, "test/big", fastOptions());
    std::size_t seen = 0;
    Status s = client.fetchBlob(descriptorOf(m_big.images[0].layers[0]), 0,
                                [&](const char*, std::size_t size) -> Status {
                                    seen += size;
                                    return fail(ErrorCode::Io, "disk full");
                                });
    BERTH_VERIFY_ERROR(s, ErrorCode::Io, "disk full");
    QVERIFY(seen > 0);
    QCOMPARE(countRequests(proxyStats(), "/blobs/"), 1); // a sink error is never retried
}

QTEST_GUILESS_MAIN(TestRegistryClient)
#include "tst_registry_client.moc"
