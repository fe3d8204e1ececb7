#include "views/overview_tab.h"

#include "bridge/details_bridge.h"
#include "models/container_list_model.h"
#include "models/container_status.h"
#include "models/display_format.h"
#include "views/state_badge_delegate.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

QString dash() {
    return QStringLiteral("—");
}

QString timeText(const QString& rfc3339) {
    const QString text = formatDate(parseRfc3339(rfc3339));
    return text.isEmpty() ? dash() : text;
}

} // namespace

OverviewTab::OverviewTab(DetailsBridge* bridge, QWidget* parent) : QWidget(parent), m_bridge(bridge) {
    m_stack = new QStackedWidget;
    m_empty = new QLabel;
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false); // greyed, as a placeholder
    m_stack->addWidget(m_empty);

    auto* page = new QWidget;
    m_form = new QFormLayout(page);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_order = {QStringLiteral("name"),        QStringLiteral("id"),           QStringLiteral("image"),
               QStringLiteral("state"),       QStringLiteral("status"),       QStringLiteral("created"),
               QStringLiteral("started"),     QStringLiteral("finished"),     QStringLiteral("command"),
               QStringLiteral("restart"),     QStringLiteral("restartCount"), QStringLiteral("exit"),
               QStringLiteral("networkMode"), QStringLiteral("networks"),     QStringLiteral("ports"),
               QStringLiteral("mounts"),      QStringLiteral("memory"),       QStringLiteral("cpus"),
               QStringLiteral("pids"),        QStringLiteral("labels")};
    for (const QString& key : m_order)
        addRow(key);
    QLabel* ports = m_fields.value(QStringLiteral("ports"));
    ports->setTextFormat(Qt::RichText);
    ports->setTextInteractionFlags(Qt::TextBrowserInteraction);
    ports->setOpenExternalLinks(false);
    connect(ports, &QLabel::linkActivated, this,
            [this](const QString& link) { emit linkActivated(QUrl(link)); });

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    m_stack->addWidget(scroll);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    retranslate();
    connect(bridge, &DetailsBridge::inspected, this, &OverviewTab::showInspect);
}

QLabel* OverviewTab::addRow(const QString& key) {
    auto* value = new QLabel;
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_fields.insert(key, value);
    if (key == QLatin1String("state")) { // a badge: keep it at its own size, left
        value->setWordWrap(false);
        value->setAlignment(Qt::AlignCenter);
        auto* holder = new QWidget;
        auto* row = new QHBoxLayout(holder);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(value);
        row->addStretch();
        m_form->addRow(new QLabel, holder);
    } else {
        m_form->addRow(new QLabel, value);
    }
    return value;
}

bool OverviewTab::showsEmptyState() const {
    return m_stack->currentWidget() == m_empty;
}

void OverviewTab::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void OverviewTab::retranslate() {
    m_empty->setText(tr("Select a container"));
    const QHash<QString, QString> names{{QStringLiteral("name"), tr("Name")},
                                        {QStringLiteral("id"), tr("ID")},
                                        {QStringLiteral("image"), tr("Image")},
                                        {QStringLiteral("state"), tr("State")},
                                        {QStringLiteral("status"), tr("Status")},
                                        {QStringLiteral("created"), tr("Created")},
                                        {QStringLiteral("started"), tr("Started")},
                                        {QStringLiteral("finished"), tr("Finished")},
                                        {QStringLiteral("command"), tr("Command")},
                                        {QStringLiteral("restart"), tr("Restart policy")},
                                        {QStringLiteral("restartCount"), tr("Restart count")},
                                        {QStringLiteral("exit"), tr("Exit code")},
                                        {QStringLiteral("networkMode"), tr("Network mode")},
                                        {QStringLiteral("networks"), tr("Networks")},
                                        {QStringLiteral("ports"), tr("Published ports")},
                                        {QStringLiteral("mounts"), tr("Mounts")},
                                        {QStringLiteral("memory"), tr("Memory limit")},
                                        {QStringLiteral("cpus"), tr("CPU limit")},
                                        {QStringLiteral("pids"), tr("Process limit")},
                                        {QStringLiteral("labels"), tr("Labels")}};
    for (int row = 0; row < m_form->rowCount(); ++row)
        if (QLayoutItem* item = m_form->itemAt(row, QFormLayout::LabelRole))
            if (auto* label = qobject_cast<QLabel*>(item->widget()))
                label->setText(names.value(m_order.value(row)) + QLatin1Char(':'));
    setAccessibleName(tr("Container overview"));
    showRow();
    showInspect(m_id, m_inspect);
}

