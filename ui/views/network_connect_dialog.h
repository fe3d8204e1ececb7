#pragma once
// Connect a container…: which container joins the selected network, and its network-scoped
// aliases (more names other containers can reach it by); shows `berth network connect …`.
#include "bridge/cli_command.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace berth::ui {

class NetworkConnectDialog : public QDialog {
    Q_OBJECT
public:
    NetworkConnectDialog(const QString& network, const QStringList& containers, const CliCommand& cli,
                         QWidget* parent = nullptr);

    QString container() const;
    QStringList aliases() const;
    QString commandLine() const { return m_cli.networkConnect(m_network, container(), aliases()); }
    QComboBox* containerBox() const { return m_container; }
    QLineEdit* aliasesEdit() const { return m_aliases; }

private:
    CliCommand m_cli;
    QString m_network;
    QComboBox* m_container = nullptr;
    QLineEdit* m_aliases = nullptr;
    QLabel* m_preview = nullptr;
};

} // namespace berth::ui
