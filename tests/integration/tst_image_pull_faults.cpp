// What a pull does when things go wrong: registry errors, dropped connections, bad documents,
// authentication, and the process itself killed with SIGKILL at several moments. Every case
// ends with a clear one-line error or a correct retry, and a store that checks out healthy.
#include "layer/snapshotter.h"
#include "engine/engine.h"
#include "registry_fixture.h"
#include "store_check.h"
#include "test_env.h"
#include "test_image_builder.h"
#include "tree_snapshot.h"

#include <QtTest>
#include <nlohmann/json.hpp>
#include <random>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

std::string randomBytes(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xff);
    return s;
}

// Three layers of ~1.5 MB of incompressible bytes: at 500 kB/s a throttled pull takes about 3 s.
TestImage slowImage() {
    TestImage img;
    ImageSpec spec;
    for (unsigned i = 0; i < 3; ++i) {
        LayerSpec l;
        l.tar.dir("data").file("data/part" + std::to_string(i) + ".bin", randomBytes(1500000, i + 1));
        l.createdBy = "part " + std::to_string(i);
        spec.layers.push_back(std::move(l));
    }
    img.platforms.push_back(std::move(spec));
    return img;
}

} // namespace

class TestImagePullFaults : public QObject {
    Q_OBJECT

    std::unique_ptr<RegistryFixture> m_registry;
    std::unique_ptr<TempDir> m_work;

    QString viaProxy(const std::vector<std::string>& flags, const std::string& repo) {
        std::string host = m_registry->startProxy(flags);
        if (host.empty()) qWarning("proxy: %s", m_registry->error());
        return QString::fromStdString(host + "/" + repo + ":v1");
    }
    QString direct(const std::string& repo) { return QString::fromStdString(m_registry->host() + "/" + repo + ":v1"); }

    static bool imagesEmpty(const fs::path& root) {
        return runBerth(root, {QStringLiteral("images"), QStringLiteral("-q")}).out.trimmed().isEmpty();
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: layers keep their owners and whiteouts are device nodes");
        m_registry = std::make_unique<RegistryFixture>();
        QVERIFY2(m_registry->isRunning(), m_registry->error());
        m_work = std::make_unique<TempDir>();
        for (auto& [repo, img] : std::vector<std::pair<std::string, TestImage>>{{"slow", slowImage()}, {"many", manyLayers(6)}}) {
            writeLayout(m_work->path() / repo, img, "v1");
            auto pushed = pushImage(m_work->path() / repo, "v1", m_registry->host(), repo + ":v1", img.format);
            QVERIFY2(pushed.ok(), qPrintable(pushed.command.err));
        }
    }
    void cleanup() { m_registry->stopProxy(); }

    void retriesServerErrors() {
        TempDir root;
        auto r = runBerth(root.path(), {QStringLiteral("pull"), viaProxy({"--fail-5xx", "3"}, "many")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("retrying in")), qPrintable(r.out));
        QCOMPARE(QString::fromStdString(checkStore(root.path())), QString());
    }

