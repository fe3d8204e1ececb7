#pragma once
// A program run on a pseudo-terminal of its own, as a terminal emulator runs a shell: the child is
// the leader of a new session whose controlling terminal is the pty's slave side (setsid,
// TIOCSCTTY); the app keeps the master, reads it through a QSocketNotifier and writes keys to it,
// never blocking the GUI thread. QProcess forks, reaps and reports the exit.
// Lives on the GUI thread. Destroying it or hangUp() closes the master: the kernel then sends
// SIGHUP to the session, which ends `berth exec` and the shell it relays.
#include <QByteArray>
#include <QObject>
#include <QStringList>

class QProcess;
class QSocketNotifier;

namespace berth::ui {

class PtyProcess : public QObject {
    Q_OBJECT
public:
    explicit PtyProcess(QObject* parent = nullptr);
    ~PtyProcess() override;

    // Starts program on a new pty of rows × columns; false with errorString() when no pty could be
    // opened. A program that cannot be executed ends with finished(127).
    bool start(const QString& program, const QStringList& args, int rows, int columns);
    void write(const QByteArray& bytes);
    // TIOCSWINSZ: the kernel tells the foreground job with SIGWINCH.
    void setWindowSize(int rows, int columns);
    void hangUp();
    // Hangs up without reporting the end: finished() is not emitted for this program.
    void stop();
    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }

signals:
    void output(const QByteArray& bytes);
    // After the last output: the exit code, or 128 + the signal that ended the program.
    void finished(int exitCode);

private:
    void readMaster();
    void flushPending();
    void closeMaster();
    void onFinished(int code, bool crashed);

    QProcess* m_process = nullptr;
    int m_master = -1;
    QSocketNotifier* m_readNotifier = nullptr;
    QSocketNotifier* m_writeNotifier = nullptr;
    QByteArray m_pending; // keys the pty has not taken yet
    bool m_running = false;
    QString m_error;
};

} // namespace berth::ui
