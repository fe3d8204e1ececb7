#include "models/image_list_model.h"

#include "models/display_format.h"

#include <QHash>
#include <QSet>

namespace berth::ui {

QList<int> sharedLayerCounts(const QList<ImageInfo>& images) {
    // chainId → distinct image ids using it; two names of one image do not count as sharing.
    QHash<QString, QSet<QString>> users;
    for (const auto& image : images)
        for (const auto& layer : image.layers) users[layer.chainId].insert(image.id);
    QList<int> counts;
    for (const auto& image : images) {
        int shared = 0;
        for (const auto& layer : image.layers) shared += users.value(layer.chainId).size() > 1 ? 1 : 0;
        counts.push_back(shared);
    }
    return counts;
}

ImageListModel::ImageListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ImageListModel::setSnapshot(const StoreSnapshot& snapshot) {
    beginResetModel();
    m_snapshot = snapshot;
    m_sharedCounts = sharedLayerCounts(snapshot.images);
    endResetModel();
}

const ImageInfo* ImageListModel::imageAt(int row) const {
    return row >= 0 && row < m_snapshot.images.size() ? &m_snapshot.images[row] : nullptr;
}

int ImageListModel::rowOfReference(const QString& reference) const {
    for (int i = 0; i < m_snapshot.images.size(); ++i)
        if (m_snapshot.images[i].reference() == reference) return i;
    return -1;
}

int ImageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_snapshot.images.size());
}

int ImageListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ImageListModel::displayData(const ImageInfo& image, int row, int column) const {
    switch (column) {
    case RepositoryColumn: return image.repository;
    case TagColumn: return image.tag;
    case IdColumn: return image.shortId();
    case CreatedColumn: return formatDate(image.created);
    case SizeColumn: return formatSize(image.size);
    case SharedColumn:
        return tr("%1 of %2").arg(m_sharedCounts.value(row)).arg(image.layers.size());
    }
    return {};
}

QVariant ImageListModel::sortData(const ImageInfo& image, int row, int column) const {
    switch (column) {
    case CreatedColumn: return image.created;
    case SizeColumn: return QVariant::fromValue(image.size);
    case SharedColumn: return m_sharedCounts.value(row);
    default: return displayData(image, row, column);
    }
}

QVariant ImageListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const ImageInfo& image = m_snapshot.images[index.row()];
    switch (role) {
    case Qt::DisplayRole: return displayData(image, index.row(), index.column());
    case Qt::ToolTipRole:
        if (index.column() == IdColumn) return image.id;
        if (index.column() == SharedColumn) return tr("Layers stored once and used by other images too");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == SharedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RepositoryRole: return image.repository;
    case TagRole: return image.tag;
    case IdRole: return image.id;
    case CreatedRole: return image.created;
    case SizeRole: return QVariant::fromValue(image.size);
    case SharedLayersRole: return m_sharedCounts.value(index.row());
    case LayerCountRole: return static_cast<int>(image.layers.size());
    case ReferenceRole: return image.reference();
    case SortRole: return sortData(image, index.row(), index.column());
    case ChainIdsRole: {
        QStringList ids;
        for (const auto& l : image.layers) ids << l.chainId;
        return ids;
    }
    }
    return {};
}

QVariant ImageListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case RepositoryColumn: return tr("Repository");
    case TagColumn: return tr("Tag");
    case IdColumn: return tr("Image ID");
    case CreatedColumn: return tr("Created");
    case SizeColumn: return tr("Size");
    case SharedColumn: return tr("Shared layers");
    }
    return {};
}

QHash<int, QByteArray> ImageListModel::roleNames() const {
    auto names = QAbstractTableModel::roleNames();
    const QHash<int, QByteArray> ours{{RepositoryRole, "repository"}, {TagRole, "tag"}, {IdRole, "id"},
                                      {CreatedRole, "created"}, {SizeRole, "size"},
                                      {SharedLayersRole, "sharedLayers"}, {LayerCountRole, "layerCount"},
                                      {ReferenceRole, "reference"}, {ChainIdsRole, "chainIds"},
                                      {SortRole, "sortValue"}};
    names.insert(ours);
    return names;
}

} // namespace berth::ui