void OverviewTab::setModel(QAbstractItemModel* model) {
    if (m_model) disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::dataChanged, this, &OverviewTab::onRowsChanged);
        connect(model, &QAbstractItemModel::modelReset, this, &OverviewTab::showRow);
        connect(model, &QAbstractItemModel::layoutChanged, this, &OverviewTab::showRow);
        connect(model, &QAbstractItemModel::rowsInserted, this, &OverviewTab::showRow);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &OverviewTab::showRow);
    }
    showRow();
}

void OverviewTab::setContainer(const QString& id) {
    if (id == m_id) return;
    m_id = id;
    m_state.clear();
    m_inspect = {};
    m_stack->setCurrentIndex(id.isEmpty() ? 0 : 1);
    for (QLabel* label : std::as_const(m_fields))
        label->clear();
    m_fields.value(QStringLiteral("state"))->setStyleSheet(QString());
    if (id.isEmpty()) return;
    showRow();
    m_bridge->requestInspect(id); // the answer also fills the Inspect tab
}

int OverviewTab::rowOf(const QString& id) const {
    if (!m_model || id.isEmpty()) return -1;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->index(row, 0).data(ContainerListModel::IdRole).toString() == id) return row;
    return -1;
}

void OverviewTab::onRowsChanged(const QModelIndex& first, const QModelIndex& last) {
    const int row = rowOf(m_id);
    if (row >= first.row() && row <= last.row()) showRow();
}

void OverviewTab::showRow() {
    const int row = rowOf(m_id);
    if (row < 0) return; // not listed (yet, or any more): keep what is shown
    const QModelIndex i = m_model->index(row, 0);
    const QString state = i.data(ContainerListModel::StateRole).toString();
    const int exitCode = i.data(ContainerListModel::ExitCodeRole).toInt();
    m_fields.value(QStringLiteral("name"))->setText(i.data(ContainerListModel::NameRole).toString());
    QLabel* id = m_fields.value(QStringLiteral("id"));
    id->setText(m_id.left(12));
    id->setToolTip(m_id);
    m_fields.value(QStringLiteral("image"))->setText(i.data(ContainerListModel::ImageRole).toString());
    QLabel* badge = m_fields.value(QStringLiteral("state"));
    badge->setText(stateLabel(state));
    badge->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: white; border-radius: %2px; padding: 2px 10px; }")
            .arg(StateBadgeDelegate::badgeColor(state, exitCode).name())
            .arg((badge->fontMetrics().height() + 4) / 2));
    m_fields.value(QStringLiteral("status"))->setText(i.data(ContainerListModel::StatusTextRole).toString());
    const QString command = i.data(ContainerListModel::CommandRole).toString();
    m_fields.value(QStringLiteral("command"))->setText(command.isEmpty() ? dash() : command);

    const auto ports = i.data(ContainerListModel::PortsRole).value<QList<PortMapping>>();
    QStringList links;
    for (const PortMapping& p : ports) {
        const QString text = portLinkText(p).toHtmlEscaped();
        const QUrl url = portUrl(p);
        links << (url.isValid()
                      ? QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toString().toHtmlEscaped(), text)
                      : text);
    }
    m_fields.value(QStringLiteral("ports"))
        ->setText(links.isEmpty() ? tr("None") : links.join(QStringLiteral("<br>")));

    const bool exited = state == QLatin1String("exited") || state == QLatin1String("dead");
    const bool oom =
        m_inspect.value(QStringLiteral("State")).toObject().value(QStringLiteral("OOMKilled")).toBool();
    QString exit = exited ? QString::number(exitCode) : dash();
    if (exited && oom) exit = tr("%1 (OOM killed: out of memory)").arg(exitCode);
    m_fields.value(QStringLiteral("exit"))->setText(exit);

    if (!m_state.isEmpty() && state != m_state) m_bridge->requestInspect(m_id); // times, OOM, networks
    m_state = state;
}

