#include "models/layer_stack_model.h"

#include "models/display_format.h"

namespace berth::ui {

LayerStackModel::LayerStackModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerStackModel::setImage(const ImageInfo* image, const QList<ImageInfo>& all) {
    beginResetModel();
    m_layers = image ? image->layers : QList<LayerInfo>{};
    m_reference = image ? image->reference() : QString();
    m_sharedWith.clear();
    for (const auto& layer : m_layers) {
        QStringList others;
        for (const auto& other : all) {
            if (other.id == image->id || others.contains(other.reference())) continue;
            for (const auto& l : other.layers)
                if (l.chainId == layer.chainId) {
                    others << other.reference();
                    break;
                }
        }
        m_sharedWith.push_back(others);
    }
    endResetModel();
}

QStringList LayerStackModel::stackUpTo(int row) const {
    QStringList ids;
    for (int i = 0; i <= row && i < m_layers.size(); ++i) ids << m_layers[i].chainId;
    return ids;
}

int LayerStackModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_layers.size());
}

int LayerStackModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LayerStackModel::displayData(int row, int column) const {
    const LayerInfo& l = m_layers[row];
    switch (column) {
    case IndexColumn: return row == 0 ? tr("%1 (base)").arg(row) : QString::number(row);
    case IdColumn: return shortDigest(l.blobDigest.isEmpty() ? l.diffId : l.blobDigest);
    case SizeColumn: return formatSize(l.size);
    case CreatedByColumn: return l.createdBy.isEmpty() ? tr("(no history)") : l.createdBy;
    case SharedWithColumn: return m_sharedWith[row].join(QStringLiteral(", "));
    }
    return {};
}

QVariant LayerStackModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const int row = index.row();
    const LayerInfo& l = m_layers[row];
    switch (role) {
    case Qt::DisplayRole: return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == CreatedByColumn) return l.createdBy;
        if (index.column() == IdColumn) return tr("Blob %1\nDiffID %2\nChainID %3").arg(l.blobDigest, l.diffId, l.chainId);
        return {};
    case IndexRole: return row;
    case ShortIdRole: return shortDigest(l.blobDigest.isEmpty() ? l.diffId : l.blobDigest);
    case ChainIdRole: return l.chainId;
    case DiffIdRole: return l.diffId;
    case BlobDigestRole: return l.blobDigest;
    case SizeRole: return QVariant::fromValue(l.size);
    case CreatedByRole: return l.createdBy;
    case SharedWithRole: return m_sharedWith[row];
    }
    return {};
}

QVariant LayerStackModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case IndexColumn: return tr("Layer");
    case IdColumn: return tr("ID");
    case SizeColumn: return tr("Size");
    case CreatedByColumn: return tr("Created by");
    case SharedWithColumn: return tr("Shared with");
    }
    return {};
}

QHash<int, QByteArray> LayerStackModel::roleNames() const {
    auto names = QAbstractTableModel::roleNames();
    const QHash<int, QByteArray> ours{{IndexRole, "index"}, {ShortIdRole, "shortId"}, {ChainIdRole, "chainId"},
                                      {DiffIdRole, "diffId"}, {BlobDigestRole, "blobDigest"},
                                      {SizeRole, "size"}, {CreatedByRole, "createdBy"},
                                      {SharedWithRole, "sharedWith"}};
    names.insert(ours);
    return names;
}

} // namespace berth::ui