    void resumesADroppedConnection() {
        TempDir root;
        auto r = runBerth(root.path(), {QStringLiteral("pull"), viaProxy({"--drop-blob-after", "300000"}, "slow")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto stats = nlohmann::json::parse(m_registry->proxyStats());
        bool resumed = false;
        for (auto& req : stats["requests"])
            if (req.value("range", "").rfind("bytes=300000-", 0) == 0) resumed = true;
        QVERIFY2(resumed, "no Range request resumed the dropped blob");
        QCOMPARE(QString::fromStdString(checkStore(root.path())), QString());
    }

    void badDocumentsGiveOneLineErrors_data() {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("message");
        QTest::newRow("huge manifest") << "--huge-manifest" << "exceeds";
        QTest::newRow("schema 1") << "--schema1" << "schema 1";
        QTest::newRow("corrupt blob") << "--corrupt-blob" << "sha256:";
        QTest::newRow("tampered manifest") << "--tamper-manifest" << "hashes to";
    }
    void badDocumentsGiveOneLineErrors() {
        QFETCH(QString, flag);
        QFETCH(QString, message);
        TempDir root;
        auto r = runBerth(root.path(), {QStringLiteral("pull"), viaProxy({flag.toStdString()}, "many")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("Error: pulling ")) && r.err.count(QLatin1Char('\n')) == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(imagesEmpty(root.path()));
        QCOMPARE(QString::fromStdString(checkStore(root.path())), QString());
    }

    void loginThenPullWithBearerToken() {
        TempDir root, home;
        QString via = viaProxy({"--auth", "bearer", "--user", "student", "--password", "s3cret"}, "many");
        QString host = via.section(QLatin1Char('/'), 0, 0);
        QStringList env{QStringLiteral("BERTH_CONFIG=") + QString::fromStdString((home.path() / "config.json").string())};
        auto denied = runBerth(root.path(), {QStringLiteral("pull"), via}, 60000, env);
        QCOMPARE(denied.exitCode, 1);
        QVERIFY2(denied.err.contains(QStringLiteral("401")) || denied.err.contains(QStringLiteral("unauthorized")), qPrintable(denied.err));
        auto wrong = runBerth(root.path(), {QStringLiteral("login"), QStringLiteral("-u"), QStringLiteral("student"),
                                            QStringLiteral("--password-stdin"), host}, 60000, env, "wrong\n");
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY(!fs::exists(home.path() / "config.json"));
        auto login = runBerth(root.path(), {QStringLiteral("login"), QStringLiteral("-u"), QStringLiteral("student"),
                                            QStringLiteral("--password-stdin"), host}, 60000, env, "s3cret\n");
        QVERIFY2(login.exitCode == 0, qPrintable(login.err));
        QVERIFY(login.out.contains(QStringLiteral("Login Succeeded")));
        QCOMPARE(fs::status(home.path() / "config.json").permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
        QVERIFY(readText(home.path() / "config.json").find("\"auths\"") != std::string::npos);
        auto pulled = runBerth(root.path(), {QStringLiteral("pull"), via}, 60000, env);
        QVERIFY2(pulled.exitCode == 0, qPrintable(pulled.err));
        auto logout = runBerth(root.path(), {QStringLiteral("logout"), host}, 60000, env);
        QVERIFY(logout.out.contains(QStringLiteral("Removing login credentials")));
        QCOMPARE(runBerth(root.path(), {QStringLiteral("rmi"), via}, 60000, env).exitCode, 0);
        QCOMPARE(runBerth(root.path(), {QStringLiteral("pull"), via}, 60000, env).exitCode, 1);
    }

    void refusedTokenIsAClearError() {
        TempDir root;
        auto r = runBerth(root.path(), {QStringLiteral("pull"), viaProxy({"--auth", "bearer", "--token-refuse"}, "many")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("token endpoint answered 401")), qPrintable(r.err));
    }

    void killedPullLeavesAHealthyStore_data() {
        QTest::addColumn<int>("killAfterMs");
        QTest::newRow("while resolving") << 60;
        QTest::newRow("early in the layers") << 600;
        QTest::newRow("mid download") << 1500;
        QTest::newRow("late download") << 2600;
    }
    void killedPullLeavesAHealthyStore() {
        QFETCH(int, killAfterMs);
        TempDir root;
        QString via = viaProxy({"--throttle-bps", "500000"}, "slow");
        QProcess p;
        p.start(berthBinary(), {QStringLiteral("--root"), QString::fromStdString(root.path().string()), QStringLiteral("pull"), via});
        QVERIFY(p.waitForStarted());
        QTest::qWait(killAfterMs);
        const bool killed = p.state() != QProcess::NotRunning;
        if (killed) {
            p.kill(); // SIGKILL, only while it runs (never kill(0, …): that is our own process group)
            QVERIFY(p.waitForFinished(10000));
            QVERIFY2(imagesEmpty(root.path()), "a killed pull left a visible image");
        }
        QCOMPARE(QString::fromStdString(checkStore(root.path())), QString());
        // The next pull (same throttled path, so partial downloads are resumed) succeeds.
        auto again = runBerth(root.path(), {QStringLiteral("pull"), via}, 120000);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(QString::fromStdString(checkStore(root.path())), QString());
        if (killAfterMs >= 1500) {
            auto stats = nlohmann::json::parse(m_registry->proxyStats());
            bool resumed = false;
            for (auto& req : stats["requests"])
                if (!req.value("range", "").empty()) resumed = true;
            QVERIFY2(resumed, "the second pull did not resume the partial download with Range");
        }
        // And it equals a clean pull.
        TempDir clean;
        QCOMPARE(runBerth(clean.path(), {QStringLiteral("pull"), direct("slow")}).exitCode, 0);
        auto ids = [](const fs::path& r, const QString& ref) {
            return runBerth(r, {QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{json .RootFS}}"), ref}).out;
        };
        QCOMPARE(ids(root.path(), via), ids(clean.path(), direct("slow")));
    }

    void hundredTwentyLayersMount() {
        // BERTH_TEST_PRIVILEGED: mounts an overlay of 120 lower directories.
        fs::path layout = m_work->path() / "l120";
        writeLayout(layout, manyLayers(120), "v1");
        auto pushed = pushImage(layout, "v1", m_registry->host(), "l120:v1", PushFormat::Oci);
        QVERIFY2(pushed.ok(), qPrintable(pushed.command.err));
        TempDir root;
        auto r = runBerth(root.path(), {QStringLiteral("pull"), direct("l120")}, 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto engine = engine::Engine::open({root.path()});
        QVERIFY(engine.has_value());
        auto img = (*engine)->inspectImage(direct("l120").toStdString());
        QVERIFY(img.has_value());
        QCOMPARE(img->chainIds.size(), std::size_t(120));
        if (!layer::overlaySupported(root.path())) QSKIP("overlay is not available on this kernel");
        auto snap = layer::makeOverlaySnapshotter((*engine)->store().snapshots(), root.path() / "active");
        auto mounts = snap->prepare("c120", img->chainIds);
        QVERIFY2(mounts.has_value(), mounts ? "" : mounts.error().message.c_str());
        fs::path target = root.path() / "mnt";
        fs::create_directories(target);
        auto st = layer::performMount(mounts->front(), target);
        QVERIFY2(st.has_value(), st ? "" : st.error().message.c_str());
        std::size_t files = 0;
        for ([[maybe_unused]] auto& e : fs::directory_iterator(target / "layers")) ++files;
        QVERIFY(layer::unmount(target).has_value());
        QCOMPARE(files, std::size_t(120));
        QVERIFY(snap->remove("c120").has_value());
    }
};

QTEST_GUILESS_MAIN(TestImagePullFaults)
#include "tst_image_pull_faults.moc"
