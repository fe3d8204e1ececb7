// mergeProcessConfig: Docker's rules for argv, environment, working directory and user
// (engine-reference §1.8; moby daemon/commit.go merge, container/container.go
// CreateDaemonEnvironment and ReplaceOrAppendEnvValues). One row per rule.
#include "runtime/process_config.h"

#include <QtTest>

#include <map>

using namespace berth;
using berth::runtime::RunOverrides;
Q_DECLARE_METATYPE(berth::oci::RunConfig)
Q_DECLARE_METATYPE(berth::runtime::RunOverrides)

namespace {

using Strings = std::vector<std::string>;

QStringList toQt(const Strings& v) {
    QStringList out;
    for (const std::string& s : v)
        out << QString::fromStdString(s);
    return out;
}

oci::RunConfig image(Strings entrypoint, Strings cmd, Strings env = {}, std::string workingDir = {},
                     std::string user = {}) {
    oci::RunConfig c;
    c.hasEntrypoint = !entrypoint.empty();
    c.entrypoint = std::move(entrypoint);
    c.hasCmd = !cmd.empty();
    c.cmd = std::move(cmd);
    c.env = std::move(env);
    c.workingDir = std::move(workingDir);
    c.user = std::move(user);
    return c;
}

RunOverrides args(Strings cmd) {
    RunOverrides o;
    o.cmd = std::move(cmd);
    return o;
}

RunOverrides entrypoint(Strings ep, Strings cmd = {}) {
    RunOverrides o;
    o.entrypoint = std::move(ep);
    o.cmd = std::move(cmd);
    return o;
}

RunOverrides withEnv(Strings env, bool tty = false, std::string hostname = {}) {
    RunOverrides o;
    o.env = std::move(env);
    o.tty = tty;
    o.hostname = std::move(hostname);
    return o;
}

RunOverrides withDirAndUser(std::string dir, std::string user) {
    RunOverrides o;
    o.workingDir = std::move(dir);
    o.user = std::move(user);
    return o;
}

// The CLI's own environment, as the tests pretend it is.
std::optional<std::string> hostEnv(const std::string& key) {
    static const std::map<std::string, std::string> env = {{"HOST_ONLY", "fromhost"}, {"SET_EMPTY", ""}};
    auto it = env.find(key);
    if (it == env.end()) return std::nullopt;
    return it->second;
}

const QString kPath = QString::fromLatin1(runtime::kDefaultPathEnv);

} // namespace

