#include "views/ports_editor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

namespace berth::ui {

PortsEditor::PortsEditor(QWidget* parent) : QWidget(parent) {
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    auto* add = new QPushButton(tr("Add port"));
    auto* note = new QLabel(tr("published on this computer only (127.0.0.1)"));
    note->setEnabled(false);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(add);
    bottom->addWidget(note, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rowsLayout);
    layout->addLayout(bottom);
    connect(add, &QPushButton::clicked, this, [this] { addPort(); });
}

void PortsEditor::addPort(int hostPort, int containerPort, const QString& hostIp, const QString& protocol) {
    auto* widget = new QWidget;
    auto* host = new QSpinBox;
    host->setRange(0, 65535);
    host->setSpecialValueText(tr("any"));
    host->setAccessibleName(tr("Host port"));
    host->setValue(hostPort);
    auto* container = new QSpinBox;
    container->setRange(0, 65535);
    container->setSpecialValueText(tr("port"));
    container->setAccessibleName(tr("Container port"));
    container->setValue(containerPort);
    auto* remove = new QToolButton;
    remove->setText(QStringLiteral("×"));
    remove->setToolTip(tr("Remove this port"));
    auto* row = new QHBoxLayout(widget);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(hostIp + QLatin1Char(':')));
    row->addWidget(host, 1);
    row->addWidget(new QLabel(QStringLiteral("→")));
    row->addWidget(container, 1);
    if (protocol != QLatin1String("tcp")) row->addWidget(new QLabel(QLatin1Char('/') + protocol));
    row->addWidget(remove);
    m_rowsLayout->addWidget(widget);
    m_rows.append({widget, host, container, hostIp, protocol});
    connect(host, &QSpinBox::valueChanged, this, &PortsEditor::changed);
    connect(container, &QSpinBox::valueChanged, this, &PortsEditor::changed);
    connect(remove, &QToolButton::clicked, this, [this, widget] {
        m_rows.removeIf([widget](const Row& r) { return r.widget == widget; });
        widget->deleteLater();
        emit changed();
    });
    emit changed();
}

QList<PortMapping> PortsEditor::ports() const {
    QList<PortMapping> out;
    for (const auto& r : m_rows)
        if (r.container->value() > 0)
            out.append({r.hostIp, r.host->value(), r.container->value(), r.protocol});
    return out;
}

} // namespace berth::ui
