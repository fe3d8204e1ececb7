#pragma once
// The screen of a terminal as a pure model: the bytes a program writes to its pty go in, a grid of
// cells comes out. It understands what busybox sh and its line editor write: printable UTF-8, CR,
// LF, BS, TAB, BEL, CSI cursor moves, erase in line / display, insert and delete of characters and
// lines, scroll regions, SGR (the 16 basic colours, bold, reverse), save / restore cursor and the
// device status report (its answer is collected for takeReplies()). Lines scrolled off the top go
// to a bounded scrollback. No I/O and no widgets: tests feed bytes and check cells.
#include <QByteArray>
#include <QString>

#include <deque>
#include <vector>

namespace berth::ui {

struct TerminalCell {
    char32_t ch = U' ';
    qint8 fg = -1; // -1 the default colour, 0–15 the basic palette
    qint8 bg = -1;
    bool bold = false;
    bool inverse = false;
    bool operator==(const TerminalCell&) const = default;
};

class TerminalScreen {
public:
    using Line = std::vector<TerminalCell>;

    explicit TerminalScreen(int rows = 24, int columns = 80, int scrollbackLimit = 2000);

    void feed(const QByteArray& bytes);
    // Keeps the text; when rows shrink, the lines above the cursor go to the scrollback.
    void resize(int rows, int columns);
    void clearScrollback() { m_scrollback.clear(); }

    int rows() const { return static_cast<int>(m_lines.size()); }
    int columns() const { return m_columns; }
    int cursorRow() const { return m_row; }
    int cursorColumn() const { return m_column; }
    bool cursorVisible() const { return m_cursorVisible; }
    // DECCKM: arrow keys are sent as ESC O A instead of ESC [ A.
    bool applicationCursorKeys() const { return m_applicationCursor; }
    const TerminalCell& cell(int row, int column) const { return m_lines[row][column]; }
    const Line& line(int row) const { return m_lines[row]; }
    // A screen row's text, trailing blanks dropped.
    QString lineText(int row) const { return textOf(m_lines[row]); }

    int scrollbackLimit() const { return m_scrollbackLimit; }
    int scrollbackSize() const { return static_cast<int>(m_scrollback.size()); }
    const Line& scrollbackLine(int index) const { return m_scrollback[index]; } // 0 = oldest
    QString scrollbackText(int index) const { return textOf(m_scrollback[index]); }
    // The scrollback, then the screen, one line each, trailing blank lines dropped.
    QString text() const;
    // What the terminal answers (cursor position reports); the owner writes it to the pty.
    QByteArray takeReplies();

    static QString textOf(const Line& line);
    // East Asian wide characters (Hangul, CJK) take two cells: the character, then a wideTail cell.
    static bool isWide(char32_t ch);
    static constexpr char32_t wideTail = 0;

private:
    enum class State { Ground, Escape, Csi, Osc, OscEscape, Charset };

    void byte(unsigned char b);
    void control(unsigned char b);
    void escape(unsigned char b);
    void csi(unsigned char final);
    void sgr();
    void print(char32_t ch);
    int param(int index, int fallback) const;
    Line blankLine() const;
    void lineFeed();
    void reverseIndex();
    void scrollUp(int top, int bottom, int count);
    void scrollDown(int top, int bottom, int count);
    void eraseCells(int row, int from, int to); // [from, to)
    void eraseDisplay(int mode);
    void moveTo(int row, int column);

    std::vector<Line> m_lines;
    std::deque<Line> m_scrollback;
    int m_columns;
    int m_scrollbackLimit;
    int m_row = 0;
    int m_column = 0;
    bool m_wrapPending = false;
    int m_top = 0; // scroll region, inclusive
    int m_bottom = 0;
    TerminalCell m_attr;
    int m_savedRow = 0;
    int m_savedColumn = 0;
    TerminalCell m_savedAttr;
    bool m_cursorVisible = true;
    bool m_autoWrap = true;
    bool m_applicationCursor = false;
    State m_state = State::Ground;
    QByteArray m_params; // CSI parameter and intermediate bytes
    char32_t m_utf8 = 0;
    int m_utf8Left = 0;
    QByteArray m_replies;
};

} // namespace berth::ui
