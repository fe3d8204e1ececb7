#include "teach/lifecycle_view.h"

#include "teach/lifecycle_items.h"

#include <QEvent>
#include <QComboBox>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>

namespace berth::ui {

using lifecycle::State;

namespace {
QPointF position(State s) {
    switch (s) {
    case State::None: return {-40, 150};
    case State::Created: return {130, 150};
    case State::Running: return {380, 150};
    case State::Paused: return {380, 340};
    case State::Restarting: return {380, -40};
    case State::Exited: return {640, 150};
    case State::Removed: return {640, 340};
    }
    return {};
}

qreal bend(State from, State to) {
    if (from == State::Created && to == State::Removed) return 150; // under "paused"
    const bool paired = lifecycle::edgeIndex(to, from) >= 0;
    return paired ? 36 : 0;
}
} // namespace

LifecycleView::LifecycleView(QWidget* parent) : QWidget(parent) {
    m_box = new QComboBox;
    m_box->setMinimumContentsLength(24);
    m_scene = new QGraphicsScene(this);
    m_view = new QGraphicsView(m_scene);
    m_view->setRenderHint(QPainter::Antialiasing);
    buildScene();

    auto* top = new QHBoxLayout;
    m_containerLabel = new QLabel;
    top->addWidget(m_containerLabel);
    top->addWidget(m_box);
    top->addStretch(1);
    m_hint = new QLabel;
    top->addWidget(m_hint);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 4, 4, 4);
    leftLayout->addLayout(top);
    leftLayout->addWidget(m_view, 1);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    m_explanation = new ExplanationPanel(lifecycleExplanation(), splitter);
    m_explanation->setMaximumWidth(480);
    splitter->setStretchFactor(0, 1);
    splitter->setSizes({760, 400});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    connect(m_box, &QComboBox::currentIndexChanged, this, &LifecycleView::refresh);
    retranslate();
    refresh();
}

void LifecycleView::retranslate() {
    m_box->setAccessibleName(tr("Container"));
    m_box->setPlaceholderText(tr("No containers yet: run one from the Containers page"));
    m_view->setAccessibleName(tr("Container lifecycle"));
    m_containerLabel->setText(tr("Container:"));
    m_hint->setText(tr("Click a blue verb to run it on this container."));
}

void LifecycleView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void LifecycleView::buildScene() {
    const auto& all = lifecycle::edges();
    for (int i = 0; i < all.size(); ++i) {
        const auto& e = all[i];
        auto* item = new LifecycleEdge(i, position(e.from), position(e.to), bend(e.from, e.to), e.label);
        m_scene->addItem(item);
        m_edges << item;
        connect(item, &LifecycleEdge::clicked, this, &LifecycleView::onEdgeClicked);
    }
    for (State s : {State::None, State::Created, State::Running, State::Paused, State::Restarting, State::Exited,
                    State::Removed}) {
        auto* node = new LifecycleNode(lifecycle::stateWord(s), lifecycle::stateKorean(s));
        node->setPos(position(s));
        node->setZValue(1);
        m_scene->addItem(node);
        m_nodes.insert(static_cast<int>(s), node);
    }
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20));
}

void LifecycleView::setContainers(const QList<ContainerInfo>& containers) {
    QSet<QString> present;
    for (const auto& c : containers) {
        present.insert(c.id);
        m_names.insert(c.id, c.name);
        m_states.insert(c.id, lifecycle::stateForStatus(c.state));
    }
    for (auto it = m_states.begin(); it != m_states.end(); ++it)
        if (!present.contains(it.key())) it.value() = State::Removed; // gone from the list: rm
    m_containers = containers;
    rebuildBox();
    refresh();
}

void LifecycleView::rebuildBox() {
    const QString keep = selectedId();
    QSignalBlocker block(m_box);
    m_box->clear();
    for (const auto& c : m_containers) m_box->addItem(c.name, c.id);
    if (!keep.isEmpty() && m_box->findData(keep) < 0) // the shown container was removed: keep it visible
        m_box->addItem(tr("%1 (removed)").arg(m_names.value(keep)), keep);
    const int row = m_box->findData(keep);
    m_box->setCurrentIndex(row >= 0 ? row : (m_box->count() > 0 ? 0 : -1));
}

