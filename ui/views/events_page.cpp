#include "views/events_page.h"

#include "bridge/cli_command.h"
#include "models/event_list_model.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace berth::ui {

EventsPage::EventsPage(const CliCommand& cli, QWidget* parent) : QWidget(parent) {
    // The watcher shows events from the app's start on: the CLI's equivalent reads from then.
    m_command = cli.events(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    m_model = new EventListModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter = new QLineEdit;
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_table = new QTableView;
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(EventListModel::TimeColumn, 190);
    m_table->setColumnWidth(EventListModel::NameColumn, 160);
    m_empty = new QLabel;
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_empty);
    layout->addWidget(m_table, 1);
    retranslate();
}

void EventsPage::retranslate() {
    m_filter->setPlaceholderText(tr("Filter by action, container, image or exit code"));
    m_empty->setText(tr("No events yet: container starts, stops and exits are listed here as they happen, "
                        "whether they come from this app, the CLI or a restart policy."));
}

void EventsPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void EventsPage::addEvents(const QList<ContainerEvent>& events) {
    m_model->addEvents(events);
    m_empty->setVisible(m_model->rowCount() == 0);
}

void EventsPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_announced) return;
    m_announced = true;
    emit commandIssued(m_command);
}

} // namespace berth::ui
