#pragma once
// Learn → Lifecycle: the container state machine (created, running, paused, restarting, exited,
// removed) for one container picked in a combo. Its current state is lit; each engine event for it
// flashes the edge it took (a die shows "exit N", or "OOM" after an oom event). The edges leaving
// the lit state are buttons: a click asks for that verb (actionRequested), which the main window
// runs through the Containers page, so the console shows the `berth …` line. GUI thread only.
#include "bridge/container_bridge.h"
#include "teach/explanation_panel.h"
#include "teach/lifecycle_machine.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QComboBox;
class QLabel;
class QGraphicsScene;
class QGraphicsView;

namespace berth::ui {

class LifecycleEdge;
class LifecycleNode;

class LifecycleView : public QWidget {
    Q_OBJECT
public:
    explicit LifecycleView(QWidget* parent = nullptr);

    void setContainers(const QList<ContainerInfo>& containers);
    void addEvents(const QList<ContainerEvent>& events);
    void selectContainer(const QString& name);

    QComboBox* containerBox() const { return m_box; }
    QGraphicsView* view() const { return m_view; }
    ExplanationPanel* explanation() const { return m_explanation; }
    lifecycle::State litState() const;
    LifecycleEdge* edge(int index) const { return m_edges.value(index); }
    LifecycleNode* node(lifecycle::State state) const { return m_nodes.value(static_cast<int>(state)); }

signals:
    void actionRequested(berth::ui::ContainerBridge::Verb verb, const QStringList& names);

private:
    void retranslate();
    void changeEvent(QEvent* event) override;
    QLabel* m_containerLabel = nullptr;
    QLabel* m_hint = nullptr;
    void buildScene();
    void rebuildBox();
    void refresh(); // lights the selected container's state, its notes and the clickable edges
    QString selectedId() const;
    void onEdgeClicked(int index);

    QComboBox* m_box = nullptr;
    QGraphicsScene* m_scene = nullptr;
    QGraphicsView* m_view = nullptr;
    ExplanationPanel* m_explanation = nullptr;
    QHash<int, LifecycleNode*> m_nodes; // by State
    QList<LifecycleEdge*> m_edges;      // by edge index
    QList<ContainerInfo> m_containers;
    QHash<QString, QString> m_names;               // id → name, kept after removal
    QHash<QString, lifecycle::State> m_states;     // id → state, from the list and newer events
    QHash<QString, QString> m_exitNotes;           // id → "exit 137" / "OOM · exit 137"
    QSet<QString> m_oom;                           // ids whose next die follows an oom
};

// The explanation beside the lifecycle diagram.
Explanation lifecycleExplanation();

} // namespace berth::ui
