#include "views/log_view.h"

#include "views/log_line_delegate.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace berth::ui {

namespace {
// New rows are searched at once on the GUI thread when there are few of them.
constexpr int kInlineSearchRows = 20000;

// The list, with a hint drawn while it is empty.
class LogListView : public QListView {
public:
    QString placeholder;

protected:
    void paintEvent(QPaintEvent* event) override {
        QListView::paintEvent(event);
        if (model() && model()->rowCount() > 0) return;
        QPainter painter(viewport());
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect().adjusted(8, 8, -8, -8),
                         Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, placeholder);
    }
};
} // namespace

LogView::LogView(QWidget* parent)
    : QWidget(parent), m_model(new LogModel(this)), m_debounce(new QTimer(this)) {
    m_list = new LogListView;
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setLayoutMode(QListView::SinglePass);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_list->setWordWrap(false);
    m_list->setFont(QFont(QStringLiteral("monospace")));
    m_delegate = new LogLineDelegate(m_list);
    m_list->setItemDelegate(m_delegate);

    m_search = new QLineEdit;
    m_search->setClearButtonEnabled(true);
    m_regex = new QCheckBox;
    m_case = new QCheckBox;
    m_prev = new QToolButton;
    m_prev->setArrowType(Qt::UpArrow);
    m_next = new QToolButton;
    m_next->setArrowType(Qt::DownArrow);
    m_count = new QLabel;
    m_count->setMinimumWidth(
        m_count->fontMetrics().horizontalAdvance(QStringLiteral("0,000,000 / 0,000,000")));
    m_follow = new QToolButton;
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_regex);
    bar->addWidget(m_case);
    bar->addWidget(m_prev);
    bar->addWidget(m_next);
    bar->addWidget(m_count);
    bar->addStretch();
    bar->addWidget(m_follow);
    m_dropped = new QLabel;
    m_dropped->setWordWrap(true);
    m_dropped->setContentsMargins(6, 2, 6, 2);
    m_dropped->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_dropped);
    layout->addWidget(m_list, 1);

    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(find);
    auto* copy = new QAction(this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(selectedText()); });
    m_list->addAction(copy);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, &LogView::startSearch);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_regex, &QCheckBox::toggled, this, &LogView::startSearch);
    connect(m_case, &QCheckBox::toggled, this, &LogView::startSearch);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_debounce->isActive()) startSearch();
        if (QApplication::keyboardModifiers() & Qt::ShiftModifier)
            findPrevious();
        else
            findNext();
    });
    connect(m_prev, &QToolButton::clicked, this, &LogView::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &LogView::findNext);
    connect(&m_watcher, &QFutureWatcher<QList<int>>::finished, this, &LogView::onSearchDone);

    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { onRowsInserted(first, last); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_matches.clear();
        m_current = -1;
        m_searchedRows = 0;
        m_delegate->setCurrentRow(-1);
        updateCount();
        updateDroppedNote();
    });
    // The model drops only from the top (its memory cap).
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex&, int first, int last) {
        if (first == 0) onRowsDropped(last + 1);
    });
    // Follow: the newest line stays in view; scrolling up stops it, scrolling to the end resumes.
    QScrollBar* vbar = m_list->verticalScrollBar();
    connect(vbar, &QScrollBar::rangeChanged, this, [this, vbar](int, int max) {
        if (m_follow->isChecked()) vbar->setValue(max);
    });
    connect(vbar, &QScrollBar::actionTriggered, this,
            [this, vbar] { m_follow->setChecked(vbar->sliderPosition() >= vbar->maximum()); });
    connect(m_follow, &QToolButton::toggled, this, [this](bool on) {
        if (on) m_list->scrollToBottom();
    });
    retranslate();
    updateCount();
}

void LogView::retranslate() {
    m_search->setPlaceholderText(tr("Search the log (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search the log"));
    m_regex->setText(tr("Regex"));
    m_regex->setToolTip(tr("Treat the search as a regular expression"));
    m_case->setText(tr("Match case"));
    m_prev->setToolTip(tr("Previous match (Shift+Enter)"));
    m_next->setToolTip(tr("Next match (Enter)"));
    m_follow->setText(tr("Follow"));
    m_follow->setToolTip(tr("Keep the newest line in view"));
    m_list->setAccessibleName(tr("Container log"));
    updateDroppedNote();
    static_cast<LogListView*>(m_list)->placeholder = tr("Select a container to see its output (berth logs).");
    m_list->viewport()->update();
    updateCount();
}

void LogView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void LogView::appendText(const QString& text) {
    m_model->appendText(text);
}

void LogView::clear() {
    m_model->clear();
}

LogQuery LogView::query() const {
    return {m_search->text(), m_regex->isChecked(), m_case->isChecked()};
}

bool LogView::isFollowing() const {
    return m_follow->isChecked();
}

void LogView::setFollowing(bool follow) {
    m_follow->setChecked(follow);
}

