#include "views/images_page.h"

#include "bridge/engine_bridge.h"
#include "models/image_list_model.h"
#include "views/layer_panel.h"
#include "views/pull_dialog.h"

#include <QAction>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace berth::ui {

ImagesPage::ImagesPage(EngineBridge* bridge, ImageListModel* model, const CliCommand& cli, QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_model(model), m_cli(cli) {
    createActions();
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(ImageListModel::SortRole);
    m_layers = new LayerPanel(m_bridge, this);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(createTablePane());
    split->addWidget(m_layers);
    split->setSizes({560, 540});

    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({m_pull, m_load, m_save});
    toolbar->addSeparator();
    toolbar->addActions({m_remove, m_prune});
    toolbar->addSeparator();
    toolbar->addAction(m_refresh);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(split, 1);

    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &ImagesPage::rememberSelection);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ImagesPage::restoreSelection);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ImagesPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ImagesPage::onCurrentChanged);
    retranslate();
    restoreSelection();
}

void ImagesPage::createActions() {
    const auto make = [this](QStyle::StandardPixmap icon, const QList<QKeySequence>& keys) { // texts: retranslate()
        auto* a = new QAction(style()->standardIcon(icon), QString(), this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        return a;
    };
    m_pull = make(QStyle::SP_ArrowDown, {QKeySequence(Qt::CTRL | Qt::Key_P)});
    m_load = make(QStyle::SP_DialogOpenButton, {QKeySequence::Open});
    m_save = make(QStyle::SP_DialogSaveButton, {QKeySequence::Save});
    m_remove = make(QStyle::SP_TrashIcon, {QKeySequence::Delete});
    m_prune = make(QStyle::SP_DialogResetButton, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete)});
    m_refresh = make(QStyle::SP_BrowserReload, {QKeySequence::Refresh});
    m_filterFocus = make(QStyle::SP_FileDialogContentsView, {QKeySequence::Find});
    connect(m_pull, &QAction::triggered, this, &ImagesPage::showPullDialog);
    connect(m_remove, &QAction::triggered, this, &ImagesPage::confirmRemove);
    connect(m_prune, &QAction::triggered, this, &ImagesPage::confirmPrune);
    connect(m_save, &QAction::triggered, this, &ImagesPage::askSave);
    connect(m_load, &QAction::triggered, this, &ImagesPage::askLoad);
    connect(m_refresh, &QAction::triggered, this, [this] {
        emit commandIssued(m_cli.images());
        m_bridge->refresh();
    });
    connect(m_filterFocus, &QAction::triggered, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
}

void ImagesPage::retranslate() {
    m_pull->setText(tr("&Pull…"));
    m_load->setText(tr("&Load…"));
    m_save->setText(tr("&Save…"));
    m_remove->setText(tr("&Remove"));
    m_prune->setText(tr("P&rune…"));
    m_refresh->setText(tr("Re&fresh"));
    m_filterFocus->setText(tr("&Filter images"));
    m_pull->setToolTip(tr("Download an image from a registry"));
    m_remove->setToolTip(tr("Remove the selected images; layers no other image uses are deleted"));
    m_prune->setToolTip(tr("Remove images that have no name (dangling)"));
    updateEmptyText();
}

void ImagesPage::setStoreProblem(const QString& problem) {
    m_storeProblem = problem;
    updateEmptyText();
    m_empty->setVisible(!m_storeProblem.isEmpty() || m_model->rowCount() == 0);
}

QString ImagesPage::emptyText() const {
    return m_empty->text();
}

void ImagesPage::updateEmptyText() {
    m_empty->setText(m_storeProblem.isEmpty()
                         ? tr("No images yet. Pull one (Ctrl+P) or load an archive (Ctrl+O).")
                         : tr("The image store cannot be used: %1").arg(m_storeProblem));
}

void ImagesPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

QList<QAction*> ImagesPage::pageActions() const {
    return {m_pull, m_load, m_save, m_remove, m_prune, m_refresh, m_filterFocus};
}

QWidget* ImagesPage::createTablePane() {
    auto* pane = new QWidget(this);
    m_filter = new QLineEdit(pane);
    m_filter->setPlaceholderText(tr("Filter by repository, tag or ID"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter images"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_table = new QTableView(pane);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ImageListModel::CreatedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setAccessibleName(tr("Images"));
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        menu.addActions({m_pull, m_load, m_save});
        menu.addSeparator();
        menu.addActions({m_remove, m_prune});
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });

    m_empty = new QLabel(pane);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_empty);
    layout->addWidget(m_table, 1);
    return pane;
}

QStringList ImagesPage::selectedReferences() const {
    QStringList refs;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        refs << index.data(ImageListModel::ReferenceRole).toString();
    return refs;
}

void ImagesPage::rememberSelection() {
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid()) m_selectedReference = current.data(ImageListModel::ReferenceRole).toString();
}

void ImagesPage::restoreSelection() {
    if (!m_storeProblem.isEmpty()) setStoreProblem({}); // a listing arrived: the store opens now
    m_empty->setVisible(m_model->rowCount() == 0);
    int sourceRow = m_model->rowOfReference(m_selectedReference);
    QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid()) index = m_proxy->index(0, 0);
    if (index.isValid())
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_shownReference.clear(); // the snapshot changed: show the layers afresh
    onCurrentChanged();
    updateActions();
}

void ImagesPage::onCurrentChanged() {
    const QModelIndex current = m_table->currentIndex();
    const ImageInfo* image = current.isValid() ? m_model->imageAt(m_proxy->mapToSource(current).row()) : nullptr;
    const QString reference = image ? image->reference() : QString();
    if (reference == m_shownReference && !reference.isEmpty()) return;
    const bool userChange = !m_shownReference.isEmpty() && !reference.isEmpty();
    m_shownReference = reference;
    m_layers->setImage(image, m_model->snapshot().images);
    if (userChange) emit commandIssued(m_cli.history(reference));
}

void ImagesPage::updateActions() {
    const bool any = !m_table->selectionModel()->selectedRows().isEmpty();
    m_remove->setEnabled(any);
    m_save->setEnabled(any);
}

void ImagesPage::showPullDialog() {
    if (m_pullDialog) {
        m_pullDialog->raise();
        m_pullDialog->activateWindow();
        return;
    }
    m_pullDialog = new PullDialog(m_bridge, m_model->snapshot(), this);
    m_pullDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_pullDialog, &PullDialog::pullStarted, this, [this](const QString& reference) {
        emit commandIssued(m_cli.pull(reference));
        emit statusMessage(tr("Pulling %1…").arg(reference));
    });
    m_pullDialog->show();
}

} // namespace berth::ui
