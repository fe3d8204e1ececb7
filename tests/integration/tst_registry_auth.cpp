// RegistryClient's authentication against docker-registry behind fault_proxy.py: anonymous and
// credentialed Bearer tokens, a refusing token endpoint, re-auth after a revoked token, Basic auth,
// blob redirects to another host (Authorization must not follow), `berth login`'s check, and the
// Docker-format CredentialStore. Needs docker-registry, skopeo and python3; skips without them.
#include "image/base64.h"
#include "image/credential_store.h"
#include "image/registry_client.h"
#include "registry_fixture.h"
#include "registry_test_util.h"
#include "test_image_builder.h"

#include <QTest>

#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

using namespace berth;
using namespace berth::image;
using namespace berth::test;
using nlohmann::json;

namespace {

const Credentials Alice{"alice", "s3cret:with colon"};

// Requests the proxy saw on `server` whose path contains pathPart.
std::vector<json> requestsTo(const json& stats, const std::string& pathPart,
                             const std::string& server = "primary") {
    std::vector<json> out;
    for (const json& r : stats.value("requests", json::array()))
        if (r["server"] == server && r["path"].get<std::string>().find(pathPart) != std::string::npos)
            out.push_back(r);
    return out;
}

// Sets an environment variable for one scope, restoring the previous value.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        value ? ::setenv(name, value, 1) : ::unsetenv(name);
    }
    ~ScopedEnv() { m_old ? ::setenv(m_name, m_old->c_str(), 1) : ::unsetenv(m_name); }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

} // namespace

class TestRegistryAuth : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void bearerAnonymous_data();
    void bearerAnonymous();
    void bearerWithCredentials();
    void tokenEndpointRefuses();
    void reauthenticatesOnceMidPull();
    void renewsExpiredToken();
    void basicAuth();
    void redirectDropsAuthorization();
    void loginCheck();
    void credentialStoreRoundTrip();
    void credentialStoreDefaultPath();

private:
    Status pullSome(const std::string& host, const RegistryOptions& options);
    json proxyStats();

    std::unique_ptr<RegistryFixture> m_reg;
    std::unique_ptr<TempDir> m_work;
    BuiltLayout m_image;
};

void TestRegistryAuth::initTestCase() {
    for (const char* tool : {"docker-registry", "skopeo", "python3"})
        if (!haveTool(QString::fromLatin1(tool)))
            QSKIP(qPrintable(QStringLiteral("needs %1").arg(QLatin1String(tool))));
    m_reg = std::make_unique<RegistryFixture>();
    QVERIFY2(m_reg->isRunning(), m_reg->error());
    m_work = std::make_unique<TempDir>();
    m_image = writeLayout(m_work->path() / "layout", manyLayers(2), "v1");
    PushResult pushed =
        pushImage(m_work->path() / "layout", "v1", m_reg->host(), "auth/app:v1", PushFormat::Oci);
    QVERIFY2(pushed.ok(), qPrintable(pushed.command.err));
}

void TestRegistryAuth::cleanup() {
    if (m_reg) m_reg->stopProxy();
}

void TestRegistryAuth::cleanupTestCase() {
    m_reg.reset();
    m_work.reset();
}

json TestRegistryAuth::proxyStats() {
    std::string text = m_reg->proxyStats();
    return text.empty() ? json::object() : json::parse(text);
}

// What a pull does: manifest by tag, config into memory, a layer streamed.
Status TestRegistryAuth::pullSome(const std::string& host, const RegistryOptions& options) {
    RegistryClient client(host, "auth/app", options);
    auto manifest = BERTH_TRY(client.fetchManifest("v1"));
    if (manifest.digest.str() != m_image.topDigest()) return fail(ErrorCode::Corrupt, "wrong manifest");
    std::string config = BERTH_TRY(client.fetchBlobBytes(descriptorOf(m_image.images[0].config)));
    std::string layer;
    BERTH_CHECK(fetchInto(client, m_image.images[0].layers[1], 0, layer));
    if (layer != m_image.images[0].layers[1].bytes) return fail(ErrorCode::Corrupt, "wrong layer bytes");
    return {};
}

void TestRegistryAuth::bearerAnonymous_data() {
    QTest::addColumn<QString>("tokenField");
    QTest::newRow("token") << "token";
    QTest::newRow("access_token") << "access_token";
}

