#pragma once
// The Learn page: teaching views over the real store, each with its explanation panel. Today
// four views: images ↔ layers, the container lifecycle, the layers of a running container and
// its isolation (namespaces, cgroups).
#include "bridge/bridge_types.h"

#include <QWidget>

class QTabWidget;

namespace berth::ui {

class ContainerListModel;
class DetailsBridge;
class ExplanationPanel;
class IsolationView;
class RunningLayersView;
class LifecycleView;
class RelationshipGraphView;

class LearnPage : public QWidget {
    Q_OBJECT
public:
    explicit LearnPage(QWidget* parent = nullptr);

    void setSnapshot(const StoreSnapshot& snapshot);
    RelationshipGraphView* graphView() const { return m_graph; }
    ExplanationPanel* graphExplanation() const { return m_explanation; }
    LifecycleView* lifecycleView() const { return m_lifecycle; }
    QTabWidget* tabs() const { return m_tabs; }
    RunningLayersView* runningLayersView() const { return m_runningLayers; }
    IsolationView* isolationView() const { return m_isolation; }
    // The running-container views pick from containers and read through bridge.
    void setContainerSources(ContainerListModel* containers, DetailsBridge* bridge);

private:
    void retranslate();
    void changeEvent(QEvent* event) override;
    QWidget* makeGraphTab();

    QTabWidget* m_tabs = nullptr;
    RelationshipGraphView* m_graph = nullptr;
    ExplanationPanel* m_explanation = nullptr;
    LifecycleView* m_lifecycle = nullptr;
    RunningLayersView* m_runningLayers = nullptr;
    IsolationView* m_isolation = nullptr;
};

} // namespace berth::ui
