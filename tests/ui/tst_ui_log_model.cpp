// LogModel and LogView at the sizes that freeze other log viewers: a million lines appended in
// batches (row count, the model's own byte accounting, text and regex search), a 100,000-char
// line (whole through FullTextRole and copy, elided on screen), partial lines joined across
// batches, and the Log tab built offscreen with a million lines, searched and scrolled to the end.
#include "models/log_model.h"
#include "views/log_line_delegate.h"
#include "views/log_view.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace berth::ui;

namespace {

constexpr int kLines = 1'000'000;
constexpr int kBatch = 10'000;

// Line i; every 1000th line (i % 1000 == 123) reports "ERROR 4xx", in upper case when i is odd.
QString makeLine(int i) {
    QString line = QStringLiteral("2026-11-23T11:00:00Z worker[%1] handled request %2").arg(i % 16).arg(i);
    if (i % 1000 == 123)
        line += (i % 2 ? QStringLiteral(" ERROR 4") : QStringLiteral(" error 4")) +
                QString::number(i % 100 / 10 * 10 + 4);
    return line;
}

QString batch(int first, int count) {
    QString text;
    text.reserve(count * 64);
    for (int i = first; i < first + count; ++i) {
        text += makeLine(i);
        text += QLatin1Char('\n');
    }
    return text;
}

void fill(LogModel& model) {
    for (int first = 0; first < kLines; first += kBatch)
        model.appendText(batch(first, kBatch));
}

// The row is inside the visible part of the list.
bool lastRowShown(const LogView& view, int row) {
    const QRect rect = view.list()->visualRect(view.model()->index(row));
    return rect.isValid() && view.list()->viewport()->rect().contains(rect.center());
}

} // namespace

