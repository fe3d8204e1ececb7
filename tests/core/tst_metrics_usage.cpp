// Docker's CPU % and memory % from cumulative counters, and the /proc/stat and /proc/meminfo parsers.
#include "metrics/usage_calculator.h"

#include <QtTest>

using namespace berth;
using namespace berth::metrics;

namespace {

// The shape of this machine's /proc/stat (2 vCPUs), trimmed.
const char* kProcStat2Cpu =
    "cpu  101612 50 27952 9000000 300 0 86 7 0 0\n"
    "cpu0 50000 25 14000 4500000 150 0 43 3 0 0\n"
    "cpu1 51612 25 13952 4500000 150 0 43 4 0 0\n"
    "intr 123456 0 9 0 0\n"
    "ctxt 987654\n"
    "btime 1700000000\n"
    "processes 4242\n"
    "procs_running 1\n";

} // namespace

class TestMetricsUsage : public QObject {
    Q_OBJECT
private slots:
    void cpuPercent_data();
    void cpuPercent();
    void calculatorFirstSampleHasNoValue();
    void calculatorResetForgets();
    void memoryPercent_data();
    void memoryPercent();
    void procStat_data();
    void procStat();
    void memTotal();
};

void TestMetricsUsage::cpuPercent_data() {
    QTest::addColumn<quint64>("prevCpu");
    QTest::addColumn<quint64>("prevSys");
    QTest::addColumn<quint64>("curCpu");
    QTest::addColumn<quint64>("curSys");
    QTest::addColumn<uint>("cpus");
    QTest::addColumn<double>("expected");
    // system delta is the whole machine: 2 CPUs × 1 s = 2e9 ns per second of wall time.
    QTest::newRow("one cpu busy on two") << 0ull << 0ull << 1000000000ull << 2000000000ull << 2u << 100.0;
    QTest::newRow("half a cpu") << 1000ull << 5000ull << 500001000ull << 2000005000ull << 2u << 50.0;
    QTest::newRow("idle") << 42ull << 1000ull << 42ull << 2000001000ull << 2u << 0.0;
    QTest::newRow("zero system delta") << 0ull << 7000ull << 5000ull << 7000ull << 2u << 0.0;
    QTest::newRow("container counter backwards") << 9000000000ull << 0ull << 100ull << 2000000000ull << 2u << 0.0;
    QTest::newRow("system counter backwards") << 0ull << 9000000000ull << 1000ull << 100ull << 2u << 0.0;
    QTest::newRow("overshoot is capped") << 0ull << 0ull << 5000000000ull << 2000000000ull << 2u << 200.0;
    QTest::newRow("unknown cpu count counts one") << 0ull << 0ull << 500000000ull << 1000000000ull << 0u << 50.0;
    QTest::newRow("eight cpus") << 0ull << 0ull << 2000000000ull << 8000000000ull << 8u << 200.0;
}

void TestMetricsUsage::cpuPercent() {
    QFETCH(quint64, prevCpu);
    QFETCH(quint64, prevSys);
    QFETCH(quint64, curCpu);
    QFETCH(quint64, curSys);
    QFETCH(uint, cpus);
    QFETCH(double, expected);
    double got = metrics::cpuPercent({prevCpu, prevSys, cpus}, {curCpu, curSys, cpus});
    QVERIFY2(qAbs(got - expected) < 1e-9, qPrintable(QString::number(got)));
}

void TestMetricsUsage::calculatorFirstSampleHasNoValue() {
    UsageCalculator calc;
    QVERIFY(!calc.addCpu({100, 1000, 2}).has_value());
    auto second = calc.addCpu({100 + 500, 1000 + 1000, 2});
    QVERIFY(second.has_value());
    QCOMPARE(*second, 100.0);
    auto third = calc.addCpu({600, 3000, 2}); // idle since the second
    QVERIFY(third.has_value());
    QCOMPARE(*third, 0.0);
}

