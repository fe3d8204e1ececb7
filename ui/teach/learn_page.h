#pragma once
// The Learn page: teaching views over the real store, each with its explanation panel. Today
// two views (images ↔ layers, the container lifecycle); isolation and overlay views join later.
#include "bridge/bridge_types.h"

#include <QWidget>

class QTabWidget;

namespace berth::ui {

class ExplanationPanel;
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

private:
    QWidget* makeGraphTab();

    QTabWidget* m_tabs = nullptr;
    RelationshipGraphView* m_graph = nullptr;
    ExplanationPanel* m_explanation = nullptr;
    LifecycleView* m_lifecycle = nullptr;
};

} // namespace berth::ui
