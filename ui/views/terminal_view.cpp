#include "views/terminal_view.h"

#include "views/pty_process.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

namespace berth::ui {

namespace {

// xterm's 16 colours, and the default pair (light text on a dark background).
constexpr QRgb basicColours[16] = {0x000000, 0xcd3131, 0x0dbc79, 0xe5e510, 0x2472c8, 0xbc3fbc,
                                   0x11a8cd, 0xe5e5e5, 0x666666, 0xf14c4c, 0x23d18b, 0xf5f543,
                                   0x3b8eea, 0xd670d6, 0x29b8db, 0xffffff};
constexpr QRgb defaultForeground = 0xd4d4d4;
constexpr QRgb defaultBackground = 0x1e1e1e;

QByteArray cursorKey(char final, bool application) {
    return QByteArray(application ? "\x1bO" : "\x1b[") + final;
}

} // namespace

TerminalView::TerminalView(QWidget* parent) : QAbstractScrollArea(parent), m_pty(new PtyProcess(this)) {
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::TypeWriter);
    setFont(mono);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setAutoFillBackground(false);
    viewport()->setCursor(Qt::IBeamCursor);
    connect(m_pty, &PtyProcess::output, this, &TerminalView::onOutput);
    connect(m_pty, &PtyProcess::finished, this, [this](int code) {
        viewport()->update();
        emit finished(code);
    });
    updateScrollBar(true);
}

bool TerminalView::start(const QString& program, const QStringList& args) {
    fitToView();
    const bool ok = m_pty->start(program, args, m_screen.rows(), m_screen.columns());
    updateScrollBar(true);
    viewport()->update();
    return ok;
}

void TerminalView::hangUp() {
    m_pty->hangUp();
}

void TerminalView::stop() {
    m_pty->stop();
    viewport()->update();
}

bool TerminalView::isRunning() const {
    return m_pty->isRunning();
}

QString TerminalView::errorString() const {
    return m_pty->errorString();
}

void TerminalView::clear() {
    m_screen = TerminalScreen(m_screen.rows(), m_screen.columns(), m_screen.scrollbackLimit());
    updateScrollBar(true);
    viewport()->update();
}

void TerminalView::send(const QByteArray& bytes) {
    if (bytes.isEmpty()) return;
    m_pty->write(bytes);
    updateScrollBar(true); // typing shows the bottom
}

void TerminalView::showNote(const QString& text) {
    QByteArray bytes = m_screen.cursorColumn() > 0 ? QByteArray("\r\n") : QByteArray();
    m_screen.feed(bytes + text.toUtf8() + "\r\n");
    updateScrollBar(true);
    viewport()->update();
}

void TerminalView::onOutput(const QByteArray& bytes) {
    m_screen.feed(bytes);
    const QByteArray replies = m_screen.takeReplies();
    if (!replies.isEmpty()) m_pty->write(replies);
    updateScrollBar(false);
    viewport()->update();
}

QByteArray TerminalView::keyBytes(int key, Qt::KeyboardModifiers modifiers, const QString& text,
                                  bool applicationCursor) {
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter: return "\r";
    case Qt::Key_Backspace: return "\x7f";
    case Qt::Key_Tab: return "\t";
    case Qt::Key_Backtab: return "\x1b[Z";
    case Qt::Key_Escape: return "\x1b";
    case Qt::Key_Up: return cursorKey('A', applicationCursor);
    case Qt::Key_Down: return cursorKey('B', applicationCursor);
    case Qt::Key_Right: return cursorKey('C', applicationCursor);
    case Qt::Key_Left: return cursorKey('D', applicationCursor);
    case Qt::Key_Home: return cursorKey('H', applicationCursor);
    case Qt::Key_End: return cursorKey('F', applicationCursor);
    case Qt::Key_Insert: return "\x1b[2~";
    case Qt::Key_Delete: return "\x1b[3~";
    case Qt::Key_PageUp: return "\x1b[5~";
    case Qt::Key_PageDown: return "\x1b[6~";
    default: break;
    }
    if (modifiers & Qt::ControlModifier) {
        if (key >= Qt::Key_A && key <= Qt::Key_Z)
            return QByteArray(1, static_cast<char>(key - Qt::Key_A + 1));
        switch (key) {
        case Qt::Key_Space:
        case Qt::Key_At: return QByteArray(1, '\0');
        case Qt::Key_BracketLeft: return "\x1b";
        case Qt::Key_Backslash: return "\x1c";
        case Qt::Key_BracketRight: return "\x1d";
        case Qt::Key_AsciiCircum: return "\x1e";
        case Qt::Key_Underscore: return "\x1f";
        default: return {};
        }
    }
    return text.toUtf8();
}

bool TerminalView::event(QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride) {
        // Keys the shell needs (Delete, Ctrl+R, Ctrl+E…) must not trigger the page's actions.
        auto* key = static_cast<QKeyEvent*>(event);
        const Qt::KeyboardModifiers mods =
            key->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier | Qt::MetaModifier);
        const bool digit = key->key() >= Qt::Key_0 && key->key() <= Qt::Key_9;
        const bool ours = !(mods & (Qt::AltModifier | Qt::MetaModifier)) &&
                          (!(mods & Qt::ControlModifier) ||
                           (mods == Qt::ControlModifier && !digit && key->key() != Qt::Key_QuoteLeft));
        if (ours && !keyBytes(key->key(), key->modifiers(), key->text(), false).isEmpty()) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

bool TerminalView::focusNextPrevChild(bool) {
    return false;
} // Tab completes in the shell

