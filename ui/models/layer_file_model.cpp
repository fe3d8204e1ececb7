#include "models/layer_file_model.h"

#include "models/display_format.h"

#include <QColor>
#include <QFont>

namespace berth::ui {

struct LayerFileModel::Node {
    QString name;
    LayerFileEntry entry;
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node* child(const QString& childName) {
        for (auto& c : children)
            if (c->name == childName) return c.get();
        return nullptr;
    }
};

LayerFileModel::LayerFileModel(QObject* parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>()) {}

LayerFileModel::~LayerFileModel() = default;

LayerFileModel::Node* LayerFileModel::ensurePath(const QStringList& parts) {
    Node* node = m_root.get();
    QString path;
    for (const auto& part : parts) {
        path = path.isEmpty() ? part : path + QLatin1Char('/') + part;
        Node* next = node->child(part);
        if (!next) {
            auto created = std::make_unique<Node>();
            created->name = part;
            created->parent = node;
            created->row = static_cast<int>(node->children.size());
            created->entry.path = path;
            created->entry.isDir = true; // until the entry itself says otherwise
            next = created.get();
            node->children.push_back(std::move(created));
        }
        node = next;
    }
    return node;
}

void LayerFileModel::setEntries(const QList<LayerFileEntry>& entries) {
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_entryCount = static_cast<int>(entries.size());
    std::fill(std::begin(m_counts), std::end(m_counts), 0);
    for (const auto& e : entries) {
        Node* node = ensurePath(e.path.split(QLatin1Char('/'), Qt::SkipEmptyParts));
        node->entry = e;
        ++m_counts[static_cast<int>(e.change)];
    }
    endResetModel();
}

int LayerFileModel::count(FileChange change) const { return m_counts[static_cast<int>(change)]; }

QModelIndex LayerFileModel::indexOfPath(const QString& path) const {
    Node* node = m_root.get();
    for (const auto& part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        node = node->child(part);
        if (!node) return {};
    }
    return node == m_root.get() ? QModelIndex() : createIndex(node->row, 0, node);
}

LayerFileModel::Node* LayerFileModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex LayerFileModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent)) return {};
    return createIndex(row, column, nodeOf(parent)->children[row].get());
}

QModelIndex LayerFileModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    Node* p = nodeOf(child)->parent;
    return p == m_root.get() || !p ? QModelIndex() : createIndex(p->row, 0, p);
}

int LayerFileModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int LayerFileModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QString LayerFileModel::changeText(FileChange change) {
    switch (change) {
    case FileChange::Added: return tr("added");
    case FileChange::Modified: return tr("modified");
    case FileChange::Removed: return tr("removed (whiteout)");
    case FileChange::Unchanged: break;
    }
    return {};
}

QVariant LayerFileModel::displayData(const Node& node, int column) const {
    switch (column) {
    case NameColumn: return node.name;
    case ChangeColumn:
        return node.entry.isOpaque ? tr("opaque: hides the layers below") : changeText(node.entry.change);
    case SizeColumn: return node.entry.isDir || node.entry.change == FileChange::Removed ? QString() : formatSize(node.entry.size);
    }
    return {};
}

// State badges are the one place with fixed colours: they must mean the same in light and dark.
static QColor badgeColor(FileChange change) {
    switch (change) {
    case FileChange::Added: return QColor(0x2e, 0xa0, 0x43);
    case FileChange::Modified: return QColor(0xc9, 0x8a, 0x00);
    case FileChange::Removed: return QColor(0xd7, 0x3a, 0x3a);
    case FileChange::Unchanged: break;
    }
    return {};
}

QVariant LayerFileModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Node& node = *nodeOf(index);
    const LayerFileEntry& e = node.entry;
    switch (role) {
    case Qt::DisplayRole: return displayData(node, index.column());
    case Qt::ToolTipRole: return e.path;
    case Qt::ForegroundRole:
        if (e.change == FileChange::Unchanged) return {};
        return badgeColor(e.change);
    case Qt::FontRole:
        if (e.change != FileChange::Removed) return {};
        {
            QFont f;
            f.setStrikeOut(true);
            return f;
        }
    case PathRole: return e.path;
    case ChangeRole: return static_cast<int>(e.change);
    case SizeRole: return QVariant::fromValue(e.size);
    case IsDirRole: return e.isDir;
    case IsOpaqueRole: return e.isOpaque;
    }
    return {};
}

QVariant LayerFileModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case ChangeColumn: return tr("Change");
    case SizeColumn: return tr("Size");
    }
    return {};
}

} // namespace berth::ui
