#include "views/network_create_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

NetworkCreateDialog::NetworkCreateDialog(const CliCommand& cli, QWidget* parent)
    : QDialog(parent), m_cli(cli) {
    setWindowTitle(tr("Create a network"));
    m_name = new QLineEdit;
    m_name->setPlaceholderText(tr("letters, digits, '_', '.', '-'"));
    m_subnet = new QLineEdit;
    m_subnet->setPlaceholderText(tr("automatic (the next free 10.89.N.0/24)"));
    m_gateway = new QLineEdit;
    m_gateway->setPlaceholderText(tr("the subnet's first address"));
    m_labels = new QPlainTextEdit;
    m_labels->setPlaceholderText(tr("one key=value per line"));
    m_labels->setMaximumHeight(64);
    m_preview = new QLabel;
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setWordWrap(true);
    m_preview->setFont(QFont(QStringLiteral("monospace")));
    m_preview->setAccessibleName(tr("Equivalent command"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Subnet:"), m_subnet);
    form->addRow(tr("&Gateway:"), m_gateway);
    form->addRow(tr("&Labels:"), m_labels);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Containers on a network you create find each other by name.")));
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("The same from a terminal:")));
    layout->addWidget(m_preview);
    layout->addWidget(buttons);

    for (QLineEdit* e : {m_name, m_subnet, m_gateway})
        connect(e, &QLineEdit::textChanged, this, &NetworkCreateDialog::updatePreview);
    connect(m_labels, &QPlainTextEdit::textChanged, this, &NetworkCreateDialog::updatePreview);
    updatePreview();
    resize(520, sizeHint().height());
}

NetworkRequest NetworkCreateDialog::request() const {
    NetworkRequest r;
    r.name = m_name->text().trimmed();
    r.subnet = m_subnet->text().trimmed();
    r.gateway = m_gateway->text().trimmed();
    for (const QString& line : m_labels->toPlainText().split(QLatin1Char('\n'))) {
        const QString l = line.trimmed();
        if (l.isEmpty()) continue;
        const qsizetype eq = l.indexOf(QLatin1Char('='));
        r.labels.insert(eq < 0 ? l : l.left(eq), eq < 0 ? QString() : l.mid(eq + 1));
    }
    return r;
}

void NetworkCreateDialog::updatePreview() {
    m_preview->setText(commandLine());
    // The engine checks the rest (name rule, overlapping subnets) and says what is wrong.
    m_ok->setEnabled(!m_name->text().trimmed().isEmpty() &&
                     (m_gateway->text().trimmed().isEmpty() || !m_subnet->text().trimmed().isEmpty()));
}

} // namespace berth::ui
