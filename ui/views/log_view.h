#pragma once
// LogView: the Log tab. A list of lines (LogModel under a QListView with uniform row heights, so
// a million lines scroll as smoothly as ten), a search bar (text or regular expression, match
// case, previous/next, "3 of 1,204", matches highlighted in the visible rows) and Follow, which
// keeps the newest line in view until the user scrolls up. Ctrl+F goes to the search box, Enter
// and Shift+Enter step through matches, Ctrl+C copies the selected lines whole (long lines are
// shortened only on screen).
//
// Searching a big log runs on a pool thread over a snapshot of the lines; lines that arrive
// afterwards are searched as they come. A newer search makes an older one's answer stale
// (generation counter).
//
// The model caps its memory (LogModel::maxLines(), maxTextBytes()): when it drops the oldest
// lines, a note above the list says so and points to `berth logs`; matches and the reading
// position move up with the rows that remain.
#include "models/log_model.h"

#include <QFutureWatcher>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;
class QToolButton;

namespace berth::ui {

class LogLineDelegate;

class LogView : public QWidget {
    Q_OBJECT
public:
    explicit LogView(QWidget* parent = nullptr);

    LogModel* model() const { return m_model; }
    QListView* list() const { return m_list; }
    QLineEdit* searchEdit() const { return m_search; }
    QCheckBox* regexBox() const { return m_regex; }
    QCheckBox* caseBox() const { return m_case; }
    QToolButton* followButton() const { return m_follow; }
    QLabel* countLabel() const { return m_count; }
    // "Older lines dropped…": shown once the model dropped lines, hidden by clear().
    QLabel* droppedNote() const { return m_dropped; }

    void appendText(const QString& text);
    void clear();
    QString toPlainText() const { return m_model->plainText(); }

    // Searching: the query now in the bar; matches found so far (rows, ascending).
    LogQuery query() const;
    const QList<int>& matches() const { return m_matches; }
    int currentMatch() const { return m_current; } // index into matches(), -1 = none
    bool isSearching() const { return m_watcher.isRunning(); }
    void findNext();
    void findPrevious();
    bool isFollowing() const;
    void setFollowing(bool follow);
    // The selected lines, whole, one per line.
    QString selectedText() const;

signals:
    void searchFinished();

private:
    void startSearch();
    void onSearchDone();
    void onRowsInserted(int first, int last);
    void onRowsDropped(int count);
    void updateDroppedNote();
    void goToMatch(int match);
    void updateCount();
    void retranslate();
    void changeEvent(QEvent* event) override;

    LogModel* m_model;
    QListView* m_list = nullptr;
    LogLineDelegate* m_delegate = nullptr;
    QLineEdit* m_search = nullptr;
    QCheckBox* m_regex = nullptr;
    QCheckBox* m_case = nullptr;
    QToolButton* m_prev = nullptr;
    QToolButton* m_next = nullptr;
    QToolButton* m_follow = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_dropped = nullptr;
    QTimer* m_debounce = nullptr;

    QFutureWatcher<QList<int>> m_watcher;
    quint64 m_generation = 0;
    LogQuery m_searched;    // the query m_matches answers
    int m_searchedRows = 0; // rows m_matches covers
    qint64 m_droppedAtSearch = 0; // the model's droppedLines() when the running search's snapshot was taken
    QList<int> m_matches;
    int m_current = -1;
};

} // namespace berth::ui
