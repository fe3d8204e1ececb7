// SampleHistory: a fixed ring of samples, oldest first, for the charts.
#include "metrics/sample_history.h"

#include <QtTest>

using namespace berth::metrics;

namespace {

Sample at(std::int64_t t) { return Sample{t, double(t) / 10.0, std::uint64_t(t) * 1024, 1u << 30}; }

std::vector<std::int64_t> times(const std::vector<Sample>& samples) {
    std::vector<std::int64_t> out;
    for (const auto& s : samples) out.push_back(s.timeMs);
    return out;
}

} // namespace

class TestMetricsHistory : public QObject {
    Q_OBJECT
private slots:
    void defaultHoldsTenMinutes();
    void wraparound_data();
    void wraparound();
    void keepsValues();
    void refusesOlderSample();
    void equalTimesAreAccepted();
    void clearEmpties();
    void samplesSince();
    void zeroCapacityHoldsOne();
};

void TestMetricsHistory::defaultHoldsTenMinutes() {
    SampleHistory h;
    QVERIFY(h.capacity() >= 600);
    for (int i = 0; i < 700; ++i) QVERIFY(h.append(at(i * 1000)));
    QCOMPARE(h.size(), h.capacity());
    QCOMPARE(h.samples().front().timeMs, std::int64_t(700 - 600) * 1000);
    QCOMPARE(h.latest()->timeMs, std::int64_t(699) * 1000);
}

void TestMetricsHistory::wraparound_data() {
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("appended");
    QTest::newRow("empty") << 4 << 0;
    QTest::newRow("partly full") << 4 << 3;
    QTest::newRow("exactly full") << 4 << 4;
    QTest::newRow("one over") << 4 << 5;
    QTest::newRow("twice around") << 4 << 9;
    QTest::newRow("capacity one") << 1 << 5;
    QTest::newRow("many laps") << 7 << 1000;
}

void TestMetricsHistory::wraparound() {
    QFETCH(int, capacity);
    QFETCH(int, appended);
    SampleHistory h(capacity);
    for (int i = 0; i < appended; ++i) h.append(at(i));
    std::vector<std::int64_t> expected;
    for (int i = std::max(0, appended - capacity); i < appended; ++i) expected.push_back(i);
    QCOMPARE(times(h.samples()), expected);
    QCOMPARE(h.size(), expected.size());
    QCOMPARE(h.isEmpty(), expected.empty());
    if (!expected.empty()) QCOMPARE(h.latest()->timeMs, expected.back());
}

void TestMetricsHistory::keepsValues() {
    SampleHistory h(3);
    for (int i = 1; i <= 5; ++i) h.append(at(i));
    auto s = h.samples();
    QCOMPARE(s.size(), std::size_t(3));
    QCOMPARE(s[0], at(3));
    QCOMPARE(s[2], at(5));
}

void TestMetricsHistory::refusesOlderSample() {
    SampleHistory h(4);
    h.append(at(10));
    h.append(at(20));
    QVERIFY(!h.append(at(15)));
    QCOMPARE(times(h.samples()), (std::vector<std::int64_t>{10, 20}));
}

void TestMetricsHistory::equalTimesAreAccepted() {
    SampleHistory h(4);
    QVERIFY(h.append(at(10)));
    QVERIFY(h.append(at(10)));
    QCOMPARE(h.size(), std::size_t(2));
}

void TestMetricsHistory::clearEmpties() {
    SampleHistory h(3);
    for (int i = 0; i < 5; ++i) h.append(at(i));
    h.clear();
    QVERIFY(h.isEmpty());
    QVERIFY(h.samples().empty());
    QVERIFY(!h.latest());
    QCOMPARE(h.capacity(), std::size_t(3));
    QVERIFY(h.append(at(1))); // older than before the clear: a fresh history accepts it
    QCOMPARE(times(h.samples()), (std::vector<std::int64_t>{1}));
}

void TestMetricsHistory::samplesSince() {
    SampleHistory h(5);
    for (int i = 0; i < 8; ++i) h.append(at(i * 10)); // keeps 30..70
    QCOMPARE(times(h.samplesSince(45)), (std::vector<std::int64_t>{50, 60, 70}));
    QCOMPARE(times(h.samplesSince(0)), (std::vector<std::int64_t>{30, 40, 50, 60, 70}));
    QVERIFY(h.samplesSince(71).empty());
}

void TestMetricsHistory::zeroCapacityHoldsOne() {
    SampleHistory h(0);
    QCOMPARE(h.capacity(), std::size_t(1));
    h.append(at(1));
    h.append(at(2));
    QCOMPARE(times(h.samples()), (std::vector<std::int64_t>{2}));
}

QTEST_APPLESS_MAIN(TestMetricsHistory)
#include "tst_metrics_history.moc"
