#include "views/run_dialog.h"

#include "bridge/run_options.h"
#include "views/ports_editor.h"
#include "views/volumes_editor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace berth::ui {

RunDialog::RunDialog(const QStringList& images, const CliCommand& cli, QWidget* parent)
    : QDialog(parent), m_cli(cli) {
    setWindowTitle(tr("Run a container"));
    m_image = new QComboBox;
    m_image->setEditable(true);
    m_image->addItems(images);
    m_name = new QLineEdit;
    m_name->setPlaceholderText(tr("generated when empty"));
    m_command = new QLineEdit;
    m_command->setPlaceholderText(tr("the image's default command"));
    m_env = new QPlainTextEdit;
    m_env->setPlaceholderText(tr("one KEY=value per line"));
    m_env->setMaximumHeight(72);
    m_restart = new QComboBox;
    for (const char* policy : {"no", "on-failure", "always", "unless-stopped"})
        m_restart->addItem(QString::fromLatin1(policy), QString::fromLatin1(policy));
    createResourceFields();
    m_preview = new QLabel;
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setWordWrap(true);
    m_preview->setFont(QFont(QStringLiteral("monospace")));
    m_preview->setAccessibleName(tr("Equivalent command"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Image:"), m_image);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Command:"), m_command);
    form->addRow(tr("&Environment:"), m_env);
    form->addRow(tr("&Restart policy:"), m_restart);
    form->addRow(tr("Net&work:"), m_network);
    form->addRow(tr("&Ports:"), m_ports);
    form->addRow(tr("&Volumes:"), m_volumes);
    form->addRow(tr("&Memory limit:"), m_memory);
    form->addRow(tr("CP&Us:"), m_cpus);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Run"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("The same from a terminal:")));
    layout->addWidget(m_preview);
    layout->addWidget(buttons);

    connect(m_image, &QComboBox::currentTextChanged, this, &RunDialog::updatePreview);
    connect(m_name, &QLineEdit::textChanged, this, &RunDialog::updatePreview);
    connect(m_command, &QLineEdit::textChanged, this, &RunDialog::updatePreview);
    connect(m_env, &QPlainTextEdit::textChanged, this, &RunDialog::updatePreview);
    connect(m_restart, &QComboBox::currentIndexChanged, this, &RunDialog::updatePreview);
    connect(m_network, &QComboBox::currentIndexChanged, this, &RunDialog::updatePreview);
    connect(m_volumes, &VolumesEditor::changed, this, &RunDialog::updatePreview);
    connect(m_memory, &QSpinBox::valueChanged, this, &RunDialog::updatePreview);
    connect(m_cpus, &QDoubleSpinBox::valueChanged, this, &RunDialog::updatePreview);
    connect(m_ports, &PortsEditor::changed, this, [this] {
        // Published ports live on the bridge network: choosing one chooses the bridge.
        const QString net = m_network->currentData().toString();
        const bool bridged = net != QLatin1String("none") && net != QLatin1String("host");
        if (!m_ports->ports().isEmpty() && !bridged) m_network->setCurrentIndex(m_network->findData(QStringLiteral("bridge")));
        updatePreview();
    });
    connect(m_image, &QComboBox::currentTextChanged, this,
            [buttons](const QString& text) { buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty()); });
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_image->currentText().isEmpty());
    updatePreview();
    resize(620, sizeHint().height());
}

void RunDialog::createResourceFields() {
    m_network = new QComboBox;
    m_network->addItem(tr("default (the bridge: own address, can publish ports)"), QString());
    m_network->addItem(tr("none (no network)"), QStringLiteral("none"));
    m_network->addItem(tr("bridge (own address, can publish ports)"), QStringLiteral("bridge"));
    m_network->addItem(tr("host (shares this computer's network)"), QStringLiteral("host"));
    m_ports = new PortsEditor;
    m_volumes = new VolumesEditor;
    m_memory = new QSpinBox;
    m_memory->setRange(0, 1 << 20);
    m_memory->setSingleStep(64);
    m_memory->setSuffix(tr(" MiB"));
    m_memory->setSpecialValueText(tr("no limit"));
    m_cpus = new QDoubleSpinBox;
    m_cpus->setRange(0, 1024);
    m_cpus->setDecimals(2);
    m_cpus->setSingleStep(0.5);
    m_cpus->setSpecialValueText(tr("no limit"));
}

RunRequest RunDialog::request() const {
    RunRequest r;
    r.image = m_image->currentText().trimmed();
    r.name = m_name->text().trimmed();
    r.command = CliCommand::splitArguments(m_command->text());
    for (const QString& line : m_env->toPlainText().split(QLatin1Char('\n'))) {
        const QString e = line.trimmed();
        if (!e.isEmpty()) r.env << e;
    }
    r.restart = m_restart->currentData().toString();
    r.network = m_network->currentData().toString();
    r.ports = m_ports->ports();
    r.volumes = m_volumes->volumes();
    r.memoryMiB = m_memory->value();
    r.cpus = m_cpus->value();
    return r;
}

void RunDialog::setNetworks(const QStringList& networks) {
    for (const QString& n : networks)
        if (m_network->findData(n) < 0) m_network->addItem(n, n);
}

void RunDialog::setRequest(const RunRequest& r) {
    m_image->setCurrentText(r.image);
    m_name->setText(r.name);
    QStringList words;
    for (const QString& w : r.command) words << CliCommand::shellQuote(w);
    m_command->setText(words.join(QLatin1Char(' ')));
    m_env->setPlainText(r.env.join(QLatin1Char('\n')));
    if (m_restart->findData(r.restart) < 0) m_restart->addItem(r.restart, r.restart);
    m_restart->setCurrentIndex(m_restart->findData(r.restart));
    for (const auto& p : r.ports) m_ports->addPort(p.hostPort, p.containerPort, p.hostIp, p.protocol);
    for (const auto& v : r.volumes) m_volumes->addVolume(v.hostPath, v.containerPath, v.readOnly);
    m_memory->setValue(r.memoryMiB);
    m_cpus->setValue(r.cpus);
    // After the ports: adding one selects the bridge, and an edited container keeps its own network.
    if (m_network->findData(r.network) < 0) m_network->addItem(r.network, r.network);
    m_network->setCurrentIndex(m_network->findData(r.network));
    updatePreview();
}

QString RunDialog::commandLine() const { return m_cli.run(request()); }

engine::CreateOptions RunDialog::createOptions() const { return toCreateOptions(request()); }

void RunDialog::updatePreview() { m_preview->setText(commandLine()); }

} // namespace berth::ui
