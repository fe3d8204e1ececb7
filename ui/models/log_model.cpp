#include "models/log_model.h"

#include <QRegularExpression>

#include <algorithm>

namespace berth::ui {

LogModel::LogModel(QObject* parent) : QAbstractListModel(parent) {}

int LogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_rows;
}

QStringView LogModel::lineView(int row) const {
    const auto it = std::upper_bound(m_firstRow.begin(), m_firstRow.end(), row);
    const auto chunk = static_cast<qsizetype>(it - m_firstRow.begin()) - 1;
    return m_chunks[chunk]->line(row - m_firstRow[static_cast<size_t>(chunk)]);
}

QString LogModel::line(int row) const {
    if (row < 0 || row >= m_rows) return {};
    return lineView(row).toString();
}

QVariant LogModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows) return {};
    const QStringView text = lineView(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (text.size() <= displayLimit()) return text.toString();
        return text.left(displayLimit()).toString() + QChar(0x2026);
    case FullTextRole:
        return text.toString();
    case LengthRole:
        return static_cast<int>(text.size());
    case Qt::ToolTipRole:
        if (text.size() <= displayLimit()) return {};
        return tr("A long line of %L1 characters, shortened here. Copy (Ctrl+C) takes the whole line.")
            .arg(text.size());
    default:
        return {};
    }
}

LogChunk& LogModel::openChunk() {
    if (m_chunks.isEmpty() || m_chunks.back()->lineCount() >= chunkLines() ||
        m_chunks.back()->text.size() >= chunkChars()) {
        closeLast();
        m_chunks.append(std::make_shared<LogChunk>());
        m_chunks.back()->ends.reserve(256);
        m_firstRow.push_back(m_rows);
    }
    return *m_chunks.back();
}

void LogModel::closeLast() {
    if (m_chunks.isEmpty()) return;
    LogChunk& last = *m_chunks.back();
    last.text.squeeze();
    last.ends.shrink_to_fit();
}

void LogModel::appendText(QStringView text) {
    if (text.isEmpty()) return;
    qsizetype pos = 0;
    // The first piece continues an open last line.
    if (m_lastOpen) {
        const qsizetype nl = text.indexOf(QLatin1Char('\n'));
        QStringView piece = text.left(nl < 0 ? text.size() : nl);
        if (nl >= 0 && piece.endsWith(QLatin1Char('\r'))) piece.chop(1);
        LogChunk& last = *m_chunks.back();
        last.text.append(piece);
        last.ends.back() = static_cast<quint32>(last.text.size());
        m_chars += piece.size();
        m_lastOpen = nl < 0;
        const QModelIndex changed = index(m_rows - 1);
        emit dataChanged(changed, changed);
        if (nl < 0) return;
        pos = nl + 1;
    }
    if (pos >= text.size()) return;
    // Count the new rows first, so the view hears of them in one insertion.
    const QStringView rest = text.mid(pos);
    const qsizetype newlines = rest.count(QLatin1Char('\n'));
    const bool open = !rest.endsWith(QLatin1Char('\n'));
    const int added = static_cast<int>(newlines + (open ? 1 : 0));
    beginInsertRows({}, m_rows, m_rows + added - 1);
    while (pos < text.size()) {
        const qsizetype nl = text.indexOf(QLatin1Char('\n'), pos);
        QStringView piece = text.mid(pos, (nl < 0 ? text.size() : nl) - pos);
        if (nl >= 0 && piece.endsWith(QLatin1Char('\r'))) piece.chop(1);
        LogChunk& chunk = openChunk();
        chunk.text.append(piece);
        chunk.ends.push_back(static_cast<quint32>(chunk.text.size()));
        m_chars += piece.size();
        ++m_rows;
        if (nl < 0) break;
        pos = nl + 1;
    }
    m_lastOpen = open;
    endInsertRows();
    enforceLimits();
}

void LogModel::setLimits(int maxLines, qint64 maxTextBytes) {
    m_maxLines = std::max(1, maxLines);
    m_maxTextBytes = std::max<qint64>(2, maxTextBytes);
}

