#include "teach/isolation_view.h"

#include "bridge/details_bridge.h"
#include "models/display_format.h"
#include "teach/explanation_panel.h"
#include "teach/running_container_box.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

Explanation isolationExplanation() {
    return {QStringLiteral("Isolation: namespaces and cgroups"), QStringLiteral("격리: 네임스페이스와 컨트롤 그룹"),
            QStringLiteral(
                "<p>A container is an ordinary host process. <b>Namespaces</b> give it its own view: its own "
                "process ids (pid), network (net), mounts (mnt), hostname (uts), IPC and cgroup tree. Each "
                "namespace is a kernel object with an inode number; when the container's differs from the "
                "host's, the container sees its own copy.</p>"
                "<p>The <b>user</b> namespace stays shared until Berth runs rootless: root in the container is "
                "root on the host.</p>"
                "<p><b>cgroups</b> limit what the processes may use: memory (over the limit the kernel kills a "
                "process: exit 137), CPU time and the number of processes.</p>"),
            QStringLiteral(
                "<p>컨테이너는 호스트의 평범한 프로세스입니다. <b>네임스페이스</b>가 자기만의 시야를 줍니다: 자기 "
                "프로세스 번호(pid), 네트워크(net), 마운트(mnt), 호스트 이름(uts), IPC, cgroup 트리. 네임스페이스마다 "
                "inode 번호가 있고, 컨테이너의 번호가 호스트와 다르면 컨테이너는 자기만의 것을 봅니다.</p>"
                "<p><b>user</b> 네임스페이스는 루트 없이(rootless) 실행하기 전까지 공유됩니다: 컨테이너의 root는 "
                "호스트의 root입니다.</p>"
                "<p><b>컨트롤 그룹(cgroups)</b>은 자원 사용을 제한합니다: 메모리(한도를 넘으면 커널이 프로세스를 "
                "종료: 종료 코드 137), CPU 시간, 프로세스 수.</p>")};
}

QTableWidget* makeTable(int columns) {
    auto* t = new QTableWidget(0, columns);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

} // namespace

IsolationView::IsolationView(QWidget* parent) : QWidget(parent), m_timer(new QTimer(this)) {
    m_box = new RunningContainerBox;
    m_namespaces = makeTable(4); // texts: retranslate()
    m_limits = makeTable(3);
    for (QTableWidget* t : {m_namespaces, m_limits})
        for (int c = 0; c < t->columnCount() - 1; ++c) t->horizontalHeader()->resizeSection(c, 150);
    m_explanation = new ExplanationPanel(isolationExplanation());
    m_explanation->setMaximumWidth(480);

    auto* left = new QWidget;
    auto* top = new QHBoxLayout;
    m_containerLabel = new QLabel;
    top->addWidget(m_containerLabel);
    top->addWidget(m_box, 1);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addLayout(top);
    leftLayout->addWidget(m_namespaces, 3);
    m_limitsLabel = new QLabel;
    leftLayout->addWidget(m_limitsLabel);
    leftLayout->addWidget(m_limits, 2);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(m_explanation);
    split->setStretchFactor(0, 1);
    split->setSizes({760, 400});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, &IsolationView::refresh);
    connect(m_box, &RunningContainerBox::containerChosen, this, &IsolationView::setContainer);
    retranslate();
}

void IsolationView::retranslate() {
    m_namespaces->setHorizontalHeaderLabels({tr("Namespace"), tr("Host inode"), tr("Container inode"), tr("Result")});
    m_namespaces->setAccessibleName(tr("Namespaces of the container and the host"));
    m_limits->setHorizontalHeaderLabels({tr("Resource"), tr("Limit (cgroup)"), tr("Usage now")});
    m_limits->setAccessibleName(tr("Limits and usage"));
    m_containerLabel->setText(tr("Container:"));
    m_limitsLabel->setText(tr("Limits and usage"));
}

void IsolationView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}


void IsolationView::setSources(ContainerListModel* containers, DetailsBridge* bridge) {
    m_bridge = bridge;
    connect(bridge, &DetailsBridge::isolationRead, this, &IsolationView::setInfo);
    if (containers) m_box->setContainerModel(containers);
}

void IsolationView::setContainer(const QString& id) {
    if (id == m_id) return;
    m_id = id;
    m_cpuPercent = -1;
    m_namespaces->setRowCount(0);
    m_limits->setRowCount(0);
    if (isVisible()) emit usageWanted(m_id.isEmpty() ? QStringList() : QStringList{m_id});
    refresh();
}

void IsolationView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_timer->start();
    emit usageWanted(m_id.isEmpty() ? QStringList() : QStringList{m_id});
    refresh();
}

void IsolationView::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    m_timer->stop();
    emit usageWanted({});
}

void IsolationView::refresh() {
    if (m_bridge && !m_id.isEmpty()) m_bridge->requestIsolation(m_id);
}

void IsolationView::setUsage(const UsageById& usage) {
    if (usage.contains(m_id)) m_cpuPercent = usage.value(m_id).cpuPercent;
}

void IsolationView::setInfo(const IsolationInfo& info) {
    if (info.id != m_id) return;
    m_namespaces->setRowCount(static_cast<int>(info.namespaces.size()));
    for (int r = 0; r < info.namespaces.size(); ++r) {
        const NamespaceRow& n = info.namespaces[r];
        const QString result = n.separate() ? tr("separate") : tr("shared");
        const QStringList cells{n.type, QString::number(n.hostInode), QString::number(n.containerInode), result};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 3) item->setForeground(n.separate() ? QColor(0x2e, 0x7d, 0x32) : QColor(0xb2, 0x6a, 0x00));
            m_namespaces->setItem(r, c, item);
        }
    }
    const QString none = tr("no limit");
    const QString cpu = m_cpuPercent < 0 ? tr("sampling…") : tr("%1 % (100 % = one CPU)").arg(m_cpuPercent, 0, 'f', 1);
    const QStringList rows[] = {
        {tr("Memory"), info.memoryLimit > 0 ? formatSize(static_cast<quint64>(info.memoryLimit)) : none, formatSize(info.memoryUsage)},
        {tr("CPUs"), info.cpus > 0 ? QString::number(info.cpus, 'g', 3) : none, cpu},
        {tr("Processes (pids)"), info.pidsLimit > 0 ? QString::number(info.pidsLimit) : none, QString::number(info.pidsCurrent)},
    };
    m_limits->setRowCount(3);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) m_limits->setItem(r, c, new QTableWidgetItem(rows[r][c]));
}

} // namespace berth::ui
