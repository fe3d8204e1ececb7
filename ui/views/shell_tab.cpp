#include "views/shell_tab.h"

#include "views/terminal_view.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace berth::ui {

ShellTab::ShellTab(QWidget* parent)
    : QWidget(parent), m_launcher([](const QString& program, const QStringList& args) {
          return QProcess::startDetached(program, args);
      }) {
    m_shellLabel = new QLabel;
    m_shell = new QComboBox;
    m_shell->addItems({QStringLiteral("sh"), QStringLiteral("bash")}); // busybox images have only sh
    m_shellLabel->setBuddy(m_shell);
    m_connect = new QPushButton;
    m_systemTerminal = new QPushButton;
    m_status = new QLabel;
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_terminal = new TerminalView;

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_shellLabel);
    bar->addWidget(m_shell);
    bar->addWidget(m_connect);
    bar->addWidget(m_systemTerminal);
    bar->addWidget(m_status, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_terminal, 1);

    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (connectShell()) m_terminal->setFocus();
    });
    connect(m_systemTerminal, &QPushButton::clicked, this, &ShellTab::openSystemTerminal);
    connect(m_terminal, &TerminalView::finished, this, &ShellTab::onFinished);
    retranslate();
}

void ShellTab::retranslate() {
    m_shellLabel->setText(tr("S&hell:"));
    m_shell->setToolTip(tr("The program to run in the container; busybox images have only sh"));
    m_systemTerminal->setText(tr("Open in system terminal"));
    m_systemTerminal->setToolTip(tr("Run the same berth exec -it command in the desktop's terminal"));
    m_terminal->setAccessibleName(tr("Terminal"));
    updateState();
}

void ShellTab::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void ShellTab::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_running && !m_connectedOnce && !m_terminal->isRunning()) connectShell();
}

void ShellTab::setRoot(const QString& root) {
    m_root = root;
    m_cli = CliCommand(root);
}

void ShellTab::setContainer(const QString& id, const QString& name, bool running) {
    if (id != m_id) {
        m_terminal->stop(); // the old container's shell: its end is not news
        m_terminal->clear();
        m_id = id;
        m_connectedOnce = false;
        m_lastExit = -1;
    }
    m_name = name;
    m_running = running && !id.isEmpty();
    m_noTerminal = false;
    updateState();
    if (m_running && !m_connectedOnce && isVisible()) connectShell();
}

QStringList ShellTab::execArgs(const QString& target) const {
    QStringList args;
    if (!m_root.isEmpty()) args << QStringLiteral("--root") << m_root;
    return args << QStringLiteral("exec") << QStringLiteral("-it") << target
                << m_shell->currentText().trimmed();
}

bool ShellTab::connectShell() {
    if (m_id.isEmpty() || !m_running) return false;
    m_connectedOnce = true;
    m_lastExit = -1;
    emit commandIssued(m_cli.exec(m_name.isEmpty() ? m_id : m_name, m_shell->currentText().trimmed()));
    const bool ok = m_terminal->start(cliProgram(), execArgs(m_id));
    if (!ok) m_terminal->showNote(m_terminal->errorString());
    updateState();
    return ok;
}

void ShellTab::onFinished(int exitCode) {
    m_lastExit = exitCode;
    m_terminal->showNote(tr("[exited %1]").arg(exitCode));
    updateState();
}

QString ShellTab::cliProgram() {
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("berth"));
    if (QFileInfo(beside).isExecutable()) return beside;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("berth"));
    return onPath.isEmpty() ? QStringLiteral("berth") : onPath;
}

std::optional<QStringList> ShellTab::systemTerminalCommand(const QString& program, const QStringList& args) {
    QString terminal = QStandardPaths::findExecutable(QStringLiteral("x-terminal-emulator"));
    QStringList words;
    if (!terminal.isEmpty()) {
        words << terminal;
    } else {
        words = CliCommand::splitArguments(qEnvironmentVariable("TERMINAL")); // may carry its own options
        if (words.isEmpty()) return std::nullopt;
        const QString found = QStandardPaths::findExecutable(words.first());
        if (found.isEmpty()) return std::nullopt;
        words.first() = found;
    }
    return words << QStringLiteral("-e") << program << args;
}

void ShellTab::openSystemTerminal() {
    if (m_id.isEmpty() || !m_running) return;
    const QString target = m_name.isEmpty() ? m_id : m_name;
    const auto command = systemTerminalCommand(cliProgram(), execArgs(target));
    m_noTerminal = !command || !m_launcher(command->first(), command->mid(1));
    if (!m_noTerminal) emit commandIssued(m_cli.exec(target, m_shell->currentText().trimmed()));
    updateState();
}

void ShellTab::updateState() {
    const bool live = m_terminal->isRunning();
    m_connect->setText(m_connectedOnce ? tr("&Reconnect") : tr("&Connect"));
    m_connect->setEnabled(m_running);
    m_systemTerminal->setEnabled(m_running);
    m_shell->setEnabled(m_running);
    m_terminal->setEnabled(m_running || live);
    QString status;
    if (m_id.isEmpty())
        status = tr("Select a running container to open a shell in it.");
    else if (!m_running && !live)
        status = tr("%1 is not running: start it to open a shell.").arg(m_name);
    else if (m_noTerminal)
        status = tr("No terminal program found: install one (x-terminal-emulator) or set TERMINAL.");
    else if (live)
        status = tr("Shell in %1; what you type goes to the container.").arg(m_name);
    else if (m_lastExit >= 0)
        status = tr("The shell ended with exit code %1.").arg(m_lastExit);
    m_status->setText(status);
}

} // namespace berth::ui
