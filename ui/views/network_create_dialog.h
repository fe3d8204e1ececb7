#pragma once
// Create network…: name, optional subnet and gateway, labels (one key=value per line); the
// equivalent `berth network create …` line is shown below the form and follows every keystroke.
#include "bridge/cli_command.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace berth::ui {

class NetworkCreateDialog : public QDialog {
    Q_OBJECT
public:
    explicit NetworkCreateDialog(const CliCommand& cli, QWidget* parent = nullptr);

    NetworkRequest request() const;
    QString commandLine() const { return m_cli.networkCreate(request()); }

    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* subnetEdit() const { return m_subnet; }
    QLineEdit* gatewayEdit() const { return m_gateway; }
    QPlainTextEdit* labelsEdit() const { return m_labels; }
    QLabel* preview() const { return m_preview; }
    QPushButton* createButton() const { return m_ok; }

private:
    void updatePreview();

    CliCommand m_cli;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_subnet = nullptr;
    QLineEdit* m_gateway = nullptr;
    QPlainTextEdit* m_labels = nullptr;
    QLabel* m_preview = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace berth::ui
