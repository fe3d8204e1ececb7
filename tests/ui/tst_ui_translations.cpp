// Every translatable string has a Korean (and English) translation: the .ts files have no
// unfinished or empty entries, they cover every tr() string in the sources (lupdate is re-run
// into a temp file), and the compiled catalogue loads from the resources.
#include "models/container_status.h"
#include "test_env.h"
#include "views/language.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct TsFile {
    QSet<QString> sources;
    QStringList problems;
};

TsFile readTs(const QString& path) {
    TsFile ts;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ts.problems << QStringLiteral("cannot open %1").arg(path);
        return ts;
    }
    QXmlStreamReader xml(&f);
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            ts.sources.insert(source);
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                ts.problems << QStringLiteral("untranslated: %1").arg(source);
        }
    }
    if (xml.hasError()) ts.problems << xml.errorString();
    return ts;
}

QString sourceDir() { return QStringLiteral(BERTH_SOURCE_DIR); }
QString tsPath(const char* lang) { return sourceDir() + QStringLiteral("/resources/translations/berth_%1.ts").arg(QLatin1String(lang)); }

} // namespace

class TstUiTranslations : public QObject {
    Q_OBJECT

private slots:
    void complete_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("ko") << "ko";
        QTest::newRow("en") << "en";
    }

    void complete() {
        QFETCH(QString, lang);
        const TsFile ts = readTs(tsPath(lang.toUtf8().constData()));
        QVERIFY2(ts.problems.isEmpty(), qPrintable(ts.problems.join(QLatin1Char('\n'))));
        QVERIFY(ts.sources.size() > 50);
    }

    void koreanIsKorean() {
        // A "translation" copied from English would pass the check above; most entries must
        // contain Hangul (the rest are ids, file filters and the like).
        QFile f(tsPath("ko"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        static const QRegularExpression translation(QStringLiteral("<translation>(.*?)</translation>"),
                                                    QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression hangul(QStringLiteral("[\\x{AC00}-\\x{D7A3}]"));
        int total = 0, korean = 0;
        for (auto it = translation.globalMatch(text); it.hasNext();) {
            ++total;
            korean += it.next().captured(1).contains(hangul) ? 1 : 0;
        }
        QVERIFY(total > 50);
        QVERIFY2(korean * 10 >= total * 9, qPrintable(QStringLiteral("%1 of %2 have Hangul").arg(korean).arg(total)));
    }

    void coversEverySourceString() {
        const QString lupdate = QStringLiteral("/usr/lib/qt6/bin/lupdate");
        if (!QFile::exists(lupdate)) QSKIP("lupdate not installed");
        berth::test::TempDir dir;
        const QString fresh = QString::fromStdString((dir / "fresh.ts").string());
        QProcess p;
        p.start(lupdate, {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                          QStringLiteral("none"), sourceDir() + QStringLiteral("/ui"),
                          sourceDir() + QStringLiteral("/app/gui"), QStringLiteral("-ts"), fresh});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const QSet<QString> wanted = readTs(fresh).sources;
        const QSet<QString> have = readTs(tsPath("ko")).sources;
        QStringList missing;
        for (const QString& s : wanted)
            if (!have.contains(s)) missing << s;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in berth_ko.ts (run the update_translations target): ")
                                               + missing.join(QStringLiteral(" | "))));
    }

    void catalogueIsCompiledIn() {
        QVERIFY(berth::ui::installTranslation(QStringLiteral("ko")));
        QCOMPARE(QCoreApplication::translate("berth::ui::MainWindow", "&File"), QStringLiteral("파일(&F)"));
        QVERIFY(berth::ui::installTranslation(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate("berth::ui::MainWindow", "&File"), QStringLiteral("&File"));
    }

    // The STATUS column speaks the UI's language too ("Up 5 minutes" → "5분째 실행 중").
    void statusTextFollowsTheLanguage() {
        using berth::ui::containerStatusText;
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-01-01T12:10:00Z"), Qt::ISODate);
        berth::ui::ContainerInfo running;
        running.state = QStringLiteral("running");
        running.startedAt = QStringLiteral("2026-01-01T12:05:00Z");
        berth::ui::ContainerInfo exited;
        exited.state = QStringLiteral("exited");
        exited.exitCode = 137;
        exited.finishedAt = QStringLiteral("2026-01-01T10:10:00Z");
        QVERIFY(berth::ui::installTranslation(QStringLiteral("ko")));
        QCOMPARE(containerStatusText(running, now), QStringLiteral("5분째 실행 중"));
        QCOMPARE(containerStatusText(exited, now), QStringLiteral("2시간 전에 종료됨 (137)"));
        QVERIFY(berth::ui::installTranslation(QStringLiteral("en")));
        QCOMPARE(containerStatusText(running, now), QStringLiteral("Up 5 minutes"));
        QCOMPARE(containerStatusText(exited, now), QStringLiteral("Exited (137) 2 hours ago"));
    }
};

QTEST_MAIN(TstUiTranslations)
#include "tst_ui_translations.moc"
