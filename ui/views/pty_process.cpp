#include "views/pty_process.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace berth::ui {

namespace {

// posix_openpt rather than openpty(3): both ends are opened close-on-exec, so no other child the
// app starts meanwhile (the engine's shims, other terminals) inherits them and keeps them open.
bool openPty(int& master, int& slave, QString& error) {
    master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) {
        error =
            QStringLiteral("opening a pseudo-terminal: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        if (master >= 0) ::close(master);
        return false;
    }
    char name[64];
    slave = ::ptsname_r(master, name, sizeof name) == 0 ? ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
    if (slave < 0) {
        error = QStringLiteral("opening the pseudo-terminal's slave: %1")
                    .arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(master);
        return false;
    }
    return true;
}

} // namespace

PtyProcess::PtyProcess(QObject* parent) : QObject(parent) {}

PtyProcess::~PtyProcess() {
    closeMaster();
    for (QProcess* p : findChildren<QProcess*>()) {
        p->disconnect(this);
        if (p->state() == QProcess::NotRunning) continue;
        p->kill(); // after the hang-up; the wait is for the reaping of a killed process
        p->waitForFinished(1000);
    }
}

bool PtyProcess::start(const QString& program, const QStringList& args, int rows, int columns) {
    stop();
    m_pending.clear();
    m_error.clear();
    int slave = -1;
    if (!openPty(m_master, slave, m_error)) return false;
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    setWindowSize(rows, columns);

    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TERM"), QStringLiteral("xterm"));
    m_process->setProcessEnvironment(env);
    // The child inherits the app's stdio, then puts the pty in its place (after fork, before exec:
    // async-signal-safe calls only).
    m_process->setProcessChannelMode(QProcess::ForwardedChannels);
    m_process->setInputChannelMode(QProcess::ForwardedInputChannel);
    m_process->setChildProcessModifier([slave] {
        ::setsid();
        ::ioctl(slave, TIOCSCTTY, 0);
        for (int fd = 0; fd < 3; ++fd)
            ::dup2(slave, fd);
        if (slave > 2) ::close(slave);
    });
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        onFinished(code, status == QProcess::CrashExit);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart) return;
        const QString message = m_process->errorString();
        emit output(QStringLiteral("%1: %2\r\n").arg(m_process->program(), message).toUtf8());
        onFinished(127, false);
    });

    m_readNotifier = new QSocketNotifier(m_master, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &PtyProcess::readMaster);
    m_writeNotifier = new QSocketNotifier(m_master, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &PtyProcess::flushPending);
    m_running = true;
    m_process->start(); // forks now: the slave can be closed on return
    ::close(slave);
    return true;
}

void PtyProcess::write(const QByteArray& bytes) {
    if (m_master < 0 || !m_running) return;
    m_pending += bytes;
    flushPending();
}

void PtyProcess::flushPending() {
    while (!m_pending.isEmpty() && m_master >= 0) {
        const ssize_t n =
            ::write(m_master, m_pending.constData(), static_cast<std::size_t>(m_pending.size()));
        if (n > 0) {
            m_pending.remove(0, n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            if (n < 0 && errno != EAGAIN) m_pending.clear(); // the other side is gone
            break;
        }
    }
    if (m_writeNotifier) m_writeNotifier->setEnabled(!m_pending.isEmpty());
}

void PtyProcess::setWindowSize(int rows, int columns) {
    if (m_master < 0) return;
    winsize size{};
    size.ws_row = static_cast<unsigned short>(rows);
    size.ws_col = static_cast<unsigned short>(columns);
    ::ioctl(m_master, TIOCSWINSZ, &size);
}

void PtyProcess::readMaster() {
    QByteArray data;
    char buf[16384];
    for (int i = 0; i < 16 && m_master >= 0; ++i) { // at most 256 KiB per turn of the event loop
        const ssize_t n = ::read(m_master, buf, sizeof buf);
        if (n > 0) {
            data.append(buf, n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        // EAGAIN: all read for now. 0 or EIO: every slave fd is closed (the program ended).
        if ((n == 0 || errno != EAGAIN) && m_readNotifier) m_readNotifier->setEnabled(false);
        break;
    }
    if (!data.isEmpty()) emit output(data);
}

void PtyProcess::hangUp() {
    closeMaster();
}

void PtyProcess::stop() {
    if (m_process) { // hung up below, left to finish on its own
        m_process->disconnect(this);
        connect(m_process, &QProcess::finished, m_process, &QObject::deleteLater);
        if (m_process->state() == QProcess::NotRunning) m_process->deleteLater();
        m_process = nullptr;
    }
    closeMaster();
    m_running = false;
}

void PtyProcess::closeMaster() {
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    if (m_master >= 0) ::close(m_master);
    m_master = -1;
}

void PtyProcess::onFinished(int code, bool crashed) {
    if (!m_running) return;
    readMaster(); // what it wrote last
    closeMaster();
    m_running = false;
    emit finished(crashed ? 128 + code : code);
}

} // namespace berth::ui
