// Reference normalisation as Docker does it (distribution/reference normalize.go).
#include "image/reference.h"

#include <QtTest>

using berth::image::Reference;

class TestReference : public QObject {
    Q_OBJECT
private slots:
    void normalises_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("full");
        QTest::addColumn<QString>("familiar");
        QTest::newRow("short") << "busybox" << "docker.io/library/busybox:latest" << "busybox:latest";
        QTest::newRow("tag") << "busybox:1.36" << "docker.io/library/busybox:1.36" << "busybox:1.36";
        QTest::newRow("user repo") << "team/app" << "docker.io/team/app:latest" << "team/app:latest";
        QTest::newRow("legacy index") << "index.docker.io/library/alpine" << "docker.io/library/alpine:latest" << "alpine:latest";
        QTest::newRow("explicit hub") << "docker.io/library/alpine:3" << "docker.io/library/alpine:3" << "alpine:3";
        QTest::newRow("port registry") << "127.0.0.1:5000/team/app:v1" << "127.0.0.1:5000/team/app:v1" << "127.0.0.1:5000/team/app:v1";
        QTest::newRow("localhost") << "localhost/app" << "localhost/app:latest" << "localhost/app:latest";
        QTest::newRow("dotted host") << "quay.io/podman/hello" << "quay.io/podman/hello:latest" << "quay.io/podman/hello:latest";
        QTest::newRow("separators") << "a__b/c-d.e--f:x_y" << "docker.io/a__b/c-d.e--f:x_y" << "a__b/c-d.e--f:x_y";
        const QString d = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
        QTest::newRow("digest") << "busybox@" + d << "docker.io/library/busybox@" + d << "busybox@" + d;
        QTest::newRow("tag and digest") << "busybox:1@" + d << "docker.io/library/busybox:1@" + d << "busybox:1@" + d;
    }
    void normalises() {
        QFETCH(QString, input);
        QFETCH(QString, full);
        QFETCH(QString, familiar);
        auto r = Reference::parse(input.toStdString());
        QVERIFY2(r.has_value(), r ? "" : r.error().message.c_str());
        QCOMPARE(QString::fromStdString(r->str()), full);
        QCOMPARE(QString::fromStdString(r->familiar()), familiar);
    }

    void rejects_data() {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << "";
        QTest::newRow("uppercase repo") << "Busybox";
        QTest::newRow("uppercase path") << "docker.io/Team/app";
        QTest::newRow("bad tag") << "busybox:-x";
        QTest::newRow("long tag") << "busybox:" + QString(129, QLatin1Char('a'));
        QTest::newRow("double slash") << "a//b";
        QTest::newRow("trailing dash") << "app-";
        QTest::newRow("short digest") << "busybox@sha256:abc";
        QTest::newRow("uppercase digest") << "busybox@sha256:" + QString(64, QLatin1Char('A'));
        QTest::newRow("unknown algorithm") << "busybox@md5:" + QString(32, QLatin1Char('a'));
        QTest::newRow("triple underscore") << "a___b";
    }
    void rejects() {
        QFETCH(QString, input);
        auto r = Reference::parse(input.toStdString());
        QVERIFY(!r.has_value());
        QVERIFY2(r.error().message.find("invalid reference format") == 0, r.error().message.c_str());
    }

    void tagOrDigestPrefersDigest() {
        auto r = Reference::parse("busybox:1@sha256:" + std::string(64, 'b'));
        QVERIFY(r.has_value());
        QCOMPARE(QString::fromStdString(r->tagOrDigest()), QStringLiteral("sha256:") + QString(64, QLatin1Char('b')));
        QCOMPARE(QString::fromStdString(Reference::parse("busybox").value().tagOrDigest()), QStringLiteral("latest"));
    }
};

QTEST_APPLESS_MAIN(TestReference)
#include "tst_image_reference.moc"
