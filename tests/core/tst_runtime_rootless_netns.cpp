// The bookkeeping around the rootless user's network namespace: which recorded pid counts as its
// holder, that stopping never touches a process that is not one, a missing slirp4netns named in
// the error, and that rootful callers run the bridge code directly (no lock, no namespace). Starting
// a real one needs a user namespace: tests/integration/tst_rootless_network.cpp does that.
#include "runtime/rootless/rootless_netns.h"
#include "runtime/user_networks_namespace.h"
#include "support/file_util.h"
#include "support/user_namespace.h"
#include "test_env.h"
#include "verify_ok.h"

#include <QProcess>
#include <QtTest>

#include <thread>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;
namespace fs = std::filesystem;

class TestRuntimeRootlessNetns : public QObject {
    Q_OBJECT

private slots:
    void fileNames() {
        QCOMPARE(rootlessNetnsPidFile("/run/user/1000/berth"), fs::path("/run/user/1000/berth/netns.pid"));
        QCOMPARE(rootlessNetnsLockFile("/run/user/1000/berth"), fs::path("/run/user/1000/berth/netns.lock"));
        QCOMPARE(rootlessNetnsLogFile("/run/user/1000/berth"),
                 fs::path("/run/user/1000/berth/netns-slirp4netns.log"));
    }

    void onlyAHolderIsFound() {
        TempDir dir;
        QCOMPARE(findRootlessNetns(dir.path()), 0); // no pid file
        VERIFY_OK(writeFileAtomic(rootlessNetnsPidFile(dir.path()), "garbage\n", 0600));
        QCOMPARE(findRootlessNetns(dir.path()), 0);
        // A live process of ours that is not berth-netns (a reused pid) does not count.
        VERIFY_OK(writeFileAtomic(rootlessNetnsPidFile(dir.path()), std::to_string(::getpid()) + "\n", 0600));
        QCOMPARE(findRootlessNetns(dir.path()), 0);
    }

    void stopLeavesOtherProcessesAlone() {
        TempDir dir;
        QProcess sleeper;
        sleeper.start(QStringLiteral("sleep"), {QStringLiteral("30")});
        QVERIFY(sleeper.waitForStarted());
        const pid_t pid = static_cast<pid_t>(sleeper.processId());
        VERIFY_OK(writeFileAtomic(rootlessNetnsPidFile(dir.path()), std::to_string(pid) + "\n", 0600));
        stopRootlessNetns(dir.path(), pid);
        QVERIFY(!sleeper.waitForFinished(200)); // still running: not ours to kill
        QVERIFY(fs::exists(rootlessNetnsPidFile(dir.path())));
        sleeper.kill();
        sleeper.waitForFinished();
    }

    void missingSlirpIsNamed() {
        TempDir dir;
        network::Slirp4netnsOptions o;
        o.binary = dir.path() / "no-such-slirp4netns";
        auto started = startRootlessNetns(dir.path(), o);
        QVERIFY(!started);
        QCOMPARE(started.error().code, ErrorCode::NotFound);
        QVERIFY2(QString::fromStdString(started.error().message).contains("install the slirp4netns package"),
                 started.error().message.c_str());
        QVERIFY(!fs::exists(rootlessNetnsPidFile(dir.path())));
    }

    // Rootful, the bridges are in the caller's own namespace: run() is a plain call on this thread.
    void rootfulRunsInPlace() {
        if (inUserNamespace()) QSKIP("runs in a user namespace: the rootless path applies");
        auto ns = UserNetworksNamespace::enter(UserNetworksNamespace::Need::Running);
        QVERIFY(ns);
        QVERIFY(!ns->separate());
        QCOMPARE(ns->fd(), -1);
        std::thread::id ranOn;
        QVERIFY(ns->run([&]() -> Status {
            ranOn = std::this_thread::get_id();
            return {};
        }));
        QCOMPARE(ranOn, std::this_thread::get_id());
        auto failed = ns->run([]() -> Status { return fail(ErrorCode::Io, "inner failure"); });
        QVERIFY(!failed);
        QCOMPARE(QString::fromStdString(failed.error().message), QStringLiteral("inner failure"));
        ns->stopIfUnused("/nonexistent"); // rootful: nothing to stop, nothing read
    }
};

QTEST_GUILESS_MAIN(TestRuntimeRootlessNetns)
#include "tst_runtime_rootless_netns.moc"
