#include "views/volumes_editor.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace berth::ui {

VolumesEditor::VolumesEditor(QWidget* parent) : QWidget(parent) {
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    auto* add = new QPushButton(tr("Add volume"));
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(add);
    bottom->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rowsLayout);
    layout->addLayout(bottom);
    connect(add, &QPushButton::clicked, this, [this] { addVolume(); });
}

void VolumesEditor::addVolume(const QString& hostPath, const QString& containerPath, bool readOnly) {
    auto* widget = new QWidget;
    auto* host = new QLineEdit(hostPath);
    host->setPlaceholderText(tr("/path/on/this/computer"));
    host->setAccessibleName(tr("Host path"));
    auto* browse = new QToolButton;
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(tr("Choose a folder"));
    auto* container = new QLineEdit(containerPath);
    container->setPlaceholderText(tr("/path/in/container"));
    container->setAccessibleName(tr("Container path"));
    auto* ro = new QCheckBox(tr("read-only"));
    ro->setChecked(readOnly);
    auto* remove = new QToolButton;
    remove->setText(QStringLiteral("×"));
    remove->setToolTip(tr("Remove this volume"));
    auto* row = new QHBoxLayout(widget);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(host, 2);
    row->addWidget(browse);
    row->addWidget(container, 2);
    row->addWidget(ro);
    row->addWidget(remove);
    m_rowsLayout->addWidget(widget);
    m_rows.append({widget, host, container, ro});
    connect(host, &QLineEdit::textChanged, this, &VolumesEditor::changed);
    connect(container, &QLineEdit::textChanged, this, &VolumesEditor::changed);
    connect(ro, &QCheckBox::toggled, this, &VolumesEditor::changed);
    connect(browse, &QToolButton::clicked, this, [this, host] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder to share with the container"), host->text());
        if (!dir.isEmpty()) host->setText(dir);
    });
    connect(remove, &QToolButton::clicked, this, [this, widget] {
        m_rows.removeIf([widget](const Row& r) { return r.widget == widget; });
        widget->deleteLater();
        emit changed();
    });
    emit changed();
}

QList<VolumeRequest> VolumesEditor::volumes() const {
    QList<VolumeRequest> out;
    for (const auto& r : m_rows) {
        const QString host = r.host->text().trimmed(), container = r.container->text().trimmed();
        if (!host.isEmpty() && !container.isEmpty()) out.append({host, container, r.readOnly->isChecked()});
    }
    return out;
}

} // namespace berth::ui
