#pragma once
// Paints the State column as a coloured, rounded badge (green running, amber paused/restarting,
// grey created, red exited with a non-zero code or dead, slate exited 0). The colour comes from
// the raw StateRole and ExitCodeRole, the text from DisplayRole (translated).
#include <QStyledItemDelegate>

namespace berth::ui {

class StateBadgeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QColor badgeColor(const QString& state, int exitCode);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace berth::ui
