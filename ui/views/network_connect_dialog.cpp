#include "views/network_connect_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

NetworkConnectDialog::NetworkConnectDialog(const QString& network, const QStringList& containers,
                                           const CliCommand& cli, QWidget* parent)
    : QDialog(parent), m_cli(cli), m_network(network) {
    setWindowTitle(tr("Connect a container to %1").arg(network));
    m_container = new QComboBox;
    m_container->setEditable(true);
    m_container->addItems(containers);
    m_aliases = new QLineEdit;
    m_aliases->setPlaceholderText(tr("optional, separated by spaces"));
    m_preview = new QLabel;
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setWordWrap(true);
    m_preview->setFont(QFont(QStringLiteral("monospace")));
    auto* form = new QFormLayout;
    form->addRow(tr("&Container:"), m_container);
    form->addRow(tr("&Aliases:"), m_aliases);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("C&onnect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("The same from a terminal:")));
    layout->addWidget(m_preview);
    layout->addWidget(buttons);
    const auto update = [this, buttons] {
        m_preview->setText(commandLine());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!container().isEmpty());
    };
    connect(m_container, &QComboBox::currentTextChanged, this, update);
    connect(m_aliases, &QLineEdit::textChanged, this, update);
    update();
    resize(480, sizeHint().height());
}

QString NetworkConnectDialog::container() const {
    return m_container->currentText().trimmed();
}

QStringList NetworkConnectDialog::aliases() const {
    return m_aliases->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace berth::ui
