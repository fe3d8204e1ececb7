// The Shell tab and the "Open a shell" action on a real temp store: the embedded terminal runs
// `berth exec -it <id> sh` on a pty, keys typed through QTest reach the container's shell and its
// answer reaches the screen (`echo hi-$((40+2))` shows hi-42, so the shell did the arithmetic),
// `exit` shows "[exited 0]" and a Reconnect button that starts a new shell. The tab is disabled
// with a reason for a container that is not running; the system terminal command line and the
// console strip's `berth exec -it NAME sh`. As root the test starts berth-demo/hello `sleep 30`
// and always removes it.
#include "bridge/cli_command.h"
#include "bridge/engine_bridge.h"
#include "demo_store.h"
#include "models/container_list_model.h"
#include "views/console_strip.h"
#include "views/container_detail_tabs.h"
#include "views/containers_page.h"
#include "views/main_window.h"
#include "views/shell_tab.h"
#include "views/terminal_view.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace berth;
using namespace berth::ui;

namespace {

QString path(const std::filesystem::path& p) {
    return QString::fromStdString(p.string());
}

using test::ContainerCleanup;

void typeLine(QWidget* terminal, const QString& line) {
    QTest::keyClicks(terminal, line);
    QTest::keyClick(terminal, Qt::Key_Return);
}

} // namespace

