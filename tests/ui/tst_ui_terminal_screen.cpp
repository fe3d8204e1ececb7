// TerminalScreen, the embedded terminal's pure screen model: bytes in, cells out. One _data row per
// control or sequence (text, CR/LF, BS, tabs, cursor moves, erase in line and display, insert and
// delete, wrapping, UTF-8), then the scrollback limit, resizing, colours and the replies to the
// cursor position query busybox's line editor sends.
#include "views/terminal_screen.h"

#include <QTest>

using berth::ui::TerminalScreen;

class TstUiTerminalScreen : public QObject {
    Q_OBJECT

    static QString screenText(const TerminalScreen& s) {
        QStringList lines;
        for (int r = 0; r < s.rows(); ++r)
            lines << s.lineText(r);
        while (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        return lines.join(QLatin1Char('|'));
    }

private slots:
    // A 4 × 10 screen: the rows joined with '|', trailing blank rows dropped, and the cursor.
    void feed_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("screen");
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::newRow("text") << QByteArray("hello") << "hello" << 0 << 5;
        QTest::newRow("CR overwrites") << QByteArray("hello\rJ") << "Jello" << 0 << 1;
        QTest::newRow("LF keeps the column") << QByteArray("ab\ncd") << "ab|  cd" << 1 << 4;
        QTest::newRow("CR LF") << QByteArray("ab\r\ncd") << "ab|cd" << 1 << 2;
        QTest::newRow("BS moves back") << QByteArray("abc\b\bX") << "aXc" << 0 << 2;
        QTest::newRow("BS stops at 0") << QByteArray("\b\ba") << "a" << 0 << 1;
        QTest::newRow("BS space BS erases") << QByteArray("abc\b \b") << "ab" << 0 << 2;
        QTest::newRow("tab") << QByteArray("a\tb") << "a       b" << 0 << 9;
        QTest::newRow("tab stops at the edge") << QByteArray("a\t\t\tb") << "a        b" << 0 << 9;
        QTest::newRow("wraps at the edge") << QByteArray("0123456789ab") << "0123456789|ab" << 1 << 2;
        QTest::newRow("last column waits") << QByteArray("0123456789") << "0123456789" << 0 << 9;
        QTest::newRow("CR after a full line") << QByteArray("0123456789\rX") << "X123456789" << 0 << 1;
        QTest::newRow("cursor up") << QByteArray("a\r\nb\x1b[Ac") << "ac|b" << 0 << 2;
        QTest::newRow("cursor down") << QByteArray("a\x1b[2Bb") << "a|| b" << 2 << 2;
        QTest::newRow("cursor forward") << QByteArray("a\x1b[3Cb") << "a   b" << 0 << 5;
        QTest::newRow("cursor back") << QByteArray("abcd\x1b[2DX") << "abXd" << 0 << 3;
        QTest::newRow("cursor back default 1") << QByteArray("abcd\x1b[DX") << "abcX" << 0 << 4;
        QTest::newRow("moves clamp") << QByteArray("\x1b[99A\x1b[99Dx\x1b[99C\x1b[99By") << "x|||         y"
                                     << 3 << 9;
        QTest::newRow("position") << QByteArray("\x1b[3;4Hx") << "||   x" << 2 << 4;
        QTest::newRow("home") << QByteArray("abc\r\nd\x1b[Hx") << "xbc|d" << 0 << 1;
        QTest::newRow("column") << QByteArray("abcdef\x1b[2GX") << "aXcdef" << 0 << 2;
        QTest::newRow("row") << QByteArray("ab\x1b[3dX") << "ab||  X" << 2 << 3;
        QTest::newRow("erase to end of line") << QByteArray("abcdef\x1b[3D\x1b[K") << "abc" << 0 << 3;
        QTest::newRow("erase to start of line") << QByteArray("abcdef\x1b[3D\x1b[1K") << "    ef" << 0 << 3;
        QTest::newRow("erase line") << QByteArray("abc\x1b[2Kd") << "   d" << 0 << 4;
        QTest::newRow("erase below") << QByteArray("aaa\r\nbbb\r\nccc\x1b[2;2H\x1b[J") << "aaa|b" << 1 << 1;
        QTest::newRow("erase above") << QByteArray("aaa\r\nbbb\r\nccc\x1b[2;2H\x1b[1J") << "|  b|ccc" << 1
                                     << 1;
        QTest::newRow("erase display") << QByteArray("aaa\r\nbbb\x1b[2J") << "" << 1 << 3;
        QTest::newRow("erase characters") << QByteArray("abcdef\x1b[5G\x1b[2X") << "abcd" << 0 << 4;
        QTest::newRow("delete characters") << QByteArray("abcdef\x1b[2G\x1b[2P") << "adef" << 0 << 1;
        QTest::newRow("insert blanks") << QByteArray("abcdef\x1b[2G\x1b[2@") << "a  bcdef" << 0 << 1;
        QTest::newRow("insert line") << QByteArray("aaa\r\nbbb\x1b[1;1H\x1b[L") << "|aaa|bbb" << 0 << 0;
        QTest::newRow("delete line") << QByteArray("aaa\r\nbbb\r\nccc\x1b[1;1H\x1b[M") << "bbb|ccc" << 0 << 0;
        QTest::newRow("save and restore") << QByteArray("ab\x1b"
                                                        "7\x1b[3;1Hx\x1b"
                                                        "8y")
                                          << "aby||x" << 0 << 3;
        QTest::newRow("reverse index at top") << QByteArray("aaa\x1b[H\x1bMb") << "b|aaa" << 0 << 1;
        QTest::newRow("colours are not text") << QByteArray("\x1b[1;31mred\x1b[0m ok") << "red ok" << 0 << 6;
        QTest::newRow("title is not text") << QByteArray("\x1b]0;title\x07$ ") << "$" << 0 << 2;
        QTest::newRow("charset is not text") << QByteArray("\x1b(Bab") << "ab" << 0 << 2;
        QTest::newRow("private modes") << QByteArray("\x1b[?2004hab\x1b[?2004l") << "ab" << 0 << 2;
        QTest::newRow("UTF-8") << QByteArray("\xec\x85\xb8 \xc3\xa9")
                               << QString::fromUtf8("\xec\x85\xb8 \xc3\xa9") << 0 << 4;
        QTest::newRow("bad UTF-8") << QByteArray("a\x80"
                                                 "b")
                                   << QString::fromUtf8("a\xef\xbf\xbd"
                                                        "b")
                                   << 0 << 3;
        QTest::newRow("bell") << QByteArray("a\x07"
                                            "b")
                              << "ab" << 0 << 2;
        QTest::newRow("sequence split in two") << QByteArray("ab\x1b[") << "ab" << 0 << 2;
    }
    void feed() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, screen);
        QFETCH(int, row);
        QFETCH(int, column);
        TerminalScreen s(4, 10);
        s.feed(bytes);
        QCOMPARE(screenText(s), screen);
        QCOMPARE(s.cursorRow(), row);
        QCOMPARE(s.cursorColumn(), column);
    }

    void bytesMayArriveOneByOne() {
        const QByteArray bytes("\x1b[1;32m\xec\x85\xb8\x1b[0m x\x1b[2D\x1b[K!");
        TerminalScreen whole(2, 10), piecewise(2, 10);
        whole.feed(bytes);
        for (char c : bytes)
            piecewise.feed(QByteArray(1, c));
        QCOMPARE(screenText(piecewise), screenText(whole));
        QCOMPARE(screenText(whole), QString::fromUtf8("\xec\x85\xb8!"));
    }

    void scrollbackKeepsTheLinesAboveUpToItsLimit() {
        TerminalScreen s(3, 10, 5);
        for (int i = 0; i < 20; ++i)
            s.feed("line" + QByteArray::number(i) + "\r\n");
        QCOMPARE(s.scrollbackSize(), 5);
        QCOMPARE(s.scrollbackText(0), QStringLiteral("line13"));
        QCOMPARE(s.scrollbackText(4), QStringLiteral("line17"));
        QCOMPARE(s.lineText(0), QStringLiteral("line18"));
        QCOMPARE(s.lineText(1), QStringLiteral("line19"));
        QCOMPARE(s.lineText(2), QString());
        QVERIFY(s.text().startsWith(QStringLiteral("line13\nline14")));
        QVERIFY(s.text().endsWith(QStringLiteral("line19")));
        s.feed("\x1b[3J");
        QCOMPARE(s.scrollbackSize(), 0);
    }

    void wrappedTextScrolls() {
        TerminalScreen s(2, 4, 10);
        s.feed("abcdefghij");
        QCOMPARE(s.scrollbackSize(), 1);
        QCOMPARE(s.scrollbackText(0), QStringLiteral("abcd"));
        QCOMPARE(s.lineText(0), QStringLiteral("efgh"));
        QCOMPARE(s.lineText(1), QStringLiteral("ij"));
    }

    void scrollRegionKeepsTheRest() {
        TerminalScreen s(4, 10);
        s.feed("top\x1b[2;3r\x1b[2;1Ha\r\nb\r\nc");
        QCOMPARE(screenText(s), QStringLiteral("top|b|c"));
        QCOMPARE(s.scrollbackSize(), 0); // the region's lines are not history
    }

    void resizeKeepsTheCursorLine() {
        TerminalScreen s(4, 10);
        s.feed("a\r\nb\r\nc\r\nd");
        s.resize(2, 5);
        QCOMPARE(s.rows(), 2);
        QCOMPARE(s.columns(), 5);
        QCOMPARE(screenText(s), QStringLiteral("c|d"));
        QCOMPARE(s.scrollbackSize(), 2);
        QCOMPARE(s.cursorRow(), 1);
        s.resize(3, 3);
        QCOMPARE(s.line(0).size(), std::size_t(3));
        QCOMPARE(s.cursorRow(), 1);
        s.feed("\x1b[3;3Hz");
        QCOMPARE(s.lineText(2), QStringLiteral("  z"));
    }

    void colours() {
        TerminalScreen s(2, 10);
        s.feed("\x1b[1;31mR\x1b[42mG\x1b[7mI\x1b[mN\x1b[94mB\x1b[38;5;200mX");
        QCOMPARE(s.cell(0, 0).fg, qint8(1));
        QVERIFY(s.cell(0, 0).bold);
        QCOMPARE(s.cell(0, 1).bg, qint8(2));
        QVERIFY(s.cell(0, 2).inverse);
        QCOMPARE(s.cell(0, 3), (berth::ui::TerminalCell{U'N'}));
        QCOMPARE(s.cell(0, 4).fg, qint8(12));
        QCOMPARE(s.cell(0, 5).ch, U'X'); // 256 colours: the arguments are skipped, not printed
        QCOMPARE(s.lineText(0), QStringLiteral("RGINBX"));
    }

    void wideCharactersTakeTwoCells() {
        const QString han = QString::fromUtf8("\xea\xb0\x80"); // 가
        TerminalScreen s(2, 5);
        s.feed(han.toUtf8() + "a");
        QCOMPARE(s.cell(0, 0).ch, U'\uAC00');
        QCOMPARE(s.cell(0, 1).ch, TerminalScreen::wideTail);
        QCOMPARE(s.cell(0, 2).ch, U'a');
        QCOMPARE(s.cursorColumn(), 3);
        QCOMPARE(s.lineText(0), han + QLatin1Char('a'));
        s.feed("\rx"); // overwriting the first half blanks the second
        QCOMPARE(s.lineText(0), QStringLiteral("x a"));
        // At column 3 of 5 the second one does not fit in the last cell: it goes to the next line.
        s.feed("\x1b[3G" + han.toUtf8() + han.toUtf8());
        QCOMPARE(s.lineText(0), QStringLiteral("x ") + han);
        QCOMPARE(s.lineText(1), han);
        QCOMPARE(s.cursorRow(), 1);
        QCOMPARE(s.cursorColumn(), 2);
        QVERIFY(!TerminalScreen::isWide(U'a'));
        QVERIFY(!TerminalScreen::isWide(U'\u00e9'));
        QVERIFY(TerminalScreen::isWide(U'\u4e2d')); // 中
    }

    void answersStatusQueries() {
        TerminalScreen s(5, 20);
        s.feed("ab\r\ncde\x1b[6n");
        QCOMPARE(s.takeReplies(), QByteArray("\x1b[2;4R"));
        QCOMPARE(s.takeReplies(), QByteArray());
        s.feed("\x1b[5n\x1b[c");
        QCOMPARE(s.takeReplies(), QByteArray("\x1b[0n\x1b[?1;2c"));
        QCOMPARE(s.lineText(1), QStringLiteral("cde"));
    }

    void modes() {
        TerminalScreen s(2, 10);
        QVERIFY(s.cursorVisible());
        s.feed("\x1b[?25l\x1b[?1h");
        QVERIFY(!s.cursorVisible());
        QVERIFY(s.applicationCursorKeys());
        s.feed("\x1b[?25h\x1b[?1l");
        QVERIFY(s.cursorVisible());
        QVERIFY(!s.applicationCursorKeys());
    }
};

QTEST_MAIN(TstUiTerminalScreen)
#include "tst_ui_terminal_screen.moc"
