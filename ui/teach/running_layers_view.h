#pragma once
// Learn → "Layers of a running container": the overlay stack of one running container, read from
// the real directories. Its image layers (read-only, bottom → top, short ids, sizes) sit under its
// writable layer, which lists what the container changed: copy-up (a file from a lower layer,
// copied up to be changed), whiteout (a 0/0 character device hiding a lower file) and new files.
// Re-read every 2 s while shown, so `berth exec web sh -c 'echo hi >> /etc/passwd'` appears.
#include "bridge/details_types.h"

#include <QWidget>

class QLabel;
class QTimer;
class QTreeWidget;

namespace berth::ui {

class ContainerListModel;
class DetailsBridge;
class ExplanationPanel;
class RunningContainerBox;

class RunningLayersView : public QWidget {
    Q_OBJECT
public:
    explicit RunningLayersView(QWidget* parent = nullptr);

    void setSources(ContainerListModel* containers, DetailsBridge* bridge);
    // Shows this container (the box picks one too); empty: none.
    void setContainer(const QString& id);
    // Shows a stack read elsewhere (tests feed fixtures); ignored when for another container.
    void setStack(const RunningStack& stack);

    QTreeWidget* stackTree() const { return m_tree; }
    ExplanationPanel* explanation() const { return m_explanation; }
    // The word the view shows for a path of the writable layer ("copy-up", …); empty when absent.
    QString shownKind(const QString& path) const;
    static QString kindWord(const UpperChange& change);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void retranslate();
    void changeEvent(QEvent* event) override;
    QLabel* m_containerLabel = nullptr;
    void refresh();

    DetailsBridge* m_bridge = nullptr;
    RunningContainerBox* m_box = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_status = nullptr;
    ExplanationPanel* m_explanation = nullptr;
    QTimer* m_timer = nullptr;
    QString m_id;
};

} // namespace berth::ui
