#pragma once
// A read-only tree over a JSON document (the Inspect tab): column 0 the key (or [index] in an
// array), column 1 the value for scalars and a "{…} n keys" / "[…] n items" summary otherwise.
// Object keys keep the order the engine wrote them in QJsonObject (sorted by key).
#include <QAbstractItemModel>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace berth::ui {

class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1 }; // "State.Pid": the dotted path, for tests and copying

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    void setJson(const QJsonValue& root);
    // The index of a dotted path ("State.Status"), column 0; invalid when absent.
    QModelIndex find(const QString& path) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        QString key, path;
        QJsonValue value;
        Node* parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    static void build(Node* node);
    Node* nodeOf(const QModelIndex& index) const;

    std::unique_ptr<Node> m_root;
};

} // namespace berth::ui