void TestRegistryAuth::bearerAnonymous() {
    QFETCH(QString, tokenField);
    std::string host = m_reg->startProxy({"--auth", "bearer", "--token-field", tokenField.toStdString()});
    QVERIFY2(!host.empty(), m_reg->error());
    BERTH_VERIFY_OK(pullSome(host, fastOptions()));
    json stats = proxyStats();
    QCOMPARE(stats["token_requests"].get<int>(), 1); // one token serves the whole pull (60 s default)
    auto tokenCalls = requestsTo(stats, "/token");
    QCOMPARE(tokenCalls.size(), std::size_t(1));
    QVERIFY(tokenCalls[0]["path"].get<std::string>().find("scope=repository%3Aauth%2Fapp%3Apull") !=
            std::string::npos);
    QVERIFY(tokenCalls[0]["path"].get<std::string>().find("service=test") != std::string::npos);
    QCOMPARE(tokenCalls[0]["authorization"].get<std::string>(), std::string()); // anonymous
    for (const json& r : requestsTo(stats, "/auth/app/"))
        if (r["status"] == 200) QVERIFY(r["authorization"].get<std::string>().starts_with("Bearer "));
}

void TestRegistryAuth::bearerWithCredentials() {
    std::string host =
        m_reg->startProxy({"--auth", "bearer", "--user", Alice.username, "--password", Alice.password});
    QVERIFY2(!host.empty(), m_reg->error());
    BERTH_VERIFY_OK(pullSome(host, fastOptions(Alice)));
    auto tokenCalls = requestsTo(proxyStats(), "/token");
    QVERIFY(!tokenCalls.empty());
    QCOMPARE(tokenCalls[0]["authorization"].get<std::string>(),
             "Basic " + base64Encode(Alice.username + ":" + Alice.password));
    BERTH_VERIFY_ERROR(pullSome(host, fastOptions()), ErrorCode::Unauthorized,
                       "token endpoint answered 401 unauthorized");
    BERTH_VERIFY_ERROR(pullSome(host, fastOptions(Credentials{"alice", "wrong"})), ErrorCode::Unauthorized,
                       "token endpoint answered 401");
}

void TestRegistryAuth::tokenEndpointRefuses() {
    std::string host = m_reg->startProxy({"--auth", "bearer", "--token-refuse"});
    QVERIFY2(!host.empty(), m_reg->error());
    RegistryClient client(host, "auth/app", fastOptions(Alice));
    auto m = client.fetchManifest("v1");
    QVERIFY(!m);
    QCOMPARE(m.error().code, ErrorCode::Unauthorized);
    QCOMPARE(
        QString::fromStdString(m.error().message),
        QString::fromStdString("pulling " + host + "/auth/app: token endpoint answered 401 unauthorized"));
    QCOMPARE(proxyStats()["token_requests"].get<int>(), 1); // refusals are not retried
}

void TestRegistryAuth::reauthenticatesOnceMidPull() {
    // The proxy revokes every token after the first authorized request: the next one gets a 401.
    std::string host = m_reg->startProxy({"--auth", "bearer", "--revoke-tokens-after", "1"});
    QVERIFY2(!host.empty(), m_reg->error());
    BERTH_VERIFY_OK(pullSome(host, fastOptions()));
    json stats = proxyStats();
    QVERIFY(stats["revoked"].get<bool>());
    QCOMPARE(stats["token_requests"].get<int>(), 2);
}

void TestRegistryAuth::renewsExpiredToken() {
    std::string host = m_reg->startProxy({"--auth", "bearer", "--token-expires-in", "1"});
    QVERIFY2(!host.empty(), m_reg->error());
    RegistryClient client(host, "auth/app", fastOptions());
    BERTH_VERIFY_OK(client.fetchManifest("v1"));
    BERTH_VERIFY_OK(client.fetchManifest("v1"));
    QCOMPARE(proxyStats()["token_requests"].get<int>(), 1);
    QTest::qWait(1100);
    BERTH_VERIFY_OK(client.fetchBlobBytes(descriptorOf(m_image.images[0].config)));
    json stats = proxyStats();
    QCOMPARE(stats["token_requests"].get<int>(), 2);
    for (const json& r : requestsTo(stats, "/auth/app/"))
        QCOMPARE(r["status"].get<int>(), 200); // renewed before a 401
}

void TestRegistryAuth::basicAuth() {
    std::string host =
        m_reg->startProxy({"--auth", "basic", "--user", Alice.username, "--password", Alice.password});
    QVERIFY2(!host.empty(), m_reg->error());
    BERTH_VERIFY_OK(pullSome(host, fastOptions(Alice)));
    json stats = proxyStats();
    QCOMPARE(stats["token_requests"].get<int>(), 0);
    for (const json& r : requestsTo(stats, "/auth/app/"))
        QCOMPARE(r["authorization"].get<std::string>(),
                 "Basic " + base64Encode(Alice.username + ":" + Alice.password));
    BERTH_VERIFY_ERROR(pullSome(host, fastOptions()), ErrorCode::Unauthorized,
                       "asks for a user name and password");
    BERTH_VERIFY_ERROR(pullSome(host, fastOptions(Credentials{"alice", "wrong"})), ErrorCode::Unauthorized,
                       "registry answered 401 unauthorized");
}

