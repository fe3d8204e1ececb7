#include "views/layer_panel.h"

#include "bridge/engine_bridge.h"
#include "models/layer_file_model.h"
#include "models/layer_stack_model.h"

#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace berth::ui {

LayerPanel::LayerPanel(EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_stack(new LayerStackModel(this)), m_files(new LayerFileModel(this)) {
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);

    m_stackView = new QTableView(this);
    m_stackView->setModel(m_stack);
    m_stackView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stackView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stackView->verticalHeader()->hide();
    m_stackView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_stackView->horizontalHeader()->setSectionResizeMode(LayerStackModel::CreatedByColumn, QHeaderView::Stretch);
    m_stackView->setWordWrap(false);
    m_stackView->setAccessibleName(tr("Layer stack"));

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_fileView = new QTreeView(this);
    m_fileView->setModel(m_files);
    m_fileView->setUniformRowHeights(true);
    m_fileView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_fileView->header()->setStretchLastSection(false);
    m_fileView->setAccessibleName(tr("Files of the selected layer"));

    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_summary);
    lowerLayout->addWidget(m_fileView, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_stackView);
    split->addWidget(lower);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);

    connect(m_stackView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { selectLayer(current.row()); });
    connect(m_bridge, &EngineBridge::layerFilesReady, this, &LayerPanel::onLayerFiles);
    setImage(nullptr, {});
}

void LayerPanel::setImage(const ImageInfo* image, const QList<ImageInfo>& all) {
    m_stack->setImage(image, all);
    m_reference = image ? image->reference() : QString();
    updateTitle();
    m_files->clear();
    m_pendingChainId.clear();
    updateSummary();
    if (image && !image->layers.isEmpty()) {
        // The top layer is what the image added last: the most interesting one to start with.
        const QModelIndex top = m_stack->index(m_stack->rowCount() - 1, 0);
        m_stackView->selectionModel()->setCurrentIndex(top, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
}

void LayerPanel::selectLayer(int row) {
    m_files->clear();
    const QStringList stack = m_stack->stackUpTo(row);
    m_pendingChainId = row >= 0 && !stack.isEmpty() ? stack.last() : QString();
    m_filesLoaded = false;
    updateSummary();
    if (!m_pendingChainId.isEmpty()) m_bridge->listLayerFiles(stack);
}

void LayerPanel::onLayerFiles(const QString& chainId, const QList<LayerFileEntry>& files) {
    if (chainId != m_pendingChainId) return;
    m_files->setEntries(files);
    m_filesLoaded = true;
    m_fileView->expandToDepth(0);
    updateSummary();
}

void LayerPanel::updateTitle() {
    m_title->setText(!m_reference.isEmpty() ? tr("Layers of %1 (base first)").arg(m_reference) : tr("No image selected"));
}

void LayerPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        m_stackView->setAccessibleName(tr("Layer stack"));
        m_fileView->setAccessibleName(tr("Files of the selected layer"));
        updateTitle();
        updateSummary();
    }
    QWidget::changeEvent(event);
}

void LayerPanel::updateSummary() {
    if (m_pendingChainId.isEmpty()) {
        m_summary->setText(tr("Select a layer to see the files it changed."));
        return;
    }
    if (!m_filesLoaded) {
        m_summary->setText(tr("Reading the layer's files…"));
        return;
    }
    m_summary->setText(tr("This layer: %1 added, %2 modified, %3 removed (compared with the layers below).")
                           .arg(m_files->count(FileChange::Added))
                           .arg(m_files->count(FileChange::Modified))
                           .arg(m_files->count(FileChange::Removed)));
}

} // namespace berth::ui