void OverviewTab::showInspect(const QString& id, const QJsonObject& object) {
    if (id != m_id || id.isEmpty()) return;
    m_inspect = object;
    if (object.isEmpty()) return;
    const QJsonObject state = object.value(QStringLiteral("State")).toObject();
    const QJsonObject host = object.value(QStringLiteral("HostConfig")).toObject();
    const QJsonObject config = object.value(QStringLiteral("Config")).toObject();
    auto set = [this](const char* key, const QString& text) {
        m_fields.value(QLatin1String(key))->setText(text);
    };

    set("created", timeText(object.value(QStringLiteral("Created")).toString()));
    set("started", timeText(state.value(QStringLiteral("StartedAt")).toString()));
    set("finished", timeText(state.value(QStringLiteral("FinishedAt")).toString()));

    const QJsonObject policy = host.value(QStringLiteral("RestartPolicy")).toObject();
    QString restart = policy.value(QStringLiteral("Name")).toString();
    if (restart.isEmpty()) restart = QStringLiteral("no");
    set("restart", restart);
    set("restartCount", QString::number(object.value(QStringLiteral("RestartCount")).toInt()));

    const QString mode = host.value(QStringLiteral("NetworkMode")).toString();
    set("networkMode", mode.isEmpty() ? dash() : mode);
    QStringList networks;
    const QJsonObject nets = object.value(QStringLiteral("NetworkSettings"))
                                 .toObject()
                                 .value(QStringLiteral("Networks"))
                                 .toObject();
    for (auto it = nets.begin(); it != nets.end(); ++it) {
        if (it.key() == QLatin1String("none") || it.key() == QLatin1String("host"))
            continue; // no own address
        const QString ip = it.value().toObject().value(QStringLiteral("IPAddress")).toString();
        networks << (ip.isEmpty() ? tr("%1 (no address: not running)").arg(it.key())
                                  : tr("%1: %2").arg(it.key(), ip));
    }
    set("networks", networks.isEmpty() ? tr("None") : networks.join(QLatin1Char('\n')));

    QStringList mounts;
    for (const QJsonValue& v : object.value(QStringLiteral("Mounts")).toArray()) {
        const QJsonObject m = v.toObject();
        const QString type = m.value(QStringLiteral("Type")).toString();
        const QString destination = m.value(QStringLiteral("Destination")).toString();
        QString line =
            type == QLatin1String("tmpfs")
                ? tr("tmpfs at %1").arg(destination)
                : tr("%1 %2 → %3").arg(type, m.value(QStringLiteral("Source")).toString(), destination);
        if (!m.value(QStringLiteral("RW")).toBool(true)) line += QLatin1Char(' ') + tr("(read-only)");
        mounts << line;
    }
    set("mounts", mounts.isEmpty() ? tr("None") : mounts.join(QLatin1Char('\n')));

    const qint64 memory = host.value(QStringLiteral("Memory")).toInteger();
    set("memory", memory > 0 ? formatSize(static_cast<quint64>(memory)) : tr("no limit"));
    const qint64 nanoCpus = host.value(QStringLiteral("NanoCpus")).toInteger();
    set("cpus",
        nanoCpus > 0 ? tr("%1 CPUs").arg(QLocale().toString(nanoCpus / 1e9, 'g', 4)) : tr("no limit"));
    const qint64 pids = host.value(QStringLiteral("PidsLimit")).toInteger();
    set("pids", pids > 0 ? tr("%1 processes").arg(pids) : tr("no limit"));

    QStringList labels;
    const QJsonObject labelObject = config.value(QStringLiteral("Labels")).toObject();
    for (auto it = labelObject.begin(); it != labelObject.end(); ++it)
        labels << it.key() + QLatin1Char('=') + it.value().toString();
    set("labels", labels.isEmpty() ? tr("None") : labels.join(QLatin1Char('\n')));
    showRow(); // the exit code's OOM note
}

} // namespace berth::ui
