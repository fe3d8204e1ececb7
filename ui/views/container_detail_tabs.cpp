#include "views/container_detail_tabs.h"

#include "bridge/details_bridge.h"
#include "models/json_tree_model.h"
#include "views/overview_tab.h"
#include "views/shell_tab.h"

#include <QEvent>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QTreeView>

namespace berth::ui {

namespace {

QTableWidget* makeTable(int columns) {
    auto* t = new QTableWidget(0, columns);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QTableWidgetItem* cell(const QString& text) { return new QTableWidgetItem(text); }

} // namespace

QColor ContainerDetailTabs::changeColor(QChar kind) {
    if (kind == QLatin1Char('A')) return QColor(0x2e, 0x7d, 0x32);
    if (kind == QLatin1Char('D')) return QColor(0xc6, 0x28, 0x28);
    return QColor(0xb2, 0x6a, 0x00);
}

ContainerDetailTabs::ContainerDetailTabs(DetailsBridge* bridge, QTabWidget* tabs)
    : QObject(tabs), m_bridge(bridge), m_tabs(tabs), m_timer(new QTimer(this)) {
    m_inspectModel = new JsonTreeModel(this);
    m_inspect = new QTreeView;
    m_inspect->setModel(m_inspectModel);
    m_inspect->setUniformRowHeights(true);
    m_inspect->header()->resizeSection(0, 220);
    m_processes = makeTable(5);
    m_files = makeTable(2);
    m_files->horizontalHeader()->resizeSection(0, 90);
    m_overview = new OverviewTab(bridge);
    tabs->insertTab(0, m_overview, QString()); // first, as Docker Desktop and Podman Desktop open on it
    tabs->setCurrentIndex(0);
    tabs->addTab(m_inspect, QString()); // texts: retranslate()
    tabs->addTab(m_processes, QString());
    tabs->addTab(m_files, QString());
    m_shell = new ShellTab;
    tabs->addTab(m_shell, QString());
    retranslate();
    tabs->installEventFilter(this); // LanguageChange reaches widgets, not this QObject

    connect(bridge, &DetailsBridge::inspected, this, &ContainerDetailTabs::showInspect);
    connect(bridge, &DetailsBridge::processesRead, this, &ContainerDetailTabs::showProcesses);
    connect(bridge, &DetailsBridge::changesRead, this, &ContainerDetailTabs::showChanges);
    connect(tabs, &QTabWidget::currentChanged, this, &ContainerDetailTabs::refresh);
    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_tabs->isVisible() && m_tabs->currentWidget() != m_inspect) refresh(); // a reset would collapse the tree
    });
    m_timer->start();
}

void ContainerDetailTabs::retranslate() {
    m_inspect->setAccessibleName(tr("Container configuration and state"));
    m_processes->setHorizontalHeaderLabels({tr("PID"), tr("PPID"), tr("UID"), tr("State"), tr("Command")});
    m_processes->setAccessibleName(tr("Container processes"));
    m_files->setHorizontalHeaderLabels({tr("Change"), tr("Path")});
    m_files->setAccessibleName(tr("Changed files"));
    m_tabs->setTabText(m_tabs->indexOf(m_overview), tr("Overview"));
    m_tabs->setTabText(m_tabs->indexOf(m_inspect), tr("Inspect"));
    m_tabs->setTabText(m_tabs->indexOf(m_processes), tr("Processes"));
    m_tabs->setTabText(m_tabs->indexOf(m_files), tr("Files"));
    m_tabs->setTabText(m_tabs->indexOf(m_shell), tr("Shell"));
}

bool ContainerDetailTabs::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_tabs && event->type() == QEvent::LanguageChange) retranslate();
    return QObject::eventFilter(watched, event);
}

void ContainerDetailTabs::setContainer(const QString& id) {
    if (id == m_id) return;
    m_id = id;
    m_inspectModel->setJson(QJsonValue());
    m_processes->setRowCount(0);
    m_files->setRowCount(0);
    m_overview->setContainer(id); // asks for inspect, which the Inspect tab shows too
    refresh();
}

void ContainerDetailTabs::refresh() {
    if (m_id.isEmpty()) return;
    QWidget* current = m_tabs->currentWidget();
    if (current == m_inspect) m_bridge->requestInspect(m_id);
    else if (current == m_processes) m_bridge->requestProcesses(m_id);
    else if (current == m_files) m_bridge->requestChanges(m_id);
}

void ContainerDetailTabs::showInspect(const QString& id, const QJsonObject& object) {
    if (id != m_id) return;
    m_inspectModel->setJson(object);
    m_inspect->expandToDepth(0); // a reset collapses; keep the first level open
}

void ContainerDetailTabs::showProcesses(const QString& id, const QList<ProcessInfo>& rows) {
    if (id != m_id) return;
    m_processes->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const ProcessInfo& p = rows[r];
        m_processes->setItem(r, 0, cell(QString::number(p.pid)));
        m_processes->setItem(r, 1, cell(QString::number(p.ppid)));
        m_processes->setItem(r, 2, cell(QString::number(p.uid)));
        m_processes->setItem(r, 3, cell(p.state));
        m_processes->setItem(r, 4, cell(p.command));
    }
}

void ContainerDetailTabs::showChanges(const QString& id, const QList<UpperChange>& rows) {
    if (id != m_id) return;
    m_files->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        auto* kind = cell(rows[r].kind);
        kind->setForeground(changeColor(rows[r].kind));
        kind->setFont([] { QFont f; f.setBold(true); return f; }());
        kind->setToolTip(rows[r].kind == QLatin1Char('A') ? tr("Added") : rows[r].kind == QLatin1Char('D') ? tr("Deleted") : tr("Changed"));
        m_files->setItem(r, 0, kind);
        auto* path = cell(rows[r].path);
        path->setForeground(changeColor(rows[r].kind));
        m_files->setItem(r, 1, path);
    }
}

} // namespace berth::ui
