#pragma once
// An embedded terminal: draws a TerminalScreen (the screen, with its scrollback above), runs a
// program on a PtyProcess, and turns key presses into the bytes a terminal sends (text, Enter,
// Backspace, Tab, Ctrl+letter, arrows and the editing keys). Its size in cells follows the widget
// and is passed on to the pty. Shift+PageUp/PageDown and the wheel scroll the history;
// Ctrl+Shift+V pastes. While it has focus, plain and Ctrl+letter keys go to the program rather
// than to the window's shortcuts; Ctrl+Shift and Ctrl+digit ones still reach the window.
#include "views/terminal_screen.h"

#include <QAbstractScrollArea>

namespace berth::ui {

class PtyProcess;

class TerminalView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TerminalView(QWidget* parent = nullptr);

    // Starts program on a fresh pty sized to the view; a running one is hung up first.
    bool start(const QString& program, const QStringList& args);
    void hangUp();
    // Hangs up and forgets the program: no finished() for it.
    void stop();
    // Empties the screen and its scrollback.
    void clear();
    bool isRunning() const;
    QString errorString() const;
    // Writes bytes to the program as if typed.
    void send(const QByteArray& bytes);
    // Shows text on the screen without sending it (notes such as "[exited 0]").
    void showNote(const QString& text);
    const TerminalScreen& screen() const { return m_screen; }
    // The bytes a key press sends, given the cursor-key mode; empty when it sends nothing.
    static QByteArray keyBytes(int key, Qt::KeyboardModifiers modifiers, const QString& text,
                               bool applicationCursor);

signals:
    void finished(int exitCode);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool focusNextPrevChild(bool next) override;
    void inputMethodEvent(QInputMethodEvent* event) override;

private:
    void onOutput(const QByteArray& bytes);
    void fitToView();
    void updateScrollBar(bool toBottom);
    QSize cellSize() const;
    QColor colour(int index, bool foreground) const;

    TerminalScreen m_screen;
    PtyProcess* m_pty;
};

} // namespace berth::ui