void LifecycleView::addEvents(const QList<ContainerEvent>& events) {
    const QString shown = selectedId();
    for (const auto& ev : events) {
        if (ev.type != QLatin1String("container")) continue;
        if (!ev.name.isEmpty()) m_names.insert(ev.id, ev.name);
        const State before = m_states.value(ev.id, State::None);
        if (ev.action == QLatin1String("oom")) m_oom.insert(ev.id);
        if (ev.action == QLatin1String("die")) {
            const QString code = QStringLiteral("exit %1").arg(ev.exitCode);
            m_exitNotes.insert(ev.id, m_oom.remove(ev.id) ? QStringLiteral("OOM · ") + code : code);
        }
        m_states.insert(ev.id, lifecycle::stateAfterEvent(ev.action, before));
        const int edge = lifecycle::edgeForEvent(ev.action, before);
        if (ev.id == shown && edge >= 0) m_edges[edge]->flash();
    }
    if (shown.isEmpty() && !events.isEmpty()) { // the first container appears through its create event
        for (const auto& ev : events)
            if (ev.type == QLatin1String("container") && m_box->findData(ev.id) < 0) {
                QSignalBlocker block(m_box);
                m_box->addItem(m_names.value(ev.id), ev.id);
                m_box->setCurrentIndex(m_box->count() - 1);
            }
    }
    refresh();
}

void LifecycleView::selectContainer(const QString& name) {
    const int row = m_box->findText(name);
    if (row >= 0) m_box->setCurrentIndex(row);
}

QString LifecycleView::selectedId() const { return m_box->currentData().toString(); }

State LifecycleView::litState() const {
    const QString id = selectedId();
    return id.isEmpty() ? State::None : m_states.value(id, State::None);
}

void LifecycleView::refresh() {
    const QString id = selectedId();
    const State lit = litState();
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it)
        it.value()->setLit(!id.isEmpty() && it.key() == static_cast<int>(lit));
    const auto& all = lifecycle::edges();
    const int dieEdge = lifecycle::edgeIndex(State::Running, State::Exited);
    for (int i = 0; i < all.size(); ++i) {
        m_edges[i]->setClickable(!id.isEmpty() && all[i].verb && all[i].from == lit);
        if (i == dieEdge) m_edges[i]->setNote(m_exitNotes.value(id));
    }
}

void LifecycleView::onEdgeClicked(int index) {
    const auto& e = lifecycle::edges().value(index);
    const QString name = m_names.value(selectedId());
    if (!e.verb || name.isEmpty()) return;
    emit actionRequested(*e.verb, {name});
}

Explanation lifecycleExplanation() {
    return {
        QStringLiteral("The container lifecycle"),
        QStringLiteral("컨테이너 라이프 사이클"),
        QStringLiteral("<p>A container is <b>created</b> from an image (a writable layer and a config), then "
                       "<b>started</b>: its process runs in its own namespaces and cgroup. <b>pause</b> freezes "
                       "every process (cgroup freezer); <b>unpause</b> thaws them.</p><p><b>stop</b> sends "
                       "SIGTERM, then SIGKILL after the timeout; <b>kill</b> sends SIGKILL at once; when the "
                       "process ends the engine reports <b>die</b> with the exit code. 137 = 128 + 9 (SIGKILL), "
                       "often the kernel's OOM killer when a memory limit is hit.</p><p>A restart policy (or "
                       "<code>berth restart</code>) passes through <b>restarting</b>. <b>rm</b> deletes the "
                       "writable layer and the log: the state is gone.</p>"),
        QStringLiteral("<p>컨테이너는 이미지로부터 <b>생성</b>되고(쓰기 가능한 레이어와 설정), <b>실행</b>되면 "
                       "자신의 네임스페이스와 cgroup 안에서 프로세스가 돕니다. <b>일시 정지</b>(pause)는 모든 "
                       "프로세스를 얼리고(cgroup freezer), unpause는 다시 풀어 줍니다.</p><p><b>정지</b>(stop)는 "
                       "SIGTERM을 보내고 시간이 지나면 SIGKILL을 보냅니다. kill은 바로 SIGKILL을 보냅니다. "
                       "프로세스가 끝나면 엔진이 종료 코드와 함께 <b>die</b>를 알립니다. 137 = 128 + 9(SIGKILL)이며, "
                       "메모리 제한에 걸려 커널 OOM killer가 죽인 경우가 많습니다.</p><p>재시작 정책(또는 "
                       "<code>berth restart</code>)은 <b>재시작</b> 중 상태를 거칩니다. <b>삭제</b>(rm)는 쓰기 "
                       "가능한 레이어와 로그를 지웁니다.</p>"),
    };
}

} // namespace berth::ui