class TstUiLogModel : public QObject {
    Q_OBJECT

private slots:
    void linesAcrossBatches() {
        LogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendText(u"first\r\nsec");
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.line(0), QStringLiteral("first"));
        QCOMPARE(model.line(1), QStringLiteral("sec"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.appendText(u"ond\nthird\n");
        QCOMPARE(changed.size(), 1); // the open line grew in place
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.line(1), QStringLiteral("second"));
        QCOMPARE(model.plainText(), QStringLiteral("first\nsecond\nthird"));
        model.appendText(u"\n");
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.line(3), QString());
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.byteSize(), qint64(0));
    }

    void millionLines() {
        LogModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        fill(model);
        QCOMPARE(model.rowCount(), kLines);
        QCOMPARE(inserted.size(), kLines / kBatch); // one insertion per batch
        QCOMPARE(model.line(0), makeLine(0));
        QCOMPARE(model.line(543'210), makeLine(543'210));
        QCOMPARE(model.index(kLines - 1).data().toString(), makeLine(kLines - 1));
        // Memory: the model's own accounting stays under twice the UTF-16 text.
        QVERIFY(model.textBytes() > qint64(kLines) * 2 * 40);
        QVERIFY2(model.byteSize() < 2 * model.textBytes(),
                 qPrintable(QStringLiteral("%1 bytes for %2 bytes of text")
                                .arg(model.byteSize())
                                .arg(model.textBytes())));

        const LogSnapshot snapshot = model.snapshot();
        // Plain text, case-insensitive by default: every line i % 1000 == 123.
        const QList<int> any = LogModel::findRows(snapshot, {QStringLiteral("error"), false, false});
        QCOMPARE(any.size(), kLines / 1000);
        QCOMPARE(any.front(), 123);
        QCOMPARE(any.back(), kLines - 1000 + 123);
        // Case-sensitive: the ERROR lines are the odd ones, and 1000k + 123 is always odd.
        const QList<int> upper = LogModel::findRows(snapshot, {QStringLiteral("ERROR"), false, true});
        for (int row : upper)
            QVERIFY(row % 2 == 1);
        QCOMPARE(upper.size(), kLines / 1000);
        // Regex: the digit in "ERROR 4x4" is i % 100 / 10, which is 2 for every i % 1000 == 123.
        const QList<int> regex =
            LogModel::findRows(snapshot, {QStringLiteral("error\\s+42\\d$"), true, false});
        QCOMPARE(regex.size(), kLines / 1000);
        const QList<int> none = LogModel::findRows(snapshot, {QStringLiteral("error\\s+43\\d"), true, false});
        QVERIFY(none.isEmpty());
        const QList<int> requests =
            LogModel::findRows(snapshot, {QStringLiteral("request 99999\\d$"), true, true});
        QCOMPARE(requests, (QList<int>{999'990, 999'991, 999'992, 999'993, 999'994, 999'995, 999'996, 999'997,
                                       999'998, 999'999}));
        // From a row on, and an invalid pattern finds nothing.
        QCOMPARE(LogModel::findRows(snapshot, {QStringLiteral("error"), false, false}, 999'000).size(), 1);
        QVERIFY(!LogModel::isValid({QStringLiteral("(unclosed"), true, false}));
        QVERIFY(LogModel::findRows(snapshot, {QStringLiteral("(unclosed"), true, false}).isEmpty());
    }

    void snapshotIsFrozen() {
        LogModel model;
        model.appendText(u"one\ntwo");
        const LogSnapshot before = model.snapshot();
        model.appendText(u" more\nthree\n");
        QCOMPARE(before.rowCount, 2);
        QCOMPARE(before.chunks.front()->line(1).toString(), QStringLiteral("two"));
        QCOMPARE(model.line(1), QStringLiteral("two more"));
    }

    void longLine() {
        LogModel model;
        QString huge;
        for (int i = 0; i < 100'000; ++i)
            huge += QChar(u'a' + i % 26);
        model.appendText(u"short\n");
        model.appendText(huge + QLatin1Char('\n'));
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex index = model.index(1);
        QCOMPARE(index.data(LogModel::FullTextRole).toString(), huge);
        QCOMPARE(index.data(LogModel::LengthRole).toInt(), 100'000);
        const QString shown = index.data().toString();
        QCOMPARE(shown.size(), LogModel::displayLimit() + 1);
        QVERIFY(shown.endsWith(QChar(0x2026)));
        QVERIFY(huge.startsWith(shown.chopped(1)));
        QVERIFY(!index.data(Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(model.index(0).data(Qt::ToolTipRole).isNull());
        // Matches inside the line, as the delegate highlights them.
        const auto hits = LogModel::matchesIn(shown, {QStringLiteral("xyz"), false, true});
        QCOMPARE(hits.size(), LogModel::displayLimit() / 26);
        QCOMPARE(hits.front(), qMakePair(23, 3));

        LogView view;
        view.model()->appendText(huge + QLatin1Char('\n'));
        view.list()->selectionModel()->select(view.model()->index(0), QItemSelectionModel::Select);
        QCOMPARE(view.selectedText(), huge); // copy takes the whole line
        view.resize(600, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.grab().isNull()); // paints the long line without trouble
    }

    // Following a container that writes forever: past the cap the oldest lines go, in whole
    // chunks; the view says so, keeps the end in view, and its matches move up with their rows.
    void capDropsOldestLines() {
        LogView view;
        view.model()->setLimits(20'000, LogModel::kDefaultMaxTextBytes);
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(700, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.droppedNote()->isHidden());
        QSignalSpy done(&view, &LogView::searchFinished);
        view.searchEdit()->setText(QStringLiteral("ERROR"));
        view.caseBox()->setChecked(true);
        QVERIFY(done.wait(5000));
        view.setFollowing(true);
        constexpr int kWritten = 100'000;
        for (int first = 0; first < kWritten; first += 1000) {
            view.appendText(batch(first, 1000));
            QCoreApplication::processEvents();
        }
        LogModel* model = view.model();
        QVERIFY(model->rowCount() <= 20'000);
        QVERIFY(model->rowCount() > 20'000 - LogModel::chunkLines());
        QCOMPARE(model->droppedLines(), qint64(kWritten - model->rowCount()));
        const int dropped = static_cast<int>(model->droppedLines());
        QCOMPARE(model->line(0), makeLine(dropped)); // the oldest kept line
        QCOMPARE(model->line(model->rowCount() - 1), makeLine(kWritten - 1));
        QVERIFY(!view.droppedNote()->isHidden());
        QVERIFY(view.droppedNote()->text().contains(QStringLiteral("berth logs")));
        QVERIFY(view.droppedNote()->text().contains(QLocale().toString(dropped)));
        QVERIFY(view.isFollowing());
        QScrollBar* bar = view.list()->verticalScrollBar();
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(lastRowShown(view, model->rowCount() - 1));
        // The matches are the odd i % 1000 == 123 lines still kept, at their new rows.
        QVERIFY(!view.matches().isEmpty());
        for (int row : view.matches())
            QVERIFY2(model->line(row).contains(QStringLiteral("ERROR")), qPrintable(model->line(row)));
        int expected = 0;
        for (int i = dropped; i < kWritten; ++i)
            expected += i % 1000 == 123 && i % 2 ? 1 : 0;
        QCOMPARE(view.matches().size(), expected);

        // A byte budget caps long lines the same way.
        view.clear();
        QVERIFY(view.droppedNote()->isHidden());
        model->setLimits(LogModel::kDefaultMaxLines, 4 << 20);
        const QString line = QString(500, QLatin1Char('x')) + QLatin1Char('\n');
        QString text;
        for (int i = 0; i < 1000; ++i)
            text += line;
        for (int i = 0; i < 20; ++i)
            model->appendText(text); // 20,000 lines of 1 KB
        QVERIFY(model->textBytes() <= qint64(4 << 20));
        QVERIFY(model->droppedLines() > 0);
        QVERIFY(!view.droppedNote()->isHidden());
    }

    void viewWithMillionLines() {
        LogView view;
        view.model()->setLimits(2 * kLines, LogModel::kDefaultMaxTextBytes * 2); // a million and one lines, all kept
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.list()->uniformItemSizes());
        for (int first = 0; first < kLines; first += kBatch) {
            view.appendText(batch(first, kBatch));
            if (first % (kBatch * 20) == 0) QCoreApplication::processEvents();
        }
        QCoreApplication::processEvents();
        QCOMPARE(view.model()->rowCount(), kLines);
        // Follow kept the end in view.
        QVERIFY(view.isFollowing());
        QScrollBar* bar = view.list()->verticalScrollBar();
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(lastRowShown(view, kLines - 1));

        // Search on a pool thread; the count reads "n of 1,000".
        QSignalSpy done(&view, &LogView::searchFinished);
        view.regexBox()->setChecked(true);
        view.searchEdit()->setText(QStringLiteral("ERROR 4\\d4"));
        QVERIFY(done.wait(20000));
        QCOMPARE(view.matches().size(), kLines / 1000);
        QVERIFY(view.currentMatch() >= 0);
        QVERIFY(!view.isFollowing()); // jumping to a match stops following
        const int at = view.currentMatch();
        view.findNext();
        QCOMPARE(view.currentMatch(), (at + 1) % int(view.matches().size()));
        QCOMPARE(view.list()->currentIndex().row(), view.matches()[view.currentMatch()]);
        QVERIFY(view.countLabel()->text().contains(QLocale().toString(1000)));
        view.findPrevious();
        QCOMPARE(view.currentMatch(), at);
        const QPixmap shot = view.grab(); // highlighted rows paint
        QVERIFY(!shot.isNull());
        if (const QString dir = qEnvironmentVariable("BERTH_UI_SCREENSHOT_DIR"); !dir.isEmpty())
            shot.save(dir + QStringLiteral("/log-search.png"));

        // New lines are searched as they come.
        view.appendText(QStringLiteral("late line ERROR 404\n"));
        QCOMPARE(view.matches().size(), kLines / 1000 + 1);
        QCOMPARE(view.matches().back(), kLines);

        // An invalid pattern says so and finds nothing.
        view.searchEdit()->setText(QStringLiteral("(ERROR"));
        QVERIFY(done.wait(5000));
        QVERIFY(view.matches().isEmpty());
        QVERIFY(!view.countLabel()->text().isEmpty());

        // Back to the end: following again, and the view scrolls there.
        view.followButton()->setChecked(true);
        view.list()->scrollToBottom();
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(lastRowShown(view, kLines));
        QVERIFY(!view.grab().isNull());
        view.clear();
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(view.matches().isEmpty());
    }
};

QTEST_MAIN(TstUiLogModel)
#include "tst_ui_log_model.moc"
