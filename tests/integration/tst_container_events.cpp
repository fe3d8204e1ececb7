// `berth events` as Docker's (BERTH_TEST_PRIVILEGED): --filter type, event, container, network,
// image and label (one key's values OR, different keys AND), --format with a template and with
// {{json .}}, --since and --until as times, and the error for a filter Docker does not know. The
// events come from a user network and two labelled containers, all inside a network namespace
// this test creates and deletes.
#include "test_env.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <random>

using namespace berth::test;

class TestContainerEvents : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    QString m_netns;
    QString m_webId, m_netId;

    QStringList nsArgs(const QStringList& args) const {
        return QStringList{QStringLiteral("--net=/run/netns/") + m_netns, berthBinary(),
                           QStringLiteral("--root"), QString::fromStdString(m_root->path().string())} +
               args;
    }
    CommandResult berth(const QStringList& args) {
        return run(QStringLiteral("nsenter"), nsArgs(args), 60000);
    }
    // The log so far through the filters, one "Type Action name" line per event.
    QStringList events(const QStringList& filters,
                       const QString& format = "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}") {
        QStringList args{"events", "--since", "0", "--until", "0s", "--format", format};
        for (auto& f : filters)
            args << "--filter" << f;
        auto r = berth(args);
        if (r.exitCode != 0) qWarning() << r.err;
        return r.out.split('\n', Qt::SkipEmptyParts);
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: network namespaces, bridges and nftables");
        for (const char* tool : {"ip", "nft", "nsenter"})
            if (!haveTool(QString::fromLatin1(tool)))
                QSKIP(qPrintable(QStringLiteral("needs ") + QString::fromLatin1(tool)));
        m_netns = QStringLiteral("berth-t-cev-%1").arg(std::random_device{}() % 1000000);
        QCOMPARE(run("ip", {"netns", "add", m_netns}).exitCode, 0);
        QCOMPARE(run("nsenter", {"--net=/run/netns/" + m_netns, "ip", "link", "set", "lo", "up"}).exitCode,
                 0);
        m_root = std::make_unique<TempDir>();
        auto load =
            berth({"load", "-i", QString::fromStdString((demoDir() / "berth-demo-web.tar").string())});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err));

        // fnet; fweb on it (started, stopped), fdb only created (from "…:latest"); both labelled.
        auto net = berth({"network", "create", "fnet"});
        QVERIFY2(net.exitCode == 0, qPrintable(net.err));
        m_netId = net.out.trimmed();
        auto web = berth({"run", "-d", "--network", "fnet", "--label", "tier=web", "--label", "team=a",
                          "--name", "fweb", "--entrypoint", "sleep", "berth-demo/web", "300"});
        QVERIFY2(web.exitCode == 0, qPrintable(web.err));
        m_webId = web.out.trimmed();
        auto db = berth(
            {"create", "--label", "tier=db", "--label", "team=a", "--name", "fdb", "berth-demo/web:latest"});
        QVERIFY2(db.exitCode == 0, qPrintable(db.err));
        QCOMPARE(berth({"stop", "-t", "0", "fweb"}).exitCode, 0);
        // The shim logs die and the network's disconnect just after stop returns.
        QTRY_VERIFY_WITH_TIMEOUT(events({"type=network"}).contains("network disconnect fnet"), 5000);
    }

    void filterByType() {
        QCOMPARE(events({"type=network"}),
                 QStringList({"network create fnet", "network connect fnet", "network disconnect fnet"}));
        const QStringList containers = events({"type=container"});
        QVERIFY2(!containers.isEmpty(), "no container events");
        for (auto& line : containers)
            QVERIFY2(line.startsWith("container "), qPrintable(line));
        // One key's values OR.
        QCOMPARE(events({"type=container", "type=network"}).size(), containers.size() + 3);
        QVERIFY(events({"type=image"}).isEmpty());
    }

    void filterByEvent() {
        QCOMPARE(events({"event=create"}),
                 QStringList({"network create fnet", "container create fweb", "container create fdb"}));
        // Different keys AND, one key's values OR.
        QCOMPARE(events({"type=container", "event=start", "event=die"}),
                 QStringList({"container start fweb", "container die fweb"}));
        QCOMPARE(events({"type=network", "event=start"}), QStringList());
    }

    void filterByContainer() {
        const QStringList byName = events({"container=fweb"});
        QVERIFY2(byName.contains("container create fweb") && byName.contains("container start fweb") &&
                     byName.contains("container die fweb"),
                 qPrintable(byName.join('|')));
        for (auto& line : byName)
            QVERIFY2(line.startsWith("container ") && line.endsWith(" fweb"), qPrintable(line));
        // An id prefix finds the same events; two containers OR.
        QCOMPARE(events({"container=" + m_webId.left(12)}), byName);
        QCOMPARE(events({"container=fweb", "container=fdb", "event=create"}),
                 QStringList({"container create fweb", "container create fdb"}));
        QVERIFY(events({"container=nosuch"}).isEmpty());
        // Docker's keys for objects Berth has none of select nothing, without an error.
        auto volume = berth({"events", "--since", "0", "--until", "0s", "--filter", "volume=v1"});
        QCOMPARE(volume.exitCode, 0);
        QCOMPARE(volume.out, QString());
    }

    void filterByNetwork() {
        const QStringList want{"network create fnet", "network connect fnet", "network disconnect fnet"};
        QCOMPARE(events({"network=fnet"}), want);
        QCOMPARE(events({"network=" + m_netId}), want);
        // A connect's actor is the network: the container's name does not select it.
        QCOMPARE(events({"network=fnet", "container=fweb"}), QStringList());
    }

    void filterByImage() {
        const QStringList byImage = events({"image=berth-demo/web"});
        QVERIFY2(byImage.contains("container create fweb") && byImage.contains("container create fdb"),
                 qPrintable(byImage.join('|')));
        for (auto& line : byImage)
            QVERIFY2(line.startsWith("container "), qPrintable(line));
        // As Docker's: the reference as given, or without its tag (fdb was created from ":latest").
        QCOMPARE(events({"image=berth-demo/web:latest", "event=create"}),
                 QStringList({"container create fdb"}));
        QVERIFY(events({"image=other/image"}).isEmpty());
    }

    void filterByLabel() {
        QCOMPARE(events({"label=tier", "event=create"}),
                 QStringList({"container create fweb", "container create fdb"}));
        QCOMPARE(events({"label=tier=db"}), QStringList({"container create fdb"}));
        // Every label must match (Docker's labels AND even under one key).
        QCOMPARE(events({"label=team=a", "label=tier=web", "event=create"}),
                 QStringList({"container create fweb"}));
        QVERIFY(events({"label=team=b"}).isEmpty());
        // The labels are among the container's event attributes, as in Docker.
        QCOMPARE(events({"container=fdb"}, "{{.Actor.Attributes.tier}}"), QStringList({"db"}));
    }

    void formatJson() {
        const QStringList lines = events({"container=fweb", "event=start"}, "{{json .}}");
        QCOMPARE(lines.size(), 1);
        auto doc = QJsonDocument::fromJson(lines[0].toUtf8());
        QVERIFY2(doc.isObject(), qPrintable(lines[0]));
        auto o = doc.object();
        QCOMPARE(o["Type"].toString(), QStringLiteral("container"));
        QCOMPARE(o["Action"].toString(), QStringLiteral("start"));
        QCOMPARE(o["scope"].toString(), QStringLiteral("local"));
        QCOMPARE(o["Actor"].toObject()["ID"].toString(), m_webId);
        QCOMPARE(o["Actor"].toObject()["Attributes"].toObject()["name"].toString(), QStringLiteral("fweb"));
        QCOMPARE(o["Actor"].toObject()["Attributes"].toObject()["tier"].toString(), QStringLiteral("web"));
        const double nano = o["timeNano"].toDouble();
        QVERIFY(nano > 1e18);
        QVERIFY(qAbs(o["time"].toDouble() - nano / 1e9) < 1.0);
        // --format json is the same object.
        QCOMPARE(events({"container=fweb", "event=start"}, "json"), lines);
    }

    void sinceAndUntilAreTimes() {
        QVERIFY(berth({"events", "--since", "2099-01-01T00:00:00Z", "--until", "0s"}).out.isEmpty());
        QVERIFY(!berth({"events", "--since", "1h", "--until", "0s"}).out.isEmpty());
        QVERIFY(berth({"events", "--since", "0", "--until", "1000"}).out.isEmpty()); // until 1970
        auto bad = berth({"events", "--since", "yesterday", "--until", "0s"});
        QCOMPARE(bad.exitCode, 125);
    }

    // Streaming: a container created after `events` began matches its labels until its destroy,
    // and a future --until ends the stream.
    void streamedLabelsAndFutureUntil() {
        const qint64 until = QDateTime::currentSecsSinceEpoch() + 10;
        QProcess stream;
        stream.start("nsenter",
                     nsArgs({"events", "--until", QString::number(until), "--filter", "label=tier=stream",
                             "--format", "{{.Action}} {{.Actor.Attributes.name}}"}));
        QVERIFY(stream.waitForStarted());
        QTest::qWait(1500);
        QCOMPARE(berth({"create", "--label", "tier=stream", "--name", "fstream", "berth-demo/web"}).exitCode,
                 0);
        QTest::qWait(500);
        QCOMPARE(berth({"rm", "fstream"}).exitCode, 0);
        QVERIFY(stream.waitForFinished(20000));
        QCOMPARE(stream.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(stream.readAllStandardOutput()),
                 QStringLiteral("create fstream\ndestroy fstream\n"));
    }

    void unknownFilterIsAnError() {
        auto r = berth({"events", "--since", "0", "--until", "0s", "--filter", "colour=red"});
        QCOMPARE(r.exitCode, 125);
        QCOMPARE(r.err.trimmed(), QStringLiteral("Error: invalid filter 'colour'"));
        auto noValue = berth({"events", "--since", "0", "--until", "0s", "--filter", "type"});
        QCOMPARE(noValue.exitCode, 125);
        QVERIFY2(noValue.err.contains("bad format of filter (expected name=value)"), qPrintable(noValue.err));
    }

    void cleanupTestCase() {
        if (m_root) {
            berth({"rm", "-f", "fweb", "fdb", "fstream"});
            berth({"network", "rm", "-f", "fnet"});
        }
        if (!m_netns.isEmpty()) run("ip", {"netns", "delete", m_netns});
    }
};

QTEST_GUILESS_MAIN(TestContainerEvents)
#include "tst_container_events.moc"
