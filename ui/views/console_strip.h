#pragma once
// The strip at the bottom of the main window: every action the user takes appears as the
// `berth …` command that does the same, followed by what the engine answered — the GUI teaches
// the CLI. Read-only; the last command can be copied.
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace berth::ui {

class ConsoleStrip : public QWidget {
    Q_OBJECT
public:
    explicit ConsoleStrip(QWidget* parent = nullptr);

    void appendCommand(const QString& command);
    void appendOutput(const QString& text);
    void appendError(const QString& message); // printed as the CLI prints it: "Error: …"
    QString lastCommand() const { return m_lastCommand; }
    QString text() const;

private:
    void retranslate();
    void changeEvent(QEvent* event) override;

    QLabel* m_title = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QPushButton* m_copy = nullptr;
    QString m_lastCommand;
};

} // namespace berth::ui
