#pragma once
// The Learn page: teaching views over the real store, each with its explanation panel. Today
// one view (images ↔ layers); the lifecycle, isolation and overlay views join as the engine grows.
#include "bridge/bridge_types.h"

#include <QWidget>

class QTabWidget;

namespace berth::ui {

class ExplanationPanel;
class RelationshipGraphView;

class LearnPage : public QWidget {
    Q_OBJECT
public:
    explicit LearnPage(QWidget* parent = nullptr);

    void setSnapshot(const StoreSnapshot& snapshot);
    RelationshipGraphView* graphView() const { return m_graph; }
    ExplanationPanel* graphExplanation() const { return m_explanation; }

private:
    QWidget* makeGraphTab();

    QTabWidget* m_tabs = nullptr;
    RelationshipGraphView* m_graph = nullptr;
    ExplanationPanel* m_explanation = nullptr;
};

} // namespace berth::ui