void TestRegistryAuth::redirectDropsAuthorization() {
    std::string host = m_reg->startProxy({"--auth", "bearer", "--redirect-blobs-to-host", "127.0.0.2"});
    QVERIFY2(!host.empty(), m_reg->error());
    BERTH_VERIFY_OK(pullSome(host, fastOptions()));
    json stats = proxyStats();
    auto redirected = requestsTo(stats, "/blobs/", "redirect");
    QCOMPARE(redirected.size(), std::size_t(2)); // the config and the layer
    for (const json& r : redirected) {
        QCOMPARE(r["status"].get<int>(), 200);
        QCOMPARE(r["authorization"].get<std::string>(), std::string()); // not forwarded to 127.0.0.2
    }
    auto original = requestsTo(stats, "/blobs/", "primary");
    QCOMPARE(original.size(), std::size_t(2));
    for (const json& r : original) {
        QCOMPARE(r["status"].get<int>(), 307);
        QVERIFY(r["authorization"].get<std::string>().starts_with("Bearer "));
    }
}

void TestRegistryAuth::loginCheck() {
    std::string basic =
        m_reg->startProxy({"--auth", "basic", "--user", Alice.username, "--password", Alice.password});
    QVERIFY2(!basic.empty(), m_reg->error());
    BERTH_VERIFY_OK(checkLogin(basic, Alice, fastOptions()));
    BERTH_VERIFY_ERROR(checkLogin(basic, Credentials{"alice", "nope"}, fastOptions()),
                       ErrorCode::Unauthorized, "refused the credentials");
    std::string bearer =
        m_reg->startProxy({"--auth", "bearer", "--user", Alice.username, "--password", Alice.password});
    QVERIFY2(!bearer.empty(), m_reg->error());
    BERTH_VERIFY_OK(checkLogin(bearer, Alice, fastOptions()));
    BERTH_VERIFY_ERROR(checkLogin(bearer, Credentials{"bob", "x"}, fastOptions()), ErrorCode::Unauthorized,
                       "token endpoint answered 401");
    BERTH_VERIFY_OK(checkLogin(m_reg->host(), Alice, fastOptions())); // no auth at all: nothing to refuse
}

void TestRegistryAuth::credentialStoreRoundTrip() {
    TempDir dir;
    auto file = dir / "nested/config.json";
    CredentialStore store(file);
    QVERIFY(!store.find("127.0.0.1:5000"));
    BERTH_VERIFY_OK(store.save("127.0.0.1:5000", Alice));
    BERTH_VERIFY_OK(store.save("registry.example:443", Credentials{"bob", "pw"}));
    struct stat st {};
    QCOMPARE(::stat(file.c_str(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    json doc = json::parse(readText(file));
    QCOMPARE(doc["auths"]["127.0.0.1:5000"]["auth"].get<std::string>(),
             base64Encode("alice:s3cret:with colon"));
    auto found = store.find("127.0.0.1:5000");
    QVERIFY(found);
    QCOMPARE(found->username, Alice.username);
    QCOMPARE(found->password, Alice.password);
    BERTH_VERIFY_OK(store.erase("127.0.0.1:5000"));
    QVERIFY(!store.find("127.0.0.1:5000"));
    QVERIFY(store.find("registry.example:443"));
    BERTH_VERIFY_ERROR(store.erase("127.0.0.1:5000"), ErrorCode::NotFound, "127.0.0.1:5000");
    // A file written by `docker login` for Docker Hub (its v1 URL as the key) is understood.
    writeText(file,
              R"({"auths":{"https://index.docker.io/v1/":{"auth":")" + base64Encode("hub:pw") + R"("}}})");
    auto hub = CredentialStore(file).find("docker.io");
    QVERIFY(hub);
    QCOMPARE(hub->username, std::string("hub"));
    writeText(file, "{not json");
    BERTH_VERIFY_ERROR(store.save("x:1", Alice), ErrorCode::Corrupt, "not a json object");
    QCOMPARE(readText(file), std::string("{not json")); // never overwrite what we could not read
}

void TestRegistryAuth::credentialStoreDefaultPath() {
    {
        ScopedEnv config("BERTH_CONFIG", "/etc/berth-test/config.json");
        QCOMPARE(CredentialStore::defaultPath(), std::filesystem::path("/etc/berth-test/config.json"));
    }
    ScopedEnv noConfig("BERTH_CONFIG", nullptr);
    {
        ScopedEnv xdg("XDG_CONFIG_HOME", "/xdg");
        QCOMPARE(CredentialStore::defaultPath(), std::filesystem::path("/xdg/berth/config.json"));
    }
    ScopedEnv noXdg("XDG_CONFIG_HOME", nullptr);
    ScopedEnv home("HOME", "/home/tester");
    QCOMPARE(CredentialStore::defaultPath(), std::filesystem::path("/home/tester/.config/berth/config.json"));
}

QTEST_GUILESS_MAIN(TestRegistryAuth)
#include "tst_registry_auth.moc"
