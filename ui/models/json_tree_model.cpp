#include "models/json_tree_model.h"

#include <QJsonArray>
#include <QJsonObject>

namespace berth::ui {

JsonTreeModel::JsonTreeModel(QObject* parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>()) {}
JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::build(Node* node) {
    const auto add = [node](const QString& key, const QJsonValue& value) {
        auto child = std::make_unique<Node>();
        child->key = key;
        child->path = node->path.isEmpty() ? key : node->path + QLatin1Char('.') + key;
        child->value = value;
        child->parent = node;
        child->row = static_cast<int>(node->children.size());
        build(child.get());
        node->children.push_back(std::move(child));
    };
    if (node->value.isObject()) {
        const QJsonObject o = node->value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) add(it.key(), it.value());
    } else if (node->value.isArray()) {
        const QJsonArray a = node->value.toArray();
        for (int i = 0; i < a.size(); ++i) add(QStringLiteral("[%1]").arg(i), a.at(i));
    }
}

void JsonTreeModel::setJson(const QJsonValue& root) {
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_root->value = root;
    build(m_root.get());
    endResetModel();
}

QModelIndex JsonTreeModel::find(const QString& path) const {
    QModelIndex at;
    for (const QString& key : path.split(QLatin1Char('.'))) {
        const Node* n = at.isValid() ? nodeOf(at) : m_root.get();
        QModelIndex next;
        for (const auto& c : n->children)
            if (c->key == key) next = createIndex(c->row, 0, c.get());
        if (!next.isValid()) return {};
        at = next;
    }
    return at;
}

JsonTreeModel::Node* JsonTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent)) return {};
    return createIndex(row, column, nodeOf(parent)->children[static_cast<std::size_t>(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    Node* p = nodeOf(child)->parent;
    if (!p || p == m_root.get()) return {};
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0) return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const Node* n = nodeOf(index);
    if (role == PathRole) return n->path;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    if (index.column() == KeyColumn) return n->key;
    const QJsonValue& v = n->value;
    switch (v.type()) {
    case QJsonValue::Object: return tr("{…} %1 keys").arg(v.toObject().size());
    case QJsonValue::Array: return tr("[…] %1 items").arg(v.toArray().size());
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String: return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    default: return QStringLiteral("null");
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == KeyColumn ? tr("Field") : tr("Value");
}

} // namespace berth::ui
