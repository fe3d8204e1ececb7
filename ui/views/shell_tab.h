#pragma once
// The Shell tab of the container details: a shell inside the selected running container, in an
// embedded terminal that runs the CLI, `berth exec -it <id> sh`, on a pty of its own (so root and
// rootless work alike: the CLI does what it does in a terminal). A chooser picks the shell (sh,
// bash), Connect / Reconnect starts it again after it ended ("[exited N]" on the screen), and
// "Open in system terminal" runs the same command in x-terminal-emulator (or $TERMINAL). The tab
// connects by itself the first time it is shown for a running container; it is disabled, with a
// line saying why, while the container is not running.
#include "bridge/cli_command.h"

#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace berth::ui {

class TerminalView;

class ShellTab : public QWidget {
    Q_OBJECT
public:
    explicit ShellTab(QWidget* parent = nullptr);

    // root: the store the app uses (empty: the default), passed to the CLI as --root.
    void setRoot(const QString& root);
    // The container shown; a different id hangs up the shell of the previous one.
    void setContainer(const QString& id, const QString& name, bool running);
    QString container() const { return m_id; }
    // (Re)starts the shell; false when no running container is shown or no pty could be opened.
    bool connectShell();
    void openSystemTerminal();

    TerminalView* terminal() const { return m_terminal; }
    QComboBox* shellBox() const { return m_shell; }
    QPushButton* connectButton() const { return m_connect; }
    QPushButton* systemTerminalButton() const { return m_systemTerminal; }
    QLabel* statusLabel() const { return m_status; }
    // The CLI's arguments for the shown container: [--root R] exec -it ID SHELL.
    QStringList execArgs(const QString& target) const;
    // Who starts the system terminal: QProcess::startDetached, unless a test records instead.
    void setLauncher(std::function<bool(const QString&, const QStringList&)> launcher) {
        m_launcher = std::move(launcher);
    }

    // The `berth` binary: next to the app (build/bin, /usr/bin), else the first on PATH.
    static QString cliProgram();
    // {terminal, -e, program, args…}: x-terminal-emulator (Debian's alternative), else $TERMINAL;
    // nothing when neither is found.
    static std::optional<QStringList> systemTerminalCommand(const QString& program, const QStringList& args);

signals:
    // The `berth …` line equivalent to what was started, for the console strip.
    void commandIssued(const QString& command);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslate();
    void updateState();
    void onFinished(int exitCode);

    CliCommand m_cli;
    QString m_root;
    QString m_id;
    QString m_name;
    bool m_running = false;
    bool m_connectedOnce = false; // the tab connects by itself only the first time
    int m_lastExit = -1;
    bool m_noTerminal = false;
    QComboBox* m_shell = nullptr;
    QPushButton* m_connect = nullptr;
    QPushButton* m_systemTerminal = nullptr;
    QLabel* m_shellLabel = nullptr;
    QLabel* m_status = nullptr;
    TerminalView* m_terminal = nullptr;
    std::function<bool(const QString&, const QStringList&)> m_launcher;
};

} // namespace berth::ui
