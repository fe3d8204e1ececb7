#pragma once
// Filters the Containers table: free text (name, image, id, command, case-insensitive) and one
// state (empty: every state).
#include <QSortFilterProxyModel>

namespace berth::ui {

class ContainerFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ContainerFilterProxy(QObject* parent = nullptr);

    void setText(const QString& text);
    void setState(const QString& state); // Docker's word, or empty for every state
    QString state() const { return m_state; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QString m_state;
};

} // namespace berth::ui