void TestMetricsUsage::calculatorResetForgets() {
    UsageCalculator calc;
    calc.addCpu({100, 1000, 2});
    calc.reset();
    QVERIFY(!calc.addCpu({200, 2000, 2}).has_value());
}

void TestMetricsUsage::memoryPercent_data() {
    QTest::addColumn<quint64>("usage");
    QTest::addColumn<quint64>("limit");
    QTest::addColumn<quint64>("host");
    QTest::addColumn<double>("expected");
    QTest::newRow("quarter of limit") << 16ull << 64ull << 1024ull << 25.0;
    QTest::newRow("unlimited uses host") << 256ull << 0ull << 1024ull << 25.0;
    QTest::newRow("limit above host uses host") << 512ull << 4096ull << 1024ull << 50.0;
    QTest::newRow("nothing known") << 512ull << 0ull << 0ull << 0.0;
    QTest::newRow("host unknown keeps limit") << 32ull << 64ull << 0ull << 50.0;
    QTest::newRow("at the limit") << 64ull << 64ull << 1024ull << 100.0;
}

void TestMetricsUsage::memoryPercent() {
    QFETCH(quint64, usage);
    QFETCH(quint64, limit);
    QFETCH(quint64, host);
    QFETCH(double, expected);
    QCOMPARE(metrics::memoryPercent(usage, limit, host), expected);
}

void TestMetricsUsage::procStat_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<long>("hz");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<quint64>("nanos");
    QTest::addColumn<uint>("cpus");
    // user+nice+system+idle+iowait+irq+softirq; steal and guest are not counted (Docker's sum).
    const quint64 ticks = 101612 + 50 + 27952 + 9000000 + 300 + 0 + 86;
    QTest::newRow("two cpus") << QByteArray(kProcStat2Cpu) << 100L << true << ticks * 10000000ull << 2u;
    QTest::newRow("hz 250") << QByteArray("cpu 250 0 0 0 0 0 0 0\ncpu0 250 0 0 0 0 0 0 0\n") << 250L << true
                            << 1000000000ull << 1u;
    QTest::newRow("old kernel without steal/guest")
        << QByteArray("cpu 1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\ncpu1 0 0 0 0 0 0 0\ncpu2 0 0 0 0 0 0 0\n") << 100L << true
        << 28ull * 10000000ull << 3u;
    QTest::newRow("no cpu line") << QByteArray("intr 1 2 3\nctxt 5\n") << 100L << false << 0ull << 0u;
    QTest::newRow("short cpu line") << QByteArray("cpu 1 2 3\n") << 100L << false << 0ull << 0u;
    QTest::newRow("garbage field") << QByteArray("cpu 1 2 x 4 5 6 7 8\n") << 100L << false << 0ull << 0u;
    QTest::newRow("empty") << QByteArray() << 100L << false << 0ull << 0u;
    QTest::newRow("cpufreq-like names do not count") << QByteArray("cpu 0 0 0 100 0 0 0\ncpux 1\ncpu0 0 0 0 100 0 0 0\n")
                                                     << 100L << true << 1000000000ull << 1u;
}

void TestMetricsUsage::procStat() {
    QFETCH(QByteArray, text);
    QFETCH(long, hz);
    QFETCH(bool, ok);
    auto r = parseProcStat(text.toStdString(), hz);
    QCOMPARE(r.has_value(), ok);
    if (!ok) {
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
        return;
    }
    QFETCH(quint64, nanos);
    QFETCH(uint, cpus);
    QCOMPARE(quint64(r->totalNanos), nanos);
    QCOMPARE(r->onlineCpus, cpus);
}

void TestMetricsUsage::memTotal() {
    auto r = parseMemTotal("MemTotal:       24684100 kB\nMemFree:        1000 kB\n");
    QVERIFY(r);
    QCOMPARE(*r, std::uint64_t(24684100) * 1024);
    QVERIFY(!parseMemTotal("MemFree: 1 kB\n"));
}

QTEST_APPLESS_MAIN(TestMetricsUsage)
#include "tst_metrics_usage.moc"