void LogView::startSearch() {
    m_debounce->stop();
    const LogQuery q = query();
    ++m_generation;
    m_searched = q;
    m_matches.clear();
    m_current = -1;
    m_delegate->setQuery(LogModel::isValid(q) ? q : LogQuery());
    m_delegate->setCurrentRow(-1);
    m_list->viewport()->update();
    if (q.isEmpty() || !LogModel::isValid(q)) {
        m_searchedRows = m_model->rowCount();
        m_watcher.setFuture(QFuture<QList<int>>());
        updateCount();
        emit searchFinished();
        return;
    }
    LogSnapshot snapshot = m_model->snapshot();
    m_searchedRows = snapshot.rowCount;
    m_droppedAtSearch = m_model->droppedLines();
    m_watcher.setFuture(
        QtConcurrent::run([snapshot = std::move(snapshot), q] { return LogModel::findRows(snapshot, q); }));
    updateCount();
}

void LogView::onSearchDone() {
    if (m_watcher.future().isCanceled() || m_watcher.future().resultCount() == 0) return;
    QList<int> found = m_watcher.result(); // rows that arrived meanwhile were searched inline
    // Rows the model dropped meanwhile: the snapshot's rows moved up by as many.
    if (const auto shift = static_cast<int>(m_model->droppedLines() - m_droppedAtSearch); shift > 0) {
        found.removeIf([shift](int row) { return row < shift; });
        for (int& row : found)
            row -= shift;
    }
    for (int row : std::as_const(m_matches))
        if (found.isEmpty() || row > found.back()) found.append(row);
    m_matches = std::move(found);
    updateCount();
    if (!m_matches.isEmpty()) {
        // Start from the first match at or after the line in view.
        const int top = m_list->indexAt(QPoint(0, 0)).row();
        const auto it = std::lower_bound(m_matches.begin(), m_matches.end(), std::max(0, top));
        goToMatch(it == m_matches.end() ? static_cast<int>(m_matches.size()) - 1
                                        : static_cast<int>(it - m_matches.begin()));
    }
    emit searchFinished();
}

void LogView::onRowsInserted(int first, int last) {
    Q_UNUSED(first);
    if (m_searched.isEmpty() || !LogModel::isValid(m_searched) || m_searched != query()) return;
    if (last + 1 - m_searchedRows > kInlineSearchRows) return startSearch();
    const LogSnapshot snapshot = m_model->snapshot();
    // An open last line that grew may already be among the matches.
    const int from = std::max(0, m_searchedRows - 1);
    for (int row : LogModel::findRows(snapshot, m_searched, from))
        if (m_matches.isEmpty() || row > m_matches.back()) m_matches.append(row);
    m_searchedRows = snapshot.rowCount;
    updateCount();
}

void LogView::onRowsDropped(int count) {
    // Matches, the current one and the reading position move up with their rows.
    const int current = m_current >= 0 && m_current < m_matches.size() ? m_matches[m_current] - count : -1;
    m_matches.removeIf([count](int row) { return row < count; });
    for (int& row : m_matches)
        row -= count;
    m_current = current < 0 ? -1
                            : static_cast<int>(std::lower_bound(m_matches.begin(), m_matches.end(), current) -
                                               m_matches.begin());
    if (m_current >= m_matches.size()) m_current = -1;
    m_searchedRows = std::max(0, m_searchedRows - count);
    m_delegate->setCurrentRow(m_current >= 0 ? m_matches[m_current] : -1);
    if (!isFollowing()) {
        QScrollBar* vbar = m_list->verticalScrollBar();
        vbar->setValue(std::max(0, vbar->value() - count)); // ScrollPerItem: the value is a row
    }
    updateCount();
    updateDroppedNote();
}

void LogView::updateDroppedNote() {
    const qint64 dropped = m_model->droppedLines();
    m_dropped->setVisible(dropped > 0);
    if (dropped > 0)
        m_dropped->setText(
            tr("%1 older lines dropped to keep memory bounded — use berth logs for the whole log.")
                .arg(QLocale().toString(dropped)));
}

void LogView::goToMatch(int match) {
    if (match < 0 || match >= m_matches.size()) return;
    m_current = match;
    const int row = m_matches[match];
    m_delegate->setCurrentRow(row);
    setFollowing(false);
    const QModelIndex index = m_model->index(row);
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_list->viewport()->update();
    updateCount();
}

void LogView::findNext() {
    if (m_matches.isEmpty()) return;
    goToMatch(m_current + 1 >= m_matches.size() ? 0 : m_current + 1);
}

void LogView::findPrevious() {
    if (m_matches.isEmpty()) return;
    goToMatch(m_current <= 0 ? static_cast<int>(m_matches.size()) - 1 : m_current - 1);
}

void LogView::updateCount() {
    const LogQuery q = query();
    QPalette pal = m_count->palette();
    pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    if (q.isEmpty())
        m_count->clear();
    else if (!LogModel::isValid(q)) {
        m_count->setText(tr("Invalid pattern"));
        pal.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    } else if (m_watcher.isRunning())
        m_count->setText(tr("Searching…"));
    else if (m_matches.isEmpty())
        m_count->setText(tr("No matches"));
    else {
        const QLocale locale;
        m_count->setText(
            tr("%1 of %2").arg(locale.toString(m_current + 1), locale.toString(m_matches.size())));
    }
    m_count->setPalette(pal);
    m_prev->setEnabled(!m_matches.isEmpty());
    m_next->setEnabled(!m_matches.isEmpty());
}

QString LogView::selectedText() const {
    QModelIndexList rows = m_list->selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex& index : rows)
        lines << m_model->line(index.row());
    return lines.join(QLatin1Char('\n'));
}

} // namespace berth::ui
