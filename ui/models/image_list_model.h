#pragma once
// The Images table: one row per image name, as `berth images` lists them. Filled from a
// StoreSnapshot on the GUI thread; filtering is done by a QSortFilterProxyModel on top.
#include "bridge/bridge_types.h"

#include <QAbstractTableModel>

namespace berth::ui {

class ImageListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RepositoryColumn, TagColumn, IdColumn, CreatedColumn, SizeColumn, SharedColumn, ColumnCount };
    // Roles carry raw values (sortable, testable); DisplayRole carries the formatted text.
    enum Role {
        RepositoryRole = Qt::UserRole + 1, // QString, "<none>" when dangling
        TagRole,                           // QString
        IdRole,                            // QString, full "sha256:…" image id
        CreatedRole,                       // QDateTime
        SizeRole,                          // quint64, unpacked bytes of all layers
        SharedLayersRole,                  // int, layers this image shares with other images
        LayerCountRole,                    // int
        ReferenceRole,                     // QString, what the CLI calls it ("repo:tag" or short id)
        ChainIdsRole,                      // QStringList, bottom layer first
        SortRole,                          // per column: the raw value a proxy sorts by
    };

    explicit ImageListModel(QObject* parent = nullptr);

    // Replaces the content; rows keep their order from the engine (newest first).
    void setSnapshot(const StoreSnapshot& snapshot);
    const StoreSnapshot& snapshot() const { return m_snapshot; }
    const ImageInfo* imageAt(int row) const;
    int rowOfReference(const QString& reference) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant displayData(const ImageInfo& image, int row, int column) const;
    QVariant sortData(const ImageInfo& image, int row, int column) const;

    StoreSnapshot m_snapshot;
    QList<int> m_sharedCounts; // per row
};

// How many layers of images[row] also belong to another image (a different image id).
QList<int> sharedLayerCounts(const QList<ImageInfo>& images);

} // namespace berth::ui