class TestProcessConfig : public QObject {
    Q_OBJECT

private slots:
    void merge_data() {
        const QString none; // an empty expectation
        QTest::addColumn<oci::RunConfig>("image");
        QTest::addColumn<RunOverrides>("overrides");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("cwd");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("error"); // empty: must succeed

        const QStringList pathOnly{kPath};

        // argv
        QTest::newRow("image cmd alone")
            << image({}, {"sh"}) << RunOverrides{} << QStringList{"sh"} << pathOnly << "/" << none << none;
        QTest::newRow("image entrypoint ++ cmd")
            << image({"/entry.sh"}, {"run", "-v"}) << RunOverrides{} << QStringList{"/entry.sh", "run", "-v"}
            << pathOnly << "/" << none << none;
        QTest::newRow("image entrypoint alone")
            << image({"/entry.sh"}, {}) << RunOverrides{} << QStringList{"/entry.sh"} << pathOnly << "/"
            << none << none;
        QTest::newRow("args replace cmd, keep entrypoint")
            << image({"/entry.sh"}, {"run"}) << args({"debug", "1"}) << QStringList{"/entry.sh", "debug", "1"}
            << pathOnly << "/" << none << none;
        QTest::newRow("args replace cmd") << image({}, {"sh"}) << args({"echo", "hi"})
                                          << QStringList{"echo", "hi"} << pathOnly << "/" << none << none;
        QTest::newRow("user entrypoint drops image cmd")
            << image({"/entry.sh"}, {"run"}) << entrypoint({"/bin/date"}) << QStringList{"/bin/date"}
            << pathOnly << "/" << none << none;
        QTest::newRow("user entrypoint with args")
            << image({"/entry.sh"}, {"run"}) << entrypoint({"/bin/echo"}, {"a", "b"})
            << QStringList{"/bin/echo", "a", "b"} << pathOnly << "/" << none << none;
        QTest::newRow("user entrypoint, image without entrypoint")
            << image({}, {"sh"}) << entrypoint({"/bin/true"}) << QStringList{"/bin/true"} << pathOnly << "/"
            << none << none;
        // moby merge(): a non-nil empty Entrypoint only replaces the image entrypoint; Cmd is still
        // inherited when no args are given.
        QTest::newRow("empty entrypoint clears image entrypoint")
            << image({"/entry.sh"}, {"run"}) << entrypoint({}) << QStringList{"run"} << pathOnly << "/"
            << none << none;
        QTest::newRow("empty entrypoint with args")
            << image({"/entry.sh"}, {"run"}) << entrypoint({}, {"ls", "/"}) << QStringList{"ls", "/"}
            << pathOnly << "/" << none << none;
        QTest::newRow("nothing to run") << image({}, {}) << RunOverrides{} << QStringList{} << QStringList{}
                                        << none << none << "no command specified";
        QTest::newRow("empty entrypoint and no cmd")
            << image({"/entry.sh"}, {}) << entrypoint({}) << QStringList{} << QStringList{} << none << none
            << "no command specified";

        // environment
        QTest::newRow("hostname") << image({}, {"sh"}) << withEnv({}, false, "4f2a9c1e8b7d")
                                  << QStringList{"sh"} << QStringList{kPath, "HOSTNAME=4f2a9c1e8b7d"} << "/"
                                  << none << none;
        QTest::newRow("tty adds TERM")
            << image({}, {"sh"}) << withEnv({}, true, "h") << QStringList{"sh"}
            << QStringList{kPath, "HOSTNAME=h", "TERM=xterm"} << "/" << none << none;
        QTest::newRow("no TERM without tty") << image({}, {"sh"}) << withEnv({}, false) << QStringList{"sh"}
                                             << pathOnly << "/" << none << none;
        QTest::newRow("image env after defaults")
            << image({}, {"sh"}, {"A=1", "B=2"}) << withEnv({}, false, "h") << QStringList{"sh"}
            << QStringList{kPath, "HOSTNAME=h", "A=1", "B=2"} << "/" << none << none;
        QTest::newRow("image PATH replaces default in place")
            << image({}, {"sh"}, {"PATH=/opt/bin", "A=1"}) << withEnv({}, false, "h") << QStringList{"sh"}
            << QStringList{"PATH=/opt/bin", "HOSTNAME=h", "A=1"} << "/" << none << none;
        QTest::newRow("user env overrides image by key")
            << image({}, {"sh"}, {"A=1", "B=2"}) << withEnv({"B=3", "C=4"}) << QStringList{"sh"}
            << QStringList{kPath, "A=1", "B=3", "C=4"} << "/" << none << none;
        QTest::newRow("user PATH overrides default")
            << image({}, {"sh"}) << withEnv({"PATH=/x"}) << QStringList{"sh"} << QStringList{"PATH=/x"} << "/"
            << none << none;
        QTest::newRow("user TERM overrides tty default")
            << image({}, {"sh"}) << withEnv({"TERM=dumb"}, true) << QStringList{"sh"}
            << QStringList{kPath, "TERM=dumb"} << "/" << none << none;
        QTest::newRow("later user value wins")
            << image({}, {"sh"}) << withEnv({"A=1", "A=2"}) << QStringList{"sh"} << QStringList{kPath, "A=2"}
            << "/" << none << none;
        QTest::newRow("value keeps its equals signs")
            << image({}, {"sh"}) << withEnv({"A=b=c", "E="}) << QStringList{"sh"}
            << QStringList{kPath, "A=b=c", "E="} << "/" << none << none;
        QTest::newRow("bare key from host")
            << image({}, {"sh"}) << withEnv({"HOST_ONLY"}) << QStringList{"sh"}
            << QStringList{kPath, "HOST_ONLY=fromhost"} << "/" << none << none;
        QTest::newRow("bare key set but empty on host")
            << image({}, {"sh"}) << withEnv({"SET_EMPTY"}) << QStringList{"sh"}
            << QStringList{kPath, "SET_EMPTY="} << "/" << none << none;
        QTest::newRow("bare key unset on host is dropped")
            << image({}, {"sh"}) << withEnv({"NOT_ON_HOST"}) << QStringList{"sh"} << pathOnly << "/" << none
            << none;
        QTest::newRow("bare key unset on host removes image value")
            << image({}, {"sh"}, {"NOT_ON_HOST=img", "K=v"}) << withEnv({"NOT_ON_HOST"}) << QStringList{"sh"}
            << QStringList{kPath, "K=v"} << "/" << none << none;
        QTest::newRow("env without a key")
            << image({}, {"sh"}) << withEnv({"=oops"}) << QStringList{} << QStringList{} << none << none
            << "invalid environment variable: =oops";

        // working directory and user
        QTest::newRow("image working dir") << image({}, {"sh"}, {}, "/app", "daemon") << RunOverrides{}
                                           << QStringList{"sh"} << pathOnly << "/app"
                                           << "daemon" << none;
        QTest::newRow("user working dir and user win")
            << image({}, {"sh"}, {}, "/app", "daemon") << withDirAndUser("/srv", "1000:1000")
            << QStringList{"sh"} << pathOnly << "/srv"
            << "1000:1000" << none;
        QTest::newRow("working dir is cleaned")
            << image({}, {"sh"}) << withDirAndUser("/app/../srv//data/", "") << QStringList{"sh"} << pathOnly
            << "/srv/data" << none << none;
        QTest::newRow("relative working dir")
            << image({}, {"sh"}, {}, "app") << RunOverrides{} << QStringList{} << QStringList{} << none
            << none << "the working directory 'app' is invalid, it needs to be an absolute path";
    }

    void merge() {
        QFETCH(oci::RunConfig, image);
        QFETCH(RunOverrides, overrides);
        QFETCH(QStringList, args);
        QFETCH(QStringList, env);
        QFETCH(QString, cwd);
        QFETCH(QString, user);
        QFETCH(QString, error);

        auto r = runtime::mergeProcessConfig(image, overrides, hostEnv);
        if (!error.isEmpty()) {
            QVERIFY2(!r, "expected an error");
            QCOMPARE(QString::fromStdString(r.error().message), error);
            QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
            return;
        }
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        QCOMPARE(toQt(r->args), args);
        QCOMPARE(toQt(r->env), env);
        QCOMPARE(QString::fromStdString(r->cwd), cwd);
        QCOMPARE(QString::fromStdString(r->user), user);
    }

    // Without a host lookup a bare key behaves as unset rather than crashing.
    void nullHostLookup() {
        RunOverrides o = withEnv({"ANYTHING"});
        auto r = runtime::mergeProcessConfig(image({}, {"sh"}, {"ANYTHING=img"}), o, {});
        QVERIFY(r);
        QCOMPARE(toQt(r->env), QStringList{kPath});
    }
};

QTEST_GUILESS_MAIN(TestProcessConfig)
#include "tst_runtime_process_config.moc"
