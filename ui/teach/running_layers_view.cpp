#include "teach/running_layers_view.h"

#include "bridge/details_bridge.h"
#include "models/display_format.h"
#include "teach/explanation_panel.h"
#include "teach/running_container_box.h"
#include "views/container_detail_tabs.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

Explanation runningLayersExplanation() {
    return {QStringLiteral("A running container's layers"), QStringLiteral("실행 중인 컨테이너의 레이어"),
            QStringLiteral(
                "<p>The image layers below are <b>read-only</b> and shared by every container of the image. "
                "overlayfs stacks them under one <b>writable layer</b> (the upper directory) that belongs to this "
                "container alone.</p>"
                "<p><b>Copy-up:</b> writing to a file from an image layer first copies the whole file up into the "
                "writable layer; the copy hides the original, which stays unchanged.</p>"
                "<p><b>Whiteout:</b> deleting a file from an image layer cannot touch that layer, so overlayfs "
                "puts a 0/0 character device with the same name in the writable layer to hide it.</p>"
                "<p><b>New:</b> a file only the container has.</p>"
                "<p>Try: <code>berth exec web sh -c 'echo hi &gt;&gt; /etc/passwd; rm /var/www/index.html'</code>. "
                "Removing the container deletes its writable layer; the image is untouched.</p>"),
            QStringLiteral(
                "<p>아래의 이미지 레이어는 <b>읽기 전용</b>이며 같은 이미지의 모든 컨테이너가 공유합니다. "
                "overlayfs는 그 위에 이 컨테이너만의 <b>쓰기 가능 레이어</b>(upper 디렉터리)를 하나 겹칩니다.</p>"
                "<p><b>복사 후 쓰기(copy-up):</b> 이미지 레이어의 파일에 쓰면 먼저 파일 전체가 쓰기 가능 레이어로 "
                "복사됩니다. 복사본이 원본을 가리고, 원본은 그대로 남습니다.</p>"
                "<p><b>화이트아웃(whiteout):</b> 이미지 레이어의 파일을 지워도 그 레이어는 바뀌지 않습니다. 대신 "
                "쓰기 가능 레이어에 같은 이름의 0/0 문자 장치를 만들어 파일을 가립니다.</p>"
                "<p><b>새 파일:</b> 컨테이너에만 있는 파일입니다.</p>"
                "<p>해 보기: <code>berth exec web sh -c 'echo hi &gt;&gt; /etc/passwd; rm /var/www/index.html'</code>. "
                "컨테이너를 삭제하면 쓰기 가능 레이어도 삭제되고 이미지는 그대로입니다.</p>")};
}

QString shortChain(const QString& chainId) { return chainId.mid(chainId.indexOf(QLatin1Char(':')) + 1, 12); }

} // namespace

RunningLayersView::RunningLayersView(QWidget* parent) : QWidget(parent), m_timer(new QTimer(this)) {
    m_box = new RunningContainerBox;
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_tree = new QTreeWidget;
    m_tree->setColumnCount(3);
    m_tree->header()->resizeSection(0, 380);
    m_explanation = new ExplanationPanel(runningLayersExplanation());
    m_explanation->setMaximumWidth(480);

    auto* left = new QWidget;
    auto* top = new QHBoxLayout;
    m_containerLabel = new QLabel;
    top->addWidget(m_containerLabel);
    top->addWidget(m_box, 1);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addLayout(top);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addWidget(m_status);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(m_explanation);
    split->setStretchFactor(0, 1);
    split->setSizes({760, 400});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, &RunningLayersView::refresh);
    connect(m_box, &RunningContainerBox::containerChosen, this, &RunningLayersView::setContainer);
    retranslate();
}

void RunningLayersView::retranslate() {
    m_tree->setHeaderLabels({tr("Layer / path"), tr("Kind"), tr("Size")});
    m_tree->setAccessibleName(tr("Layer stack of the running container"));
    m_containerLabel->setText(tr("Container:"));
}

void RunningLayersView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void RunningLayersView::setSources(ContainerListModel* containers, DetailsBridge* bridge) {
    m_bridge = bridge;
    connect(bridge, &DetailsBridge::stackRead, this, &RunningLayersView::setStack);
    if (containers) m_box->setContainerModel(containers);
}

void RunningLayersView::setContainer(const QString& id) {
    if (id == m_id) return;
    m_id = id;
    m_tree->clear();
    m_status->setText(id.isEmpty() ? tr("Start a container to see its layers.") : tr("Reading the layers…"));
    refresh();
}

void RunningLayersView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_timer->start();
    refresh();
}

void RunningLayersView::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    m_timer->stop(); // only what is visible is read (house rule 10)
}

void RunningLayersView::refresh() {
    if (m_bridge && !m_id.isEmpty()) m_bridge->requestStack(m_id);
}

QString RunningLayersView::kindWord(const UpperChange& c) {
    if (c.kind == QLatin1Char('D')) return tr("whiteout");
    if (c.isOpaque) return tr("opaque directory");
    if (c.kind == QLatin1Char('C')) return tr("copy-up");
    return tr("new");
}

void RunningLayersView::setStack(const RunningStack& stack) {
    if (stack.id != m_id) return;
    m_tree->clear();
    auto* upper = new QTreeWidgetItem(m_tree, {tr("Writable layer (this container only)"), tr("read-write"), QString()});
    upper->setToolTip(0, stack.upperDir);
    QFont bold = upper->font(0);
    bold.setBold(true);
    upper->setFont(0, bold);
    int copied = 0, whiteouts = 0, added = 0;
    for (const UpperChange& c : stack.changes) {
        auto* item = new QTreeWidgetItem(upper, {c.path, kindWord(c), c.isDir || c.kind == QLatin1Char('D') ? QString() : formatSize(c.size)});
        for (int col : {0, 1}) item->setForeground(col, ContainerDetailTabs::changeColor(c.kind));
        (c.kind == QLatin1Char('D') ? whiteouts : c.kind == QLatin1Char('C') ? copied : added)++;
    }
    upper->setExpanded(true);
    for (qsizetype i = stack.layers.size() - 1; i >= 0; --i) {
        const StackLayer& l = stack.layers[i];
        auto* item = new QTreeWidgetItem(m_tree, {tr("Image layer %1: %2").arg(i + 1).arg(shortChain(l.chainId)),
                                                  tr("read-only"), formatSize(l.size)});
        item->setToolTip(0, l.chainId);
    }
    m_status->setText(stack.error.isEmpty() ? QString() : stack.error);
    m_explanation->setFacts(
        QStringLiteral("<p><b>This container:</b> %1 image layers; %2 copied up, %3 whiteouts, %4 new.</p>")
            .arg(stack.layers.size()).arg(copied).arg(whiteouts).arg(added),
        QStringLiteral("<p><b>이 컨테이너:</b> 이미지 레이어 %1개, 복사 후 쓰기 %2개, 화이트아웃 %3개, 새 파일 %4개.</p>")
            .arg(stack.layers.size()).arg(copied).arg(whiteouts).arg(added));
}

QString RunningLayersView::shownKind(const QString& path) const {
    if (m_tree->topLevelItemCount() == 0) return {};
    QTreeWidgetItem* upper = m_tree->topLevelItem(0);
    for (int i = 0; i < upper->childCount(); ++i)
        if (upper->child(i)->text(0) == path) return upper->child(i)->text(1);
    return {};
}

} // namespace berth::ui
