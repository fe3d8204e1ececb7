#include "views/terminal_screen.h"

#include <QList>

#include <algorithm>

// The escape sequences follow ECMA-48 and xterm's ctlseqs
// (https://invisible-island.net/xterm/ctlseqs/ctlseqs.html).

namespace berth::ui {

TerminalScreen::TerminalScreen(int rows, int columns, int scrollbackLimit)
    : m_columns(std::max(columns, 1)), m_scrollbackLimit(std::max(scrollbackLimit, 0)) {
    m_lines.assign(static_cast<std::size_t>(std::max(rows, 1)), blankLine());
    m_bottom = this->rows() - 1;
}

TerminalScreen::Line TerminalScreen::blankLine() const {
    TerminalCell blank;
    blank.bg = m_attr.bg; // erasing paints the current background, as xterm does
    return Line(static_cast<std::size_t>(m_columns), blank);
}

QString TerminalScreen::textOf(const Line& line) {
    QString out;
    for (const TerminalCell& c : line)
        if (c.ch != wideTail) out += QString::fromUcs4(&c.ch, 1);
    while (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

QString TerminalScreen::text() const {
    QStringList lines;
    for (const Line& l : m_scrollback)
        lines << textOf(l);
    for (const Line& l : m_lines)
        lines << textOf(l);
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

QByteArray TerminalScreen::takeReplies() {
    return std::exchange(m_replies, QByteArray());
}

void TerminalScreen::resize(int rows, int columns) {
    rows = std::max(rows, 1);
    m_columns = std::max(columns, 1);
    for (Line& l : m_lines)
        l.resize(static_cast<std::size_t>(m_columns), TerminalCell{});
    for (Line& l : m_scrollback)
        l.resize(static_cast<std::size_t>(m_columns), TerminalCell{});
    // Keep the cursor's line on screen: lines above it leave through the top.
    while (this->rows() > rows && m_row > 0 && m_row >= rows) {
        m_scrollback.push_back(std::move(m_lines.front()));
        m_lines.erase(m_lines.begin());
        --m_row;
    }
    while (m_scrollback.size() > static_cast<std::size_t>(m_scrollbackLimit))
        m_scrollback.pop_front();
    m_lines.resize(static_cast<std::size_t>(rows), Line(static_cast<std::size_t>(m_columns), TerminalCell{}));
    m_top = 0;
    m_bottom = rows - 1;
    moveTo(m_row, m_column);
    m_savedRow = std::min(m_savedRow, rows - 1);
    m_savedColumn = std::min(m_savedColumn, m_columns - 1);
}

void TerminalScreen::feed(const QByteArray& bytes) {
    for (char c : bytes)
        byte(static_cast<unsigned char>(c));
}

void TerminalScreen::byte(unsigned char b) {
    if (b == 0x18 || b == 0x1a) { // CAN, SUB: abandon a sequence
        m_state = State::Ground;
        return;
    }
    if (b == 0x1b && m_state != State::Osc) {
        m_state = State::Escape;
        m_utf8Left = 0;
        return;
    }
    switch (m_state) {
    case State::Ground: break;
    case State::Escape: escape(b); return;
    case State::Charset: // ESC ( B and friends: one designator byte, ignored (UTF-8 only)
        m_state = State::Ground;
        return;
    case State::Osc: // ESC ] … BEL or ESC \ (window titles): skipped
        if (b == 0x07)
            m_state = State::Ground;
        else if (b == 0x1b)
            m_state = State::OscEscape;
        return;
    case State::OscEscape: m_state = b == '\\' ? State::Ground : State::Osc; return;
    case State::Csi:
        if (b < 0x20)
            control(b); // C0 controls act inside a sequence too
        else if (b < 0x40)
            m_params += static_cast<char>(b);
        else {
            m_state = State::Ground;
            csi(b);
        }
        return;
    }
    if (b < 0x20 || b == 0x7f) {
        control(b);
    } else if (b < 0x80) {
        m_utf8Left = 0;
        print(b);
    } else if ((b & 0xC0) == 0x80) { // a continuation byte
        if (m_utf8Left == 0) {
            print(U'\uFFFD');
            return;
        }
        m_utf8 = (m_utf8 << 6) | (b & 0x3F);
        if (--m_utf8Left == 0) print(m_utf8);
    } else {
        if (m_utf8Left > 0) print(U'\uFFFD'); // the last character was cut short
        const int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
        m_utf8 = b & (0x3F >> extra);
        m_utf8Left = extra;
    }
}

void TerminalScreen::control(unsigned char b) {
    switch (b) {
    case '\r':
        m_column = 0;
        m_wrapPending = false;
        break;
    case '\n':
    case 0x0b: // VT
    case 0x0c: // FF
        lineFeed();
        break;
    case 0x08: // BS
        if (m_column > 0) --m_column;
        m_wrapPending = false;
        break;
    case '\t':
        m_column = std::min((m_column / 8 + 1) * 8, m_columns - 1);
        m_wrapPending = false;
        break;
    default: // BEL, NUL, DEL, shift in/out: nothing to draw
        break;
    }
}

void TerminalScreen::escape(unsigned char b) {
    m_state = State::Ground;
    switch (b) {
    case '[':
        m_state = State::Csi;
        m_params.clear();
        break;
    case ']':
    case 'P': // DCS strings end like OSC
    case '_':
    case '^': m_state = State::Osc; break;
    case '(':
    case ')':
    case '*':
    case '+': m_state = State::Charset; break;
    case '7':
        m_savedRow = m_row;
        m_savedColumn = m_column;
        m_savedAttr = m_attr;
        break;
    case '8':
        m_attr = m_savedAttr;
        moveTo(m_savedRow, m_savedColumn);
        break;
    case 'D': lineFeed(); break;
    case 'E':
        m_column = 0;
        lineFeed();
        break;
    case 'M': reverseIndex(); break;
    case 'c': {
        const int scrollbackKept = m_scrollbackLimit;
        *this = TerminalScreen(rows(), m_columns, scrollbackKept);
        break;
    }
    default: break;
    }
}

int TerminalScreen::param(int index, int fallback) const {
    QByteArray body = m_params;
    if (!body.isEmpty() && (body[0] == '?' || body[0] == '>' || body[0] == '=')) body.remove(0, 1);
    const QList<QByteArray> parts = body.split(';');
    if (index >= parts.size() || parts[index].isEmpty()) return fallback;
    bool ok = false;
    const int value = parts[index].toInt(&ok);
    return ok ? value : fallback;
}

void TerminalScreen::csi(unsigned char final) {
    const bool isPrivate = !m_params.isEmpty() && m_params[0] == '?';
    const int n = std::max(param(0, 1), 1);
    switch (final) {
    case 'A': moveTo(m_row - n, m_column); break;
    case 'B':
    case 'e': moveTo(m_row + n, m_column); break;
    case 'C':
    case 'a': moveTo(m_row, m_column + n); break;
    case 'D': moveTo(m_row, m_column - n); break;
    case 'E': moveTo(m_row + n, 0); break;
    case 'F': moveTo(m_row - n, 0); break;
    case 'G':
    case '`': moveTo(m_row, n - 1); break;
    case 'd': moveTo(n - 1, m_column); break;
    case 'H':
    case 'f': moveTo(std::max(param(0, 1), 1) - 1, std::max(param(1, 1), 1) - 1); break;
    case 'J': eraseDisplay(param(0, 0)); break;
    case 'K': {
        const int mode = param(0, 0);
        eraseCells(m_row, mode == 0 ? m_column : 0, mode == 1 ? m_column + 1 : m_columns);
        break;
    }
    case 'X': eraseCells(m_row, m_column, m_column + n); break;
    case 'P': { // delete characters: the rest of the line moves left
        Line& l = m_lines[m_row];
        const int count = std::min(n, m_columns - m_column);
        l.erase(l.begin() + m_column, l.begin() + m_column + count);
        l.insert(l.end(), static_cast<std::size_t>(count), blankLine().front());
        m_wrapPending = false;
        break;
    }
    case '@': { // insert blanks: the rest of the line moves right
        Line& l = m_lines[m_row];
        const int count = std::min(n, m_columns - m_column);
        l.insert(l.begin() + m_column, static_cast<std::size_t>(count), blankLine().front());
        l.resize(static_cast<std::size_t>(m_columns));
        m_wrapPending = false;
        break;
    }
    case 'L':
        if (m_row >= m_top && m_row <= m_bottom) scrollDown(m_row, m_bottom, n);
        break;
    case 'M':
        if (m_row >= m_top && m_row <= m_bottom) scrollUp(m_row, m_bottom, n);
        break;
    case 'S': scrollUp(m_top, m_bottom, n); break;
    case 'T': scrollDown(m_top, m_bottom, n); break;
    case 'r': {
        const int top = std::max(param(0, 1), 1) - 1, bottom = std::min(param(1, rows()), rows()) - 1;
        if (top < bottom) {
            m_top = top;
            m_bottom = bottom;
            moveTo(0, 0);
        }
        break;
    }
    case 'm': sgr(); break;
    case 'n':
        if (param(0, 0) == 6)
            m_replies +=
                "\x1b[" + QByteArray::number(m_row + 1) + ';' + QByteArray::number(m_column + 1) + 'R';
        else if (param(0, 0) == 5)
            m_replies += "\x1b[0n";
        break;
    case 'c':
        if (m_params.isEmpty() || m_params == "0") m_replies += "\x1b[?1;2c"; // a VT100 with advanced video
        break;
    case 's':
        m_savedRow = m_row;
        m_savedColumn = m_column;
        break;
    case 'u': moveTo(m_savedRow, m_savedColumn); break;
    case 'h':
    case 'l':
        if (isPrivate) {
            const bool on = final == 'h';
            for (const QByteArray& mode : m_params.mid(1).split(';')) {
                if (mode == "25")
                    m_cursorVisible = on;
                else if (mode == "7")
                    m_autoWrap = on;
                else if (mode == "1")
                    m_applicationCursor = on;
            }
        }
        break;
    default: break;
    }
}

void TerminalScreen::sgr() {
    QByteArray body = m_params;
    const QList<QByteArray> parts = body.isEmpty() ? QList<QByteArray>{QByteArray()} : body.split(';');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const int p = parts[i].isEmpty() ? 0 : parts[i].toInt();
        if (p == 0) {
            m_attr = TerminalCell{};
        } else if (p == 1) {
            m_attr.bold = true;
        } else if (p == 22) {
            m_attr.bold = false;
        } else if (p == 7) {
            m_attr.inverse = true;
        } else if (p == 27) {
            m_attr.inverse = false;
        } else if (p >= 30 && p <= 37) {
            m_attr.fg = static_cast<qint8>(p - 30);
        } else if (p == 39) {
            m_attr.fg = -1;
        } else if (p >= 40 && p <= 47) {
            m_attr.bg = static_cast<qint8>(p - 40);
        } else if (p == 49) {
            m_attr.bg = -1;
        } else if (p >= 90 && p <= 97) {
            m_attr.fg = static_cast<qint8>(p - 90 + 8);
        } else if (p >= 100 && p <= 107) {
            m_attr.bg = static_cast<qint8>(p - 100 + 8);
        } else if ((p == 38 || p == 48) && i + 1 < parts.size()) {
            // 256-colour and true-colour forms: skip their arguments (only the basic 16 are drawn).
            const int kind = parts[i + 1].toInt();
            i += kind == 5 ? 2 : kind == 2 ? 4 : 1;
        }
    }
}

bool TerminalScreen::isWide(char32_t ch) {
    // East Asian Wide and Fullwidth (Unicode TR 11), the blocks a shell meets: Hangul, CJK, kana,
    // fullwidth forms, emoji.
    static constexpr std::pair<char32_t, char32_t> wide[] = {
        {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
        {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},
        {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};
    return std::any_of(std::begin(wide), std::end(wide),
                       [ch](const auto& r) { return ch >= r.first && ch <= r.second; });
}

void TerminalScreen::print(char32_t ch) {
    const int width = isWide(ch) && m_columns > 1 ? 2 : 1;
    if (m_wrapPending || (width == 2 && m_column == m_columns - 1 && m_autoWrap)) {
        if (!m_wrapPending)
            eraseCells(m_row, m_column, m_columns); // a wide character does not fit: next line
        m_wrapPending = false;
        m_column = 0;
        lineFeed();
    }
    if (width == 2 && m_column == m_columns - 1) --m_column; // no autowrap: the last two cells
    Line& line = m_lines[m_row];
    // Overwriting half of a wide character blanks its other half.
    const TerminalCell blank = blankLine().front();
    if (line[m_column].ch == wideTail && m_column > 0) line[m_column - 1] = blank;
    const int after = m_column + width; // the cell after what is written now
    if (after < m_columns && line[after].ch == wideTail) line[after] = blank;
    TerminalCell c = m_attr;
    c.ch = ch;
    line[m_column] = c;
    if (width == 2) {
        c.ch = wideTail;
        line[m_column + 1] = c;
    }
    if (after >= m_columns) {
        m_column = m_columns - 1;
        m_wrapPending = m_autoWrap;
    } else {
        m_column = after;
    }
}

void TerminalScreen::lineFeed() {
    m_wrapPending = false;
    if (m_row == m_bottom)
        scrollUp(m_top, m_bottom, 1);
    else if (m_row < rows() - 1)
        ++m_row;
}

void TerminalScreen::reverseIndex() {
    m_wrapPending = false;
    if (m_row == m_top)
        scrollDown(m_top, m_bottom, 1);
    else if (m_row > 0)
        --m_row;
}

void TerminalScreen::scrollUp(int top, int bottom, int count) {
    count = std::min(count, bottom - top + 1);
    for (int i = 0; i < count; ++i) {
        // Only lines leaving the whole screen's top are history; a region's lines just vanish.
        if (top == 0 && m_scrollbackLimit > 0) {
            m_scrollback.push_back(std::move(m_lines[static_cast<std::size_t>(top)]));
            if (m_scrollback.size() > static_cast<std::size_t>(m_scrollbackLimit)) m_scrollback.pop_front();
        }
        m_lines.erase(m_lines.begin() + top);
        m_lines.insert(m_lines.begin() + bottom, blankLine());
    }
}

void TerminalScreen::scrollDown(int top, int bottom, int count) {
    count = std::min(count, bottom - top + 1);
    for (int i = 0; i < count; ++i) {
        m_lines.erase(m_lines.begin() + bottom);
        m_lines.insert(m_lines.begin() + top, blankLine());
    }
}

void TerminalScreen::eraseCells(int row, int from, int to) {
    from = std::clamp(from, 0, m_columns);
    to = std::clamp(to, from, m_columns);
    const TerminalCell blank = blankLine().front();
    std::fill(m_lines[row].begin() + from, m_lines[row].begin() + to, blank);
    m_wrapPending = false;
}

void TerminalScreen::eraseDisplay(int mode) {
    if (mode == 3) {
        m_scrollback.clear();
        return;
    }
    const int first = mode == 0 ? m_row + 1 : 0;
    const int last = mode == 1 ? m_row - 1 : rows() - 1;
    for (int r = first; r <= last; ++r)
        m_lines[r] = blankLine();
    if (mode == 0)
        eraseCells(m_row, m_column, m_columns);
    else if (mode == 1)
        eraseCells(m_row, 0, m_column + 1);
}

void TerminalScreen::moveTo(int row, int column) {
    m_row = std::clamp(row, 0, rows() - 1);
    m_column = std::clamp(column, 0, m_columns - 1);
    m_wrapPending = false;
}

} // namespace berth::ui
