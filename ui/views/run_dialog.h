#pragma once
// Run…: image (from the local images), name, command, environment (one K=V per line) and restart
// policy; the equivalent `berth run -d …` line is shown live below the form and changes as the
// user types, so the dialog teaches the CLI's flags.
#include "bridge/cli_command.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace berth::ui {

class RunDialog : public QDialog {
    Q_OBJECT
public:
    RunDialog(const QStringList& images, const CliCommand& cli, QWidget* parent = nullptr);

    RunRequest request() const;
    QString commandLine() const; // what the preview shows

    QComboBox* imageBox() const { return m_image; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* commandEdit() const { return m_command; }
    QPlainTextEdit* envEdit() const { return m_env; }
    QComboBox* restartBox() const { return m_restart; }
    QLabel* preview() const { return m_preview; }

private:
    void updatePreview();

    CliCommand m_cli;
    QComboBox* m_image = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_command = nullptr;
    QPlainTextEdit* m_env = nullptr;
    QComboBox* m_restart = nullptr;
    QLabel* m_preview = nullptr;
};

} // namespace berth::ui
