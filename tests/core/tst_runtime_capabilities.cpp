// Capability names and Docker's --cap-add/--cap-drop arithmetic (moby oci/caps TweakCapabilities,
// engine-reference §2.4). Applying them to a process is tested in
// tests/integration/tst_runtime_security.cpp.
#include "runtime/security/capabilities.h"

#include <QtTest>

using namespace berth;

namespace {

QStringList toQt(const std::vector<std::string>& v) {
    QStringList out;
    for (const std::string& s : v)
        out << QString::fromStdString(s);
    return out;
}

std::vector<std::string> toStd(const QStringList& l) {
    std::vector<std::string> out;
    for (const QString& s : l)
        out.push_back(s.toStdString());
    return out;
}

const QStringList kDefaults{
    "CAP_CHOWN",      "CAP_DAC_OVERRIDE", "CAP_FOWNER",      "CAP_FSETID",           "CAP_KILL",
    "CAP_SETGID",     "CAP_SETUID",       "CAP_SETPCAP",     "CAP_NET_BIND_SERVICE", "CAP_NET_RAW",
    "CAP_SYS_CHROOT", "CAP_MKNOD",        "CAP_AUDIT_WRITE", "CAP_SETFCAP"};

QStringList without(QStringList l, const QString& name) {
    l.removeAll(name);
    return l;
}

} // namespace

class TestCapabilities : public QObject {
    Q_OBJECT

private slots:
    void defaults() {
        QCOMPARE(toQt(runtime::defaultCapabilities()), kDefaults);
        // The CapEff line Docker's defaults give (engine-reference §2.4).
        auto mask = runtime::capabilityMask(runtime::defaultCapabilities());
        QVERIFY(mask);
        QCOMPARE(*mask, std::uint64_t{0xa80425fb});
    }

    void names() {
        auto all = runtime::capabilityNames();
        QVERIFY(runtime::lastCapability() >= 37); // every kernel Berth supports (5.6+) has CAP_AUDIT_READ
        QCOMPARE(int(all.size()), std::min(runtime::lastCapability(), 40) + 1);
        QCOMPARE(QString::fromStdString(all.front()), QStringLiteral("CAP_CHOWN"));
        QCOMPARE(QString::fromStdString(runtime::capabilityName(21)), QStringLiteral("CAP_SYS_ADMIN"));
        QCOMPARE(QString::fromStdString(runtime::capabilityName(63)), QStringLiteral("CAP_63"));
    }

    void parseName_data() {
        const QString none; // an empty expectation
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("bit"); // -1: must fail
        QTest::newRow("full name") << "CAP_CHOWN" << 0;
        QTest::newRow("without prefix") << "NET_ADMIN" << 12;
        QTest::newRow("lowercase") << "sys_admin" << 21;
        QTest::newRow("mixed case with prefix") << "Cap_Setfcap" << 31;
        QTest::newRow("unknown") << "CAP_FLY" << -1;
        QTest::newRow("empty") << none << -1;
        QTest::newRow("prefix only") << "CAP_" << -1;
        QTest::newRow("ALL is not one capability") << "ALL" << -1;
    }

    void parseName() {
        QFETCH(QString, name);
        QFETCH(int, bit);
        auto r = runtime::parseCapabilityName(name.toStdString());
        if (bit < 0) {
            QVERIFY(!r);
            QVERIFY(QString::fromStdString(r.error().message)
                        .startsWith(QLatin1String("unknown capability: \"")));
            return;
        }
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        QCOMPARE(*r, bit);
    }

    void resolve_data() {
        const QString none; // an empty expectation
        QTest::addColumn<QStringList>("add");
        QTest::addColumn<QStringList>("drop");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("error");

        const QStringList all = toQt(runtime::capabilityNames());
        QTest::newRow("defaults") << QStringList{} << QStringList{} << kDefaults << none;
        QTest::newRow("drop one") << QStringList{} << QStringList{"NET_RAW"}
                                  << without(kDefaults, "CAP_NET_RAW") << none;
        QTest::newRow("drop is case-insensitive with prefix")
            << QStringList{} << QStringList{"cap_net_raw", "Mknod"}
            << without(without(kDefaults, "CAP_NET_RAW"), "CAP_MKNOD") << none;
        QTest::newRow("drop one not held") << QStringList{} << QStringList{"SYS_ADMIN"} << kDefaults << none;
        QStringList withAdmin = kDefaults;
        withAdmin.insert(withAdmin.indexOf("CAP_SYS_CHROOT") + 1, "CAP_SYS_ADMIN"); // bit order
        QTest::newRow("add one") << QStringList{"SYS_ADMIN"} << QStringList{} << withAdmin << none;
        QTest::newRow("add one held, no duplicate")
            << QStringList{"chown"} << QStringList{} << kDefaults << none;
        // Docker drops from the defaults first, then adds: adding wins.
        QTest::newRow("add and drop the same")
            << QStringList{"SYS_ADMIN"} << QStringList{"SYS_ADMIN"} << withAdmin << none;
        QTest::newRow("drop ALL, add one") << QStringList{"NET_BIND_SERVICE"} << QStringList{"ALL"}
                                           << QStringList{"CAP_NET_BIND_SERVICE"} << none;
        QTest::newRow("drop all, lowercase") << QStringList{} << QStringList{"all"} << QStringList{} << none;
        QTest::newRow("add ALL") << QStringList{"ALL"} << QStringList{} << all << none;
        QTest::newRow("add ALL, drop one")
            << QStringList{"ALL"} << QStringList{"SYS_ADMIN"} << without(all, "CAP_SYS_ADMIN") << none;
        // TweakCapabilities checks add for ALL first, and "ALL" in drop names no single capability.
        QTest::newRow("add ALL wins over drop ALL")
            << QStringList{"ALL"} << QStringList{"ALL"} << all << none;
        QTest::newRow("unknown add") << QStringList{"FOO"} << QStringList{} << QStringList{}
                                     << "unknown capability: \"CAP_FOO\"";
        QTest::newRow("unknown drop")
            << QStringList{} << QStringList{"cap_bar"} << QStringList{} << "unknown capability: \"CAP_BAR\"";
        QTest::newRow("unknown next to ALL") << QStringList{"ALL"} << QStringList{"BOGUS"} << QStringList{}
                                             << "unknown capability: \"CAP_BOGUS\"";
    }

    void resolve() {
        QFETCH(QStringList, add);
        QFETCH(QStringList, drop);
        QFETCH(QStringList, expected);
        QFETCH(QString, error);
        auto r = runtime::resolveCapabilities(toStd(add), toStd(drop));
        if (!error.isEmpty()) {
            QVERIFY(!r);
            QCOMPARE(QString::fromStdString(r.error().message), error);
            QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
            return;
        }
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        QCOMPARE(toQt(*r), expected);
    }

    void maskRejectsAll() { QVERIFY(!runtime::capabilityMask({"CAP_CHOWN", "ALL"})); }
};

QTEST_GUILESS_MAIN(TestCapabilities)
#include "tst_runtime_capabilities.moc"