void LogModel::enforceLimits() {
    // Whole closed chunks only: the open last one stays, and snapshots keep what they share.
    qsizetype chunks = 0;
    int rows = 0;
    qint64 chars = 0;
    while (chunks + 1 < m_chunks.size() &&
           (m_rows - rows > m_maxLines || (m_chars - chars) * 2 > m_maxTextBytes)) {
        rows += m_chunks[chunks]->lineCount();
        chars += m_chunks[chunks]->text.size();
        ++chunks;
    }
    if (chunks == 0) return;
    beginRemoveRows({}, 0, rows - 1);
    m_chunks.remove(0, chunks);
    m_firstRow.erase(m_firstRow.begin(), m_firstRow.begin() + chunks);
    for (int& first : m_firstRow)
        first -= rows;
    m_rows -= rows;
    m_chars -= chars;
    m_dropped += rows;
    endRemoveRows();
    emit linesDropped(m_dropped);
}

void LogModel::clear() {
    beginResetModel();
    m_chunks.clear();
    std::vector<int>().swap(m_firstRow);
    m_rows = 0;
    m_chars = 0;
    m_lastOpen = false;
    m_dropped = 0;
    endResetModel();
}

QString LogModel::plainText() const {
    QString out;
    out.reserve(m_chars + m_rows);
    bool first = true;
    for (const auto& chunk : m_chunks)
        for (int i = 0; i < chunk->lineCount(); ++i) {
            if (!first) out += QLatin1Char('\n');
            first = false;
            out += chunk->line(i);
        }
    return out;
}

qint64 LogModel::byteSize() const {
    qint64 bytes = static_cast<qint64>(m_firstRow.capacity() * sizeof(int));
    for (const auto& chunk : m_chunks)
        bytes += chunk->text.capacity() * 2 + static_cast<qint64>(chunk->ends.capacity() * sizeof(quint32)) +
                 static_cast<qint64>(sizeof(LogChunk));
    return bytes;
}

LogSnapshot LogModel::snapshot() const {
    LogSnapshot s;
    s.rowCount = m_rows;
    for (qsizetype i = 0; i < m_chunks.size(); ++i) {
        if (i + 1 < m_chunks.size())
            s.chunks.append(m_chunks[i]); // closed: shared as is
        else
            s.chunks.append(std::make_shared<const LogChunk>(*m_chunks[i])); // open: copied
    }
    return s;
}

bool LogModel::isValid(const LogQuery& query) {
    return !query.regex || QRegularExpression(query.pattern).isValid();
}

namespace {

QRegularExpression compile(const LogQuery& query) {
    QRegularExpression re(query.pattern, query.caseSensitive ? QRegularExpression::NoPatternOption
                                                             : QRegularExpression::CaseInsensitiveOption);
    re.optimize();
    return re;
}

} // namespace

QList<int> LogModel::findRows(const LogSnapshot& snapshot, const LogQuery& query, int from) {
    QList<int> rows;
    if (query.isEmpty() || !isValid(query)) return rows;
    const QRegularExpression re = query.regex ? compile(query) : QRegularExpression();
    const Qt::CaseSensitivity cs = query.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    int row = 0;
    for (const auto& chunk : snapshot.chunks) {
        const int n = chunk->lineCount();
        if (row + n <= from) {
            row += n;
            continue;
        }
        for (int i = std::max(0, from - row); i < n && row + i < snapshot.rowCount; ++i) {
            const QStringView line = chunk->line(i);
            const bool hit = query.regex ? re.match(line).hasMatch() : line.contains(query.pattern, cs);
            if (hit) rows.append(row + i);
        }
        row += n;
    }
    return rows;
}

QList<QPair<int, int>> LogModel::matchesIn(QStringView text, const LogQuery& query) {
    QList<QPair<int, int>> out;
    if (query.isEmpty() || !isValid(query)) return out;
    if (query.regex) {
        auto it = compile(query).globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            if (m.capturedLength() > 0)
                out.append({static_cast<int>(m.capturedStart()), static_cast<int>(m.capturedLength())});
        }
        return out;
    }
    const Qt::CaseSensitivity cs = query.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    for (qsizetype at = text.indexOf(query.pattern, 0, cs); at >= 0;
         at = text.indexOf(query.pattern, at + query.pattern.size(), cs))
        out.append({static_cast<int>(at), static_cast<int>(query.pattern.size())});
    return out;
}

} // namespace berth::ui
