#pragma once
// The file tree of one layer with each path marked added / modified / removed (see layer_diff.h).
// Built from a flat, path-sorted list on the GUI thread; read-only.
#include "bridge/bridge_types.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace berth::ui {

class LayerFileModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ChangeColumn, SizeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString, relative path
        ChangeRole,                  // int, a FileChange value
        SizeRole,                    // quint64 (0 for directories and whiteouts)
        IsDirRole,                   // bool
        IsOpaqueRole,                // bool
    };

    explicit LayerFileModel(QObject* parent = nullptr);
    ~LayerFileModel() override;

    void setEntries(const QList<LayerFileEntry>& entries);
    void clear() { setEntries({}); }
    int entryCount() const { return m_entryCount; }
    // How many listed paths have each change kind.
    int count(FileChange change) const;
    QModelIndex indexOfPath(const QString& path) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString changeText(FileChange change);

private:
    struct Node;
    Node* nodeOf(const QModelIndex& index) const;
    Node* ensurePath(const QStringList& parts);
    QVariant displayData(const Node& node, int column) const;

    std::unique_ptr<Node> m_root;
    int m_entryCount = 0;
    int m_counts[4] = {};
};

} // namespace berth::ui
