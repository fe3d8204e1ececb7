#pragma once
// Run…: image (from the local images), name, command, environment (one K=V per line), restart
// policy, network, published ports, volumes and memory/CPU limits; the equivalent `berth run -d …` line is shown live below the form and changes as the
// user types, so the dialog teaches the CLI's flags.
#include "bridge/cli_command.h"
#include "engine/engine.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace berth::ui {

class PortsEditor;
class VolumesEditor;

class RunDialog : public QDialog {
    Q_OBJECT
public:
    RunDialog(const QStringList& images, const CliCommand& cli, QWidget* parent = nullptr);

    RunRequest request() const;
    // Fills the form from a request (Edit and recreate); networks adds user networks to the choice.
    void setRequest(const RunRequest& request);
    void setNetworks(const QStringList& networks);
    QString commandLine() const; // what the preview shows
    engine::CreateOptions createOptions() const; // what the bridge will create

    QComboBox* imageBox() const { return m_image; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* commandEdit() const { return m_command; }
    QPlainTextEdit* envEdit() const { return m_env; }
    QComboBox* restartBox() const { return m_restart; }
    QLabel* preview() const { return m_preview; }
    QComboBox* networkBox() const { return m_network; }
    PortsEditor* portsEditor() const { return m_ports; }
    VolumesEditor* volumesEditor() const { return m_volumes; }
    QSpinBox* memoryBox() const { return m_memory; } // MiB, 0 = no limit
    QDoubleSpinBox* cpusBox() const { return m_cpus; } // 0 = no limit

private:
    void createResourceFields();
    void updatePreview();

    CliCommand m_cli;
    QComboBox* m_image = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_command = nullptr;
    QPlainTextEdit* m_env = nullptr;
    QComboBox* m_restart = nullptr;
    QLabel* m_preview = nullptr;
    QComboBox* m_network = nullptr;
    PortsEditor* m_ports = nullptr;
    VolumesEditor* m_volumes = nullptr;
    QSpinBox* m_memory = nullptr;
    QDoubleSpinBox* m_cpus = nullptr;
};

} // namespace berth::ui
