#include "views/pull_dialog.h"

#include "bridge/engine_bridge.h"
#include "models/display_format.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace berth::ui {

namespace {
constexpr int BarScale = 1000; // QProgressBar takes int; layers can exceed 2 GiB
const QColor ErrorBadge(0xd7, 0x3a, 0x3a);
} // namespace

PullDialog::PullDialog(EngineBridge* bridge, const StoreSnapshot& current, QWidget* parent)
    : QDialog(parent), m_bridge(bridge), m_store(current) {
    setWindowTitle(tr("Pull an image"));
    m_reference = new QLineEdit(this);
    m_reference->setPlaceholderText(tr("e.g. busybox:latest or 127.0.0.1:5000/team/app:1.0"));
    m_reference->setAccessibleName(tr("Image reference"));
    m_status = new QLabel(tr("Images come from a registry (Docker Hub when no host is given)."), this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layers = new QWidget;
    m_layerBox = new QVBoxLayout(layers);
    m_layerBox->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(layers);
    scroll->setWidgetResizable(true);
    scroll->setMinimumHeight(160);

    auto* buttons = new QDialogButtonBox(this);
    m_pull = buttons->addButton(tr("Pull"), QDialogButtonBox::ActionRole);
    m_stop = buttons->addButton(tr("Stop"), QDialogButtonBox::ActionRole);
    buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    m_pull->setDefault(true);
    connect(m_pull, &QPushButton::clicked, this, &PullDialog::startPull);
    connect(m_stop, &QPushButton::clicked, m_bridge, &EngineBridge::cancelPull);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reference, &QLineEdit::returnPressed, this, &PullDialog::startPull);

    auto* form = new QFormLayout;
    form->addRow(tr("Image:"), m_reference);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    setRunning(false);
    resize(620, 380);

    connect(m_bridge, &EngineBridge::pullProgress, this, &PullDialog::onProgress);
    connect(m_bridge, &EngineBridge::pullFinished, this, &PullDialog::onFinished);
    connect(m_bridge, &EngineBridge::pullFailed, this, &PullDialog::onFailed);
}

void PullDialog::setRunning(bool running) {
    m_running = running;
    m_pull->setEnabled(!running && !m_bridge->isPulling());
    m_stop->setEnabled(running);
    m_reference->setReadOnly(running);
}

void PullDialog::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    QPalette pal = palette();
    if (error) pal.setColor(QPalette::WindowText, ErrorBadge);
    m_status->setPalette(pal);
}

QString PullDialog::statusText() const { return m_status->text(); }

QString PullDialog::layerStatus(const QString& shortId) const {
    auto it = m_rows.find(shortId);
    return it == m_rows.end() ? QString() : it->status->text();
}

void PullDialog::startPull() {
    const QString reference = m_reference->text().trimmed();
    if (reference.isEmpty() || m_running || m_bridge->isPulling()) return;
    m_failed = false;
    setStatus(tr("Resolving %1…").arg(reference), false);
    setRunning(true);
    emit pullStarted(reference);
    m_bridge->pull(reference);
}

PullDialog::LayerRow& PullDialog::rowFor(const QString& shortId) {
    auto it = m_rows.find(shortId);
    if (it != m_rows.end()) return *it;
    LayerRow row;
    auto* line = new QHBoxLayout;
    auto* id = new QLabel(shortId);
    id->setFont(QFont(QStringLiteral("monospace")));
    row.bar = new QProgressBar;
    row.bar->setRange(0, BarScale);
    row.bar->setValue(0);
    row.bar->setTextVisible(false);
    row.status = new QLabel(tr("Waiting"));
    row.status->setMinimumWidth(260);
    line->addWidget(id);
    line->addWidget(row.bar, 1);
    line->addWidget(row.status);
    m_layerBox->insertLayout(m_layerBox->count() - 1, line);
    return *m_rows.insert(shortId, row);
}

QString PullDialog::sharedWith(const QString& blobDigest) const {
    QStringList names;
    for (const auto& image : m_store.images)
        for (const auto& layer : image.layers)
            if (layer.blobDigest == blobDigest && !names.contains(image.reference())) names << image.reference();
    return names.join(QStringLiteral(", "));
}

void PullDialog::onProgress(const PullEvent& e) {
    if (!m_running) return;
    if (e.id.isEmpty()) { // image-level: resolving, retrying, failing
        if (!e.message.isEmpty()) setStatus(e.message, e.kind == PullEvent::Kind::Failed);
        return;
    }
    LayerRow& row = rowFor(e.id);
    const auto fraction = [&] { return e.total ? static_cast<int>(BarScale * double(e.current) / double(e.total)) : 0; };
    switch (e.kind) {
    case PullEvent::Kind::Waiting: row.status->setText(tr("Waiting")); break;
    case PullEvent::Kind::Downloading:
        row.bar->setValue(fraction());
        row.status->setText(tr("Downloading %1 / %2").arg(formatSize(e.current), formatSize(e.total)));
        break;
    case PullEvent::Kind::Extracting:
        row.bar->setValue(fraction());
        row.status->setText(tr("Extracting %1 / %2").arg(formatSize(e.current), formatSize(e.total)));
        break;
    case PullEvent::Kind::Retrying: row.status->setText(tr("Retrying: %1").arg(e.message)); break;
    case PullEvent::Kind::DownloadComplete: row.status->setText(tr("Download complete")); break;
    case PullEvent::Kind::PullComplete:
        row.bar->setValue(BarScale);
        row.status->setText(tr("Pull complete"));
        break;
    case PullEvent::Kind::AlreadyExists: {
        row.bar->setValue(BarScale);
        const QString users = sharedWith(e.digest);
        row.status->setText(users.isEmpty() ? tr("already exists") : tr("already exists — shared with %1").arg(users));
        break;
    }
    case PullEvent::Kind::Failed: row.status->setText(tr("Failed: %1").arg(e.message)); break;
    case PullEvent::Kind::Resolving: break;
    }
}

void PullDialog::onFinished(const QString& reference, const QString& imageId, bool upToDate) {
    if (!m_running) return;
    setRunning(false);
    setStatus(upToDate ? tr("%1 is up to date.").arg(reference)
                       : tr("Pulled %1 (image %2).").arg(reference, shortDigest(imageId)),
              false);
}

void PullDialog::onFailed(const QString& message) {
    if (!m_running) return;
    m_failed = true;
    setRunning(false);
    setStatus(tr("Pull failed: %1").arg(message), true);
}

} // namespace berth::ui