void TerminalView::keyPressEvent(QKeyEvent* event) {
    const auto mods = event->modifiers();
    QScrollBar* bar = verticalScrollBar();
    if ((mods & Qt::ShiftModifier) && (event->key() == Qt::Key_PageUp || event->key() == Qt::Key_PageDown)) {
        bar->setValue(bar->value() + (event->key() == Qt::Key_PageUp ? -bar->pageStep() : bar->pageStep()));
        return;
    }
    if ((mods & Qt::ControlModifier) && (mods & Qt::ShiftModifier) && event->key() == Qt::Key_V) {
        send(QApplication::clipboard()->text().toUtf8());
        return;
    }
    const QByteArray bytes = keyBytes(event->key(), mods, event->text(), m_screen.applicationCursorKeys());
    if (bytes.isEmpty()) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    send(bytes);
}

void TerminalView::inputMethodEvent(QInputMethodEvent* event) {
    send(event->commitString().toUtf8()); // Hangul and other composed input
    event->accept();
}

QSize TerminalView::cellSize() const {
    const QFontMetrics metrics(font());
    return {std::max(metrics.horizontalAdvance(QLatin1Char('M')), 1), std::max(metrics.height(), 1)};
}

QColor TerminalView::colour(int index, bool foreground) const {
    if (index >= 0 && index < 16) return QColor::fromRgb(basicColours[index]);
    return QColor::fromRgb(foreground ? defaultForeground : defaultBackground);
}

void TerminalView::fitToView() {
    const QSize cell = cellSize();
    const int columns = std::max(viewport()->width() / cell.width(), 2);
    const int rows = std::max(viewport()->height() / cell.height(), 1);
    if (rows == m_screen.rows() && columns == m_screen.columns()) return;
    m_screen.resize(rows, columns);
    m_pty->setWindowSize(rows, columns);
    updateScrollBar(true);
}

void TerminalView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    fitToView();
}

void TerminalView::updateScrollBar(bool toBottom) {
    QScrollBar* bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    bar->setRange(0, m_screen.scrollbackSize());
    bar->setPageStep(m_screen.rows());
    if (toBottom || atBottom) bar->setValue(bar->maximum());
}

void TerminalView::scrollContentsBy(int, int) {
    viewport()->update();
}

void TerminalView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), colour(-1, false));
    p.setFont(font());
    const QSize cell = cellSize();
    const int ascent = QFontMetrics(font()).ascent();
    const int first = verticalScrollBar()->value();
    const int history = m_screen.scrollbackSize();
    for (int r = 0; r * cell.height() < viewport()->height(); ++r) {
        const int index = first + r;
        if (index >= history + m_screen.rows()) break;
        const TerminalScreen::Line& line =
            index < history ? m_screen.scrollbackLine(index) : m_screen.line(index - history);
        const int y = r * cell.height();
        // Runs of cells that look alike are drawn as one string.
        for (std::size_t c = 0; c < line.size();) {
            std::size_t end = c + 1;
            auto alike = [&](const TerminalCell& a) {
                return a.fg == line[c].fg && a.bg == line[c].bg && a.bold == line[c].bold &&
                       a.inverse == line[c].inverse;
            };
            while (end < line.size() && alike(line[end]))
                ++end;
            const TerminalCell& look = line[c];
            QColor fg = colour(look.bold && look.fg >= 0 && look.fg < 8 ? look.fg + 8 : look.fg, true);
            QColor bg = colour(look.bg, false);
            if (look.inverse) std::swap(fg, bg);
            const QRect area(static_cast<int>(c) * cell.width(), y, static_cast<int>(end - c) * cell.width(),
                             cell.height());
            if (look.bg >= 0 || look.inverse) p.fillRect(area, bg);
            QFont f = font();
            f.setBold(look.bold);
            p.setFont(f);
            p.setPen(fg);
            // Narrow text as strings; each wide character alone on its two cells, so a fallback
            // font's Hangul (rarely exactly two cells wide) cannot shift the columns after it.
            QString narrow;
            std::size_t from = c;
            const auto flush = [&](std::size_t next) {
                if (!narrow.trimmed().isEmpty())
                    p.drawText(static_cast<int>(from) * cell.width(), y + ascent, narrow);
                narrow.clear();
                from = next;
            };
            for (std::size_t i = c; i < end; ++i) {
                const char32_t ch = line[i].ch;
                if (ch == TerminalScreen::wideTail) {
                    flush(i + 1);
                } else if (TerminalScreen::isWide(ch)) {
                    flush(i + 1);
                    p.drawText(QRect(static_cast<int>(i) * cell.width(), y, 2 * cell.width(), cell.height()),
                               Qt::AlignCenter, QString::fromUcs4(&ch, 1));
                } else {
                    narrow += QString::fromUcs4(&ch, 1);
                }
            }
            flush(end);
            c = end;
        }
    }
    const int cursorLine = history + m_screen.cursorRow() - first;
    if (m_pty->isRunning() && m_screen.cursorVisible() && cursorLine >= 0 &&
        cursorLine * cell.height() < viewport()->height()) {
        const QRect box(m_screen.cursorColumn() * cell.width(), cursorLine * cell.height(), cell.width(),
                        cell.height());
        p.setPen(colour(-1, true));
        if (hasFocus()) {
            p.fillRect(box, colour(-1, true));
            p.setPen(colour(-1, false));
            const char32_t ch = m_screen.cell(m_screen.cursorRow(), m_screen.cursorColumn()).ch;
            p.setFont(font());
            p.drawText(box.left(), box.top() + ascent, QString::fromUcs4(&ch, 1));
        } else {
            p.drawRect(box.adjusted(0, 0, -1, -1));
        }
    }
}

} // namespace berth::ui