class TstUiShell : public QObject {
    Q_OBJECT
    test::TempDir m_config;

private slots:
    void initTestCase() { qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(m_config.path().string())); }

    void execCommandLine() {
        QCOMPARE(CliCommand(QStringLiteral("/tmp/s")).exec(QStringLiteral("web"), QStringLiteral("sh")),
                 QStringLiteral("berth --root /tmp/s exec -it web sh"));
        ShellTab tab;
        tab.setRoot(QStringLiteral("/tmp/s"));
        tab.setContainer(QStringLiteral("abc123"), QStringLiteral("web"), false);
        QCOMPARE(tab.execArgs(QStringLiteral("abc123")),
                 QStringList({QStringLiteral("--root"), QStringLiteral("/tmp/s"), QStringLiteral("exec"),
                              QStringLiteral("-it"), QStringLiteral("abc123"), QStringLiteral("sh")}));
        tab.setRoot(QString()); // the default store: no --root
        tab.shellBox()->setCurrentText(QStringLiteral("bash"));
        QCOMPARE(tab.execArgs(QStringLiteral("web")).join(QLatin1Char(' ')),
                 QStringLiteral("exec -it web bash"));
    }

    void notRunningIsDisabledWithAReason() {
        ShellTab tab;
        tab.show();
        QVERIFY(!tab.connectButton()->isEnabled());
        QVERIFY(!tab.statusLabel()->text().isEmpty()); // select a running container
        tab.setContainer(QStringLiteral("abc123"), QStringLiteral("stopped-one"), false);
        QVERIFY(!tab.connectShell());
        QVERIFY(!tab.terminal()->isRunning());
        QVERIFY(!tab.terminal()->isEnabled());
        QVERIFY(!tab.systemTerminalButton()->isEnabled());
        QVERIFY(tab.statusLabel()->text().contains(QStringLiteral("stopped-one is not running")));
    }

    void systemTerminal() {
        test::TempDir bin;
        const QByteArray savedPath = qgetenv("PATH"), savedTerminal = qgetenv("TERMINAL");
        qputenv("PATH", QByteArray::fromStdString(bin.path().string()));
        qunsetenv("TERMINAL");
        QVERIFY(!ShellTab::systemTerminalCommand(QStringLiteral("/b/berth"), {QStringLiteral("exec")}));

        const QString fake = path(bin / "my-term");
        QFile file(fake);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\n");
        file.close();
        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("TERMINAL", "my-term --hold");
        auto command = ShellTab::systemTerminalCommand(QStringLiteral("/b/berth"), {QStringLiteral("exec")});
        QVERIFY(command);
        QCOMPARE(*command, QStringList({fake, QStringLiteral("--hold"), QStringLiteral("-e"),
                                        QStringLiteral("/b/berth"), QStringLiteral("exec")}));

        QVERIFY(QFile::copy(fake, path(bin / "x-terminal-emulator"))); // Debian's choice comes first
        command = ShellTab::systemTerminalCommand(QStringLiteral("/b/berth"), {QStringLiteral("exec")});
        QVERIFY(command);
        QCOMPARE(command->first(), path(bin / "x-terminal-emulator"));
        QCOMPARE(command->at(1), QStringLiteral("-e"));

        // The button hands the command to the launcher and echoes the CLI line.
        ShellTab tab;
        QStringList launched;
        tab.setLauncher([&launched](const QString& program, const QStringList& args) {
            launched = QStringList{program} + args;
            return true;
        });
        tab.setContainer(QStringLiteral("abc123"), QStringLiteral("web"), true);
        QSignalSpy issued(&tab, &ShellTab::commandIssued);
        tab.systemTerminalButton()->click();
        QCOMPARE(launched.mid(0, 2), QStringList({path(bin / "x-terminal-emulator"), QStringLiteral("-e")}));
        QCOMPARE(launched.mid(launched.size() - 4),
                 QStringList({QStringLiteral("exec"), QStringLiteral("-it"), QStringLiteral("web"),
                              QStringLiteral("sh")}));
        QCOMPARE(issued.size(), 1);
        QVERIFY(!tab.terminal()->isRunning()); // not shown: the embedded one did not start

        QFile::remove(path(bin / "x-terminal-emulator"));
        qunsetenv("TERMINAL");
        tab.systemTerminalButton()->click();
        QVERIFY(tab.statusLabel()->text().contains(QStringLiteral("No terminal program found")));
        qputenv("PATH", savedPath);
        if (savedTerminal.isNull())
            qunsetenv("TERMINAL");
        else
            qputenv("TERMINAL", savedTerminal);
    }

    void shortcutIsListedAndFree() {
        test::TempDir dir;
        EngineBridge bridge(path(dir / "store"));
        MainWindow window(&bridge);
        QAction* shell = window.containersPage()->shellAction();
        QCOMPARE(shell->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
        QVERIFY(window.shortcutActions().contains(shell)); // on the shortcut sheet
        for (QAction* a : window.shortcutActions())
            if (a != shell) QVERIFY2(!a->shortcuts().contains(shell->shortcut()), qPrintable(a->text()));
        QVERIFY(!shell->isEnabled()); // nothing selected
    }

    void shellInARunningContainer() {
        if (!test::isRoot()) QSKIP("starting containers needs root (rootless runs the same CLI)");
        QVERIFY2(QFileInfo(ShellTab::cliProgram()).isExecutable(), qPrintable(ShellTab::cliProgram()));
        test::TempDir dir;
        QVERIFY(!test::loadDemoStore(dir.path() / "store").images.isEmpty());
        auto opened = engine::Engine::open(engine::EngineOptions{dir.path() / "store"});
        QVERIFY(opened);
        auto& engine = *opened;
        ContainerCleanup cleanup{engine.get()};
        engine::CreateOptions o;
        o.image = "berth-demo/hello";
        o.name = "tst-shell";
        o.overrides.cmd = {"sleep", "30"};
        o.stopTimeout = 1;
        QVERIFY(engine->createContainer(o));
        QVERIFY(engine->startContainer("tst-shell"));

        const QString root = path(dir.path() / "store");
        EngineBridge bridge(root);
        MainWindow window(&bridge);
        window.resize(1100, 800);
        window.show();
        window.start();
        window.showPage(MainWindow::Page::Containers);
        ContainersPage* page = window.containersPage();
        QTRY_COMPARE_WITH_TIMEOUT(window.containerModel()->rowCount(), 1, 3000);
        page->selectName(QStringLiteral("tst-shell"));
        QTRY_VERIFY(page->shellAction()->isEnabled());
        ShellTab* shell = page->detailExtras()->shellTab();
        TerminalView* terminal = shell->terminal();

        // Opening the tab connects; the console strip shows the CLI's line.
        page->detailTabs()->setCurrentWidget(shell);
        QTRY_VERIFY(terminal->isRunning());
        QCOMPARE(window.console()->lastCommand(),
                 QStringLiteral("berth --root %1 exec -it tst-shell sh").arg(root));
        QTRY_VERIFY_WITH_TIMEOUT(terminal->screen().text().contains(QLatin1Char('#')),
                                 10000); // root's prompt
        terminal->setFocus();
        typeLine(terminal, QStringLiteral("echo hi-$((40+2))"));
        QTRY_VERIFY2_WITH_TIMEOUT(terminal->screen().text().contains(QStringLiteral("\nhi-42")),
                                  qPrintable(terminal->screen().text()), 10000);
        // The window size reached the container's pty.
        typeLine(terminal, QStringLiteral("stty size"));
        const QString size =
            QStringLiteral("%1 %2").arg(terminal->screen().rows()).arg(terminal->screen().columns());
        QTRY_VERIFY2_WITH_TIMEOUT(terminal->screen().text().contains(QLatin1Char('\n') + size),
                                  qPrintable(size + QLatin1Char('\n') + terminal->screen().text()), 10000);
        // Ctrl+C reaches the shell as a key: the half-typed line is dropped, the shell goes on.
        QTest::keyClicks(terminal, QStringLiteral("echo never"));
        QTest::keyClick(terminal, Qt::Key_C, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(terminal->screen().text().contains(QStringLiteral("^C")), 10000);
        typeLine(terminal, QStringLiteral("echo after-$((6*7))"));
        QTRY_VERIFY_WITH_TIMEOUT(terminal->screen().text().contains(QStringLiteral("\nafter-42")), 10000);
        QVERIFY(!terminal->screen().text().contains(QStringLiteral("\nnever")));

        typeLine(terminal, QStringLiteral("exit"));
        QTRY_VERIFY2_WITH_TIMEOUT(terminal->screen().text().contains(QStringLiteral("[exited 0]")),
                                  qPrintable(terminal->screen().text()), 10000);
        QVERIFY(!terminal->isRunning());
        QCOMPARE(shell->connectButton()->text().remove(QLatin1Char('&')), QStringLiteral("Reconnect"));
        QVERIFY(shell->statusLabel()->text().contains(QStringLiteral("exit code 0")));
        const QString dirShots = qEnvironmentVariable("BERTH_UI_SCREENSHOT_DIR");
        if (!dirShots.isEmpty()) window.grab().save(dirShots + QStringLiteral("/shell.png"));

        // The action (Ctrl+T) reconnects from the table: a new shell, focused.
        page->detailTabs()->setCurrentIndex(0);
        page->table()->setFocus();
        QTest::keyClick(page->table(), Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(page->detailTabs()->currentWidget(), shell);
        QTRY_VERIFY(terminal->isRunning());
        typeLine(terminal, QStringLiteral("echo again-$((1+1))"));
        QTRY_VERIFY_WITH_TIMEOUT(terminal->screen().text().contains(QStringLiteral("\nagain-2")), 10000);

        // Hanging up (as selecting another container does) ends the shell inside the container.
        const auto shells = [&engine] {
            int n = 0;
            if (auto rows = engine->containerProcesses("tst-shell"))
                for (const auto& r : *rows)
                    n += r.command == "sh" || r.command.ends_with("/sh");
            return n;
        };
        QCOMPARE(shells(), 1);
        terminal->stop();
        QTRY_COMPARE_WITH_TIMEOUT(shells(), 0, 5000);
        shell->connectButton()->click();
        QTRY_VERIFY(terminal->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(shells(), 1, 5000);

        // The container stopping ends the shell and disables the tab.
        QVERIFY(engine->stopContainer("tst-shell", 1));
        QTRY_VERIFY_WITH_TIMEOUT(!terminal->isRunning(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!shell->connectButton()->isEnabled(), 5000);
        QVERIFY(!page->shellAction()->isEnabled());
    }
};

QTEST_MAIN(TstUiShell)
#include "tst_ui_shell.moc"
