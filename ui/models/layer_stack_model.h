#pragma once
// The layer stack of one image, bottom (base) layer in row 0 — the order the layers are applied.
// Each row tells which other images use the same layer, which is what makes sharing visible.
#include "bridge/bridge_types.h"

#include <QAbstractTableModel>

namespace berth::ui {

class LayerStackModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IndexColumn, IdColumn, SizeColumn, CreatedByColumn, SharedWithColumn, ColumnCount };
    enum Role {
        IndexRole = Qt::UserRole + 1, // int, 0 = base layer
        ShortIdRole,                  // QString, 12 hex of the blob digest (what a pull shows)
        ChainIdRole,                  // QString, "sha256:…" snapshot key
        DiffIdRole,                   // QString
        BlobDigestRole,               // QString
        SizeRole,                     // quint64
        CreatedByRole,                // QString, the build step ("" when the history is missing)
        SharedWithRole,               // QStringList, references of the other images using this layer
    };

    explicit LayerStackModel(QObject* parent = nullptr);

    // image: the selected image (nullptr clears); all: every image, to find who shares a layer.
    void setImage(const ImageInfo* image, const QList<ImageInfo>& all);
    QString imageReference() const { return m_reference; }
    // The chain ids from the base up to and including row (what listLayerFiles wants).
    QStringList stackUpTo(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant displayData(int row, int column) const;

    QString m_reference;
    QList<LayerInfo> m_layers;
    QList<QStringList> m_sharedWith;
};

} // namespace berth::ui
