#pragma once
// LogModel: one container's output as a list of lines, built to stay light at millions of lines
// and at lines of 100,000 characters. Lines live in chunks (one QString of the lines' text end to
// end plus the end offset of each line), so a line costs its UTF-16 text and four bytes; a full
// chunk is squeezed and never changes again, which lets a search read a snapshot on another
// thread while the follower keeps appending to the last, open chunk.
//
// Text arrives in batches (appendText: whatever the follower read since last time, split on
// '\n'); a batch that does not end with a newline leaves its last line open, and the next batch
// continues it. The display role elides long lines (displayLimit() characters and "…"); the full
// line is FullTextRole, and the tooltip names the length.
//
// Memory is capped: past maxLines() lines or maxTextBytes() bytes of text (following a container
// that writes forever) the oldest closed chunks are dropped, as one removal of the first rows;
// droppedLines() counts them so the view can say that older lines are only in `berth logs`.
#include <QAbstractListModel>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace berth::ui {

// What to look for in a log: plain text or a regular expression, with or without case.
struct LogQuery {
    QString pattern;
    bool regex = false;
    bool caseSensitive = false;
    bool isEmpty() const { return pattern.isEmpty(); }
    bool operator==(const LogQuery&) const = default;
};

// Lines [start, start + lineCount()) of a log, stored end to end.
struct LogChunk {
    QString text;
    std::vector<quint32> ends; // end offset of each line in text
    int lineCount() const { return static_cast<int>(ends.size()); }
    QStringView line(int i) const {
        const quint32 begin = i == 0 ? 0 : ends[static_cast<size_t>(i) - 1];
        return QStringView(text).mid(begin, ends[static_cast<size_t>(i)] - begin);
    }
};

// A frozen view of a log's lines, safe to read on any thread.
struct LogSnapshot {
    QList<std::shared_ptr<const LogChunk>> chunks;
    int rowCount = 0;
};

class LogModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { FullTextRole = Qt::UserRole + 1, LengthRole };

    explicit LogModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // Adds a batch of output: complete lines end with '\n' ('\r' before it is dropped).
    void appendText(QStringView text);
    void clear();

    QString line(int row) const;
    // All lines joined by '\n' (for tests and small logs).
    QString plainText() const;
    // Bytes the model holds for its lines (text capacity, offsets, chunk headers).
    qint64 byteSize() const;
    // Bytes of the lines' text alone, UTF-16.
    qint64 textBytes() const { return m_chars * 2; }
    // The cap (defaults: kDefaultMaxLines, kDefaultMaxTextBytes); applied from the next append.
    void setLimits(int maxLines, qint64 maxTextBytes);
    int maxLines() const { return m_maxLines; }
    qint64 maxTextBytes() const { return m_maxTextBytes; }
    // Lines dropped from the top since the last clear().
    qint64 droppedLines() const { return m_dropped; }
    static constexpr int kDefaultMaxLines = 1'000'000;
    static constexpr qint64 kDefaultMaxTextBytes = qint64(128) << 20; // a million lines of 64 characters

    LogSnapshot snapshot() const;
    // Rows in [from, snapshot.rowCount) whose line matches; an invalid regex matches nothing.
    static QList<int> findRows(const LogSnapshot& snapshot, const LogQuery& query, int from = 0);
    // Where query matches inside text, as (start, length) pairs.
    static QList<QPair<int, int>> matchesIn(QStringView text, const LogQuery& query);
    static bool isValid(const LogQuery& query);

    static constexpr int displayLimit() { return 2000; }
    static constexpr int chunkLines() { return 4096; }
    static constexpr qsizetype chunkChars() { return 256 * 1024; }

signals:
    // Lines were dropped from the top (after their rowsRemoved); dropped is the running total.
    void linesDropped(qint64 dropped);

private:
    void enforceLimits();
    LogChunk& openChunk(); // the last chunk, with room for one more line
    void closeLast();
    QStringView lineView(int row) const;

    // Closed chunks are shared with snapshots and never change; the last one may be open.
    QList<std::shared_ptr<LogChunk>> m_chunks;
    std::vector<int> m_firstRow; // first row of each chunk
    int m_rows = 0;
    qint64 m_chars = 0;
    bool m_lastOpen = false; // the last line had no newline yet
    int m_maxLines = kDefaultMaxLines;
    qint64 m_maxTextBytes = kDefaultMaxTextBytes;
    qint64 m_dropped = 0;
};

} // namespace berth::ui
