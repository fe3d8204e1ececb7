// The `berth …` lines the console strip shows: right verb, right flags, pasteable quoting.
#include "bridge/cli_command.h"

#include "engine/engine.h"

#include <QTest>

using namespace berth::ui;

class TstUiCliCommand : public QObject {
    Q_OBJECT

private slots:
    void commands_data() {
        QTest::addColumn<QString>("actual");
        QTest::addColumn<QString>("expected");
        const CliCommand cli(QStringLiteral("/tmp/r"));
        QTest::newRow("pull") << cli.pull(QStringLiteral("busybox:latest")) << "berth --root /tmp/r pull busybox:latest";
        QTest::newRow("images") << cli.images() << "berth --root /tmp/r images";
        QTest::newRow("rmi") << cli.removeImage(QStringLiteral("a/b:1"), false) << "berth --root /tmp/r rmi a/b:1";
        QTest::newRow("rmi force") << cli.removeImage(QStringLiteral("ab12"), true) << "berth --root /tmp/r rmi --force ab12";
        QTest::newRow("prune") << cli.prune(false) << "berth --root /tmp/r image prune --force";
        QTest::newRow("prune all") << cli.prune(true) << "berth --root /tmp/r image prune --force --all";
        QTest::newRow("save") << cli.save({QStringLiteral("a:1"), QStringLiteral("b:2")}, QStringLiteral("/x/o.tar"))
                              << "berth --root /tmp/r save -o /x/o.tar a:1 b:2";
        QTest::newRow("load spaces") << cli.load(QStringLiteral("/my dir/it's.tar"))
                                     << "berth --root /tmp/r load -i '/my dir/it'\\''s.tar'";
        QTest::newRow("history") << cli.history(QStringLiteral("berth-demo/web:latest"))
                                 << "berth --root /tmp/r history berth-demo/web:latest";
    }

    void commands() {
        QFETCH(QString, actual);
        QFETCH(QString, expected);
        QCOMPARE(actual, expected);
    }

    void defaultRootIsLeftOut() {
        const CliCommand cli(QString::fromStdString(berth::engine::Engine::defaultRoot().string()));
        QCOMPARE(cli.pull(QStringLiteral("busybox")), QStringLiteral("berth pull busybox"));
        QCOMPARE(CliCommand().images(), QStringLiteral("berth images"));
    }

    void quoting_data() {
        QTest::addColumn<QString>("arg");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << "busybox:1.36" << "busybox:1.36";
        QTest::newRow("digest") << "a@sha256:00ff" << "a@sha256:00ff";
        QTest::newRow("empty") << "" << "''";
        QTest::newRow("space") << "a b" << "'a b'";
        QTest::newRow("dollar") << "$HOME" << "'$HOME'";
        QTest::newRow("angle") << "<none>" << "'<none>'";
    }

    void quoting() {
        QFETCH(QString, arg);
        QFETCH(QString, quoted);
        QCOMPARE(CliCommand::shellQuote(arg), quoted);
    }
};

QTEST_MAIN(TstUiCliCommand)
#include "tst_ui_cli_command.moc"
