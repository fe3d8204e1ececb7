// The Debian package: CPack packs this build tree (the CPackConfig.cmake that installer/package.sh
// uses for its Release build) into a temp dir, stripped and gzip-compressed to stay quick, then
// `dpkg-deb -c`, `dpkg-deb -I` and `dpkg -x` into a scratch root check what a user installs: the
// CLI, the desktop app, the shim where the CLI looks for it, the desktop entry, the icon, the
// AppStream metainfo, the demo images, the translations (compiled into the app as
// :/i18n/berth_<lang>.qm) and the Depends/Recommends lines.
#include "test_env.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace berth;

namespace {

struct Run {
    int code = -1;
    QString out;
};

Run run(const QString& program, const QStringList& args, const QString& dir = {}, int timeoutMs = 180000) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (!dir.isEmpty()) p.setWorkingDirectory(dir);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, QStringLiteral("%1 timed out").arg(program)};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

// How a Qt resource name is stored in the binary: UTF-16 (big endian in rcc's name table).
QByteArray utf16Name(const QString& name) {
    QByteArray out;
    for (QChar c : name) {
        out.append(char(c.unicode() >> 8));
        out.append(char(c.unicode() & 0xff));
    }
    return out;
}

} // namespace

class TstUiPackage : public QObject {
    Q_OBJECT
    test::TempDir m_dir;
    QString m_deb;
    QString m_root;

private slots:
    void initTestCase() {
        for (const char* tool : {"cpack", "dpkg-deb", "dpkg", "dpkg-shlibdeps"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is missing (installer/install-deps.sh build)")
                                     .arg(QLatin1String(tool))));
        const QString out = QString::fromStdString((m_dir / "deb").string());
        QVERIFY(QDir().mkpath(out));
        const Run packed =
            run(QStringLiteral("cpack"),
                {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                 QStringLiteral(BERTH_BINARY_DIR "/CPackConfig.cmake"), QStringLiteral("-B"), out,
                 QStringLiteral("-D"), QStringLiteral("CPACK_DEBIAN_COMPRESSION_TYPE=gzip"),
                 QStringLiteral("-D"), QStringLiteral("CPACK_STRIP_FILES=ON")},
                QStringLiteral(BERTH_BINARY_DIR));
        QVERIFY2(packed.code == 0, qPrintable(packed.out));
        const QStringList debs = QDir(out).entryList({QStringLiteral("berth_*.deb")});
        QCOMPARE(debs.size(), 1);
        m_deb = out + QLatin1Char('/') + debs.front();
        m_root = QString::fromStdString((m_dir / "root").string());
        const Run extracted = run(QStringLiteral("dpkg"), {QStringLiteral("-x"), m_deb, m_root});
        QVERIFY2(extracted.code == 0, qPrintable(extracted.out));
    }

    void contents_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("executable");
        QTest::newRow("cli") << "usr/bin/berth" << true;
        QTest::newRow("app") << "usr/bin/berth-desktop" << true;
        QTest::newRow("shim") << "usr/libexec/berth/berth-shim" << true;
        QTest::newRow("desktop entry") << "usr/share/applications/berth.desktop" << false;
        QTest::newRow("icon") << "usr/share/icons/hicolor/scalable/apps/berth.svg" << false;
        QTest::newRow("metainfo") << "usr/share/metainfo/io.github.berth.Berth.metainfo.xml" << false;
        QTest::newRow("demo hello") << "usr/share/berth/demo-images/berth-demo-hello.tar" << false;
        QTest::newRow("demo web") << "usr/share/berth/demo-images/berth-demo-web.tar" << false;
    }
    void contents() {
        QFETCH(QString, path);
        QFETCH(bool, executable);
        const Run listed = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), m_deb});
        QCOMPARE(listed.code, 0);
        QVERIFY2(listed.out.contains(QStringLiteral("./") + path), qPrintable(listed.out));
        const QFileInfo file(m_root + QLatin1Char('/') + path);
        QVERIFY(file.isFile());
        QVERIFY(file.size() > 0);
        QCOMPARE(file.isExecutable(), executable);
    }

    void control() {
        const Run info = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-I"), m_deb});
        QCOMPARE(info.code, 0);
        QVERIFY(info.out.contains(QStringLiteral("Package: berth")));
        QString depends, recommends;
        for (const QString& line : info.out.split(QLatin1Char('\n'))) {
            if (line.trimmed().startsWith(QStringLiteral("Depends:"))) depends = line;
            if (line.trimmed().startsWith(QStringLiteral("Recommends:"))) recommends = line;
        }
        // The Qt libraries and the platform plugins the app needs, and what the engine links.
        for (const char* dep : {"qt6-qpa-plugins", "libqt6widgets6", "libqt6charts6", "libqt6core6",
                                "libarchive13", "libcurl4", "libseccomp2", "libc6"})
            QVERIFY2(depends.contains(QLatin1String(dep)),
                     qPrintable(QStringLiteral("%1 not in %2").arg(QLatin1String(dep), depends)));
        QVERIFY2(recommends.contains(QStringLiteral("fonts-noto-cjk")), qPrintable(recommends)); // Korean UI
    }

    void desktopEntry() {
        QFile file(m_root + QStringLiteral("/usr/share/applications/berth.desktop"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString entry = QString::fromUtf8(file.readAll());
        QVERIFY(entry.startsWith(QStringLiteral("[Desktop Entry]")));
        QVERIFY(entry.contains(QStringLiteral("\nExec=berth-desktop")));
        QVERIFY(entry.contains(QStringLiteral("\nIcon=berth\n"))); // the installed hicolor icon's name
        QVERIFY(entry.contains(QStringLiteral("\nType=Application")));
        QVERIFY(entry.contains(QStringLiteral("GenericName[ko]=")));
        const QString validate = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (!validate.isEmpty()) {
            const Run valid = run(validate, {file.fileName()});
            QVERIFY2(valid.code == 0, qPrintable(valid.out));
        }
    }

    void translationsInTheApp() {
        QFile app(m_root + QStringLiteral("/usr/bin/berth-desktop"));
        QVERIFY(app.open(QIODevice::ReadOnly));
        const QByteArray bytes = app.readAll();
        for (const QString& lang : {QStringLiteral("en"), QStringLiteral("ko")})
            QVERIFY2(bytes.contains(utf16Name(QStringLiteral("berth_%1.qm").arg(lang))), qPrintable(lang));
    }

    void installedCliRuns() {
        const Run help =
            run(m_root + QStringLiteral("/usr/bin/berth"), {QStringLiteral("--help")}, {}, 20000);
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.contains(QStringLiteral("berth")), qPrintable(help.out));
    }
};

QTEST_MAIN(TstUiPackage)
#include "tst_ui_package.moc"
