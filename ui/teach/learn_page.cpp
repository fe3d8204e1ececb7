#include "teach/learn_page.h"

#include "models/container_list_model.h"
#include "models/display_format.h"
#include "teach/explanation_panel.h"
#include "teach/isolation_view.h"
#include "teach/lifecycle_view.h"
#include "teach/running_layers_view.h"
#include "teach/relationship_graph_view.h"

#include <QEvent>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace berth::ui {

LearnPage::LearnPage(QWidget* parent) : QWidget(parent) {
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(makeGraphTab(), QString()); // texts: retranslate()
    m_lifecycle = new LifecycleView;
    m_tabs->addTab(m_lifecycle, QString());
    m_runningLayers = new RunningLayersView;
    m_tabs->addTab(m_runningLayers, QString());
    m_isolation = new IsolationView;
    m_tabs->addTab(m_isolation, QString());
    retranslate();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

void LearnPage::retranslate() {
    m_tabs->setTabText(0, tr("Images and layers"));
    m_tabs->setTabText(1, tr("Lifecycle"));
    m_tabs->setTabText(2, tr("Layers of a running container"));
    m_tabs->setTabText(3, tr("Isolation"));
}

void LearnPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

QWidget* LearnPage::makeGraphTab() {
    auto* splitter = new QSplitter(Qt::Horizontal);
    m_graph = new RelationshipGraphView(splitter);
    m_explanation = new ExplanationPanel(imagesAndLayersExplanation(), splitter);
    m_explanation->setMaximumWidth(480);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({760, 400});
    return splitter;
}

void LearnPage::setContainerSources(ContainerListModel* containers, DetailsBridge* bridge) {
    m_runningLayers->setSources(containers, bridge);
    m_isolation->setSources(containers, bridge);
    // The graph follows the container list live (the view redraws only when something it shows changed).
    const auto update = [this, containers] { m_graph->setContainers(containers->containers()); };
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(containers, signal, m_graph, update);
    connect(containers, &QAbstractItemModel::dataChanged, m_graph, update);
    connect(containers, &QAbstractItemModel::modelReset, m_graph, update);
    update();
}

void LearnPage::setSnapshot(const StoreSnapshot& snapshot) {
    m_graph->setSnapshot(snapshot);
    const RelationshipGraph& g = m_graph->graph();
    const int images = g.count(GraphNode::Kind::Image), layers = g.count(GraphNode::Kind::Layer);
    const QString stored = formatSize(g.storedBytes), unshared = formatSize(g.unsharedBytes),
                  saved = formatSize(g.savedBytes());
    // Both languages at once, like the explanation above them (see explanation_panel.h).
    m_explanation->setFacts(
        QStringLiteral("<p><b>This store:</b> %1 images, %2 layers. Stored: %3. Without sharing it would be "
                       "%4. <b>Disk saved by sharing: %5.</b></p>")
            .arg(images).arg(layers).arg(stored, unshared, saved),
        QStringLiteral("<p><b>지금 저장소:</b> 이미지 %1개, 레이어 %2개. 저장된 크기: %3. 공유하지 않았다면 "
                       "%4. <b>공유로 절약한 디스크: %5.</b></p>")
            .arg(images).arg(layers).arg(stored, unshared, saved));
}

} // namespace berth::ui
