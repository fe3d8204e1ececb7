// The DNS codec of the embedded DNS server: queries parse into a lowercase name with the question
// kept as sent, malformed bytes (truncation, long labels and names, pointer loops) are refused,
// answers built from a query parse back, and ids are rewritten in place. Also the resolv.conf reader.
#include "network/dns_message.h"
#include "network/dns_server.h"

#include <QtTest>

using namespace berth::network;
using Bytes = std::vector<std::uint8_t>;

Q_DECLARE_METATYPE(Bytes)

namespace {

Bytes header(std::uint16_t id, std::uint16_t flags, std::uint16_t qd) {
    return {static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id), static_cast<std::uint8_t>(flags >> 8),
            static_cast<std::uint8_t>(flags), 0, static_cast<std::uint8_t>(qd), 0, 0, 0, 0, 0, 0};
}

Bytes operator+(Bytes a, const Bytes& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

Bytes label(std::size_t length, char c = 'a') {
    Bytes out{static_cast<std::uint8_t>(length)};
    out.insert(out.end(), length, static_cast<std::uint8_t>(c));
    return out;
}

const Bytes kTypeAIn{0, 1, 0, 1};

Bytes query(const char* name, std::uint16_t type = kDnsTypeA, std::uint16_t id = 0x1234) {
    auto q = buildDnsQuery(id, name, type);
    if (!q) qFatal("buildDnsQuery %s: %s", name, q.error().what().c_str());
    return *q;
}

} // namespace

class TestNetworkDnsMessage : public QObject {
    Q_OBJECT
private slots:
    void parsesQuery();
    void namesAreLowercasedButQuestionKeepsCase();
    void backwardPointerFollowed();
    void malformedRefused_data();
    void malformedRefused();
    void answerRoundTrip();
    void emptyAnswerAndErrors();
    void answerFitsPlainUdp();
    void headerError();
    void idRewrite();
    void buildQueryRefusesBadNames();
    void resolvConf();
};

void TestNetworkDnsMessage::parsesQuery() {
    auto q = parseDnsQuery(query("web.example", kDnsTypeA, 0xbeef));
    QVERIFY2(q.has_value(), q ? "" : q.error().what().c_str());
    QCOMPARE(q->id, 0xbeef);
    QCOMPARE(q->name, std::string("web.example"));
    QCOMPARE(q->type, kDnsTypeA);
    QCOMPARE(q->klass, kDnsClassIn);
    QVERIFY(q->recursionDesired());
    // An EDNS OPT record in the additional section is ignored.
    Bytes edns = query("web");
    edns[11] = 1;
    edns = edns + Bytes{0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 0};
    QVERIFY(parseDnsQuery(edns).has_value());
    QCOMPARE(parseDnsQuery(query(".", kDnsTypeA))->name, std::string());
}

void TestNetworkDnsMessage::namesAreLowercasedButQuestionKeepsCase() {
    Bytes raw = query("WEB-Alias.Example");
    auto q = parseDnsQuery(raw);
    QVERIFY(q.has_value());
    QCOMPARE(q->name, std::string("web-alias.example"));
    QCOMPARE(q->question, Bytes(raw.begin() + kDnsHeaderSize, raw.end()));
}

void TestNetworkDnsMessage::backwardPointerFollowed() {
    // Label "a" then a pointer back to that label is a loop: refused.
    Bytes loop = header(1, 0x0100, 1) + Bytes{1, 'a', 0xc0, 12} + kTypeAIn;
    QVERIFY(!parseDnsQuery(loop).has_value());
    // Header bytes 10..11 are ARCOUNT = 0: a pointer to offset 11 reads the root label.
    Bytes ptrToRoot = header(1, 0x0100, 1) + Bytes{1, 'b', 0xc0, 11} + kTypeAIn;
    auto q = parseDnsQuery(ptrToRoot);
    QVERIFY2(q.has_value(), q ? "" : q.error().what().c_str());
    QCOMPARE(q->name, std::string("b"));
    QCOMPARE(q->question, Bytes({1, 'b', 0}) + kTypeAIn);
}

void TestNetworkDnsMessage::malformedRefused_data() {
    QTest::addColumn<Bytes>("message");
    Bytes ok = query("web");
    QTest::newRow("empty") << Bytes{};
    QTest::newRow("short header") << Bytes(ok.begin(), ok.begin() + 11);
    QTest::newRow("header only") << Bytes(ok.begin(), ok.begin() + 12);
    QTest::newRow("truncated label") << Bytes(ok.begin(), ok.begin() + 14);
    QTest::newRow("no root label") << Bytes(ok.begin(), ok.begin() + 16);
    QTest::newRow("truncated type") << Bytes(ok.begin(), ok.end() - 3);
    QTest::newRow("response") << header(1, 0x8100, 1) + Bytes{3, 'w', 'e', 'b', 0} + kTypeAIn;
    QTest::newRow("two questions") << header(1, 0x0100, 2) + Bytes{3, 'w', 'e', 'b', 0} + kTypeAIn +
                                          Bytes{3, 'w', 'e', 'b', 0} + kTypeAIn;
    QTest::newRow("no question") << header(1, 0x0100, 0);
    QTest::newRow("opcode status") << header(1, 0x1100, 1) + Bytes{3, 'w', 'e', 'b', 0} + kTypeAIn;
    QTest::newRow("label 64") << header(1, 0x0100, 1) + label(64) + Bytes{0} + kTypeAIn;
    Bytes longName = header(1, 0x0100, 1);
    for (int i = 0; i < 4; ++i) longName = longName + label(63); // 256 bytes with the root label
    QTest::newRow("name 256") << longName + Bytes{0} + kTypeAIn;
    QTest::newRow("self pointer") << header(1, 0x0100, 1) + Bytes{0xc0, 12} + kTypeAIn;
    QTest::newRow("forward pointer") << header(1, 0x0100, 1) + Bytes{0xc0, 14, 0} + kTypeAIn;
    QTest::newRow("pointer loop") << header(1, 0x0100, 1) + Bytes{1, 'a', 0xc0, 12} + kTypeAIn;
    QTest::newRow("truncated pointer") << header(1, 0x0100, 1) + Bytes{1, 'a', 0xc0};
    QTest::newRow("reserved label type") << header(1, 0x0100, 1) + Bytes{0x40, 0} + kTypeAIn;
}

void TestNetworkDnsMessage::malformedRefused() {
    QFETCH(Bytes, message);
    QVERIFY(!parseDnsQuery(message).has_value());
}

void TestNetworkDnsMessage::answerRoundTrip() {
    auto q = parseDnsQuery(query("Web", kDnsTypeA, 7));
    QVERIFY(q.has_value());
    const Ipv4 addresses[] = {*parseIpv4("10.89.0.2"), *parseIpv4("10.89.0.3")};
    Bytes answer = buildDnsAnswer(*q, addresses);
    QCOMPARE(dnsMessageId(answer), std::optional<std::uint16_t>(7));
    QCOMPARE(answer[2] & 0x80, 0x80); // QR
    QCOMPARE(answer[2] & 0x01, 0x01); // RD echoed
    QCOMPARE(answer[3] & 0x80, 0x80); // RA
    QCOMPARE(dnsMessageRcode(answer), std::optional(DnsRcode::NoError));
    auto got = dnsAnswerAddresses(answer);
    QVERIFY2(got.has_value(), got ? "" : got.error().what().c_str());
    QCOMPARE(*got, std::vector<Ipv4>(std::begin(addresses), std::end(addresses)));
    // The question is echoed with its case.
    QCOMPARE(Bytes(answer.begin() + 12, answer.begin() + 12 + q->question.size()), q->question);
    QCOMPARE(q->question[1], std::uint8_t('W'));
    // TTL
    QCOMPARE(Bytes(answer.begin() + 12 + q->question.size() + 6, answer.begin() + 12 + q->question.size() + 10),
             Bytes({0, 0, 0x02, 0x58}));
}

void TestNetworkDnsMessage::emptyAnswerAndErrors() {
    auto q = parseDnsQuery(query("web", kDnsTypeAaaa, 9));
    QVERIFY(q.has_value());
    Bytes empty = buildDnsAnswer(*q, {});
    QCOMPARE(dnsMessageRcode(empty), std::optional(DnsRcode::NoError));
    QCOMPARE(dnsAnswerAddresses(empty)->size(), std::size_t(0));
    QCOMPARE(empty.size(), kDnsHeaderSize + q->question.size());
    for (auto rcode : {DnsRcode::NxDomain, DnsRcode::ServFail, DnsRcode::FormErr}) {
        Bytes e = buildDnsError(*q, rcode);
        QCOMPARE(dnsMessageRcode(e), std::optional(rcode));
        QCOMPARE(dnsMessageId(e), std::optional<std::uint16_t>(9));
        QCOMPARE(e[5], std::uint8_t(1)); // question echoed
        QCOMPARE(dnsAnswerAddresses(e)->size(), std::size_t(0));
    }
}

void TestNetworkDnsMessage::answerFitsPlainUdp() {
    auto q = parseDnsQuery(query("web"));
    std::vector<Ipv4> many(100, 0x0a000001);
    Bytes answer = buildDnsAnswer(*q, many);
    QVERIFY(answer.size() <= kDnsMaxUdpSize);
    QVERIFY(dnsAnswerAddresses(answer).has_value());
}

void TestNetworkDnsMessage::headerError() {
    Bytes bad = header(0x4242, 0x0100, 1) + Bytes{0x50};
    auto e = buildDnsHeaderError(bad, DnsRcode::FormErr);
    QVERIFY(e.has_value());
    QCOMPARE(e->size(), kDnsHeaderSize);
    QCOMPARE(dnsMessageId(*e), std::optional<std::uint16_t>(0x4242));
    QCOMPARE(dnsMessageRcode(*e), std::optional(DnsRcode::FormErr));
    QVERIFY(!buildDnsHeaderError(Bytes{1, 2, 3}, DnsRcode::FormErr).has_value());
    QVERIFY(!buildDnsHeaderError(header(1, 0x8000, 0), DnsRcode::FormErr).has_value()); // an answer
}

void TestNetworkDnsMessage::idRewrite() {
    Bytes m = query("web", kDnsTypeA, 0x0102);
    QVERIFY(rewriteDnsMessageId(m, 0xa0b0));
    QCOMPARE(dnsMessageId(m), std::optional<std::uint16_t>(0xa0b0));
    QCOMPARE(parseDnsQuery(m)->name, std::string("web"));
    Bytes shortMessage{1, 2, 3};
    QVERIFY(!rewriteDnsMessageId(shortMessage, 5));
    QCOMPARE(shortMessage, Bytes({1, 2, 3}));
    QVERIFY(!dnsMessageId(shortMessage).has_value());
}

void TestNetworkDnsMessage::buildQueryRefusesBadNames() {
    QVERIFY(!buildDnsQuery(1, "a..b", kDnsTypeA).has_value());
    QVERIFY(!buildDnsQuery(1, std::string(64, 'a'), kDnsTypeA).has_value());
    std::string name;
    for (int i = 0; i < 4; ++i) name += std::string(63, 'a') + ".";
    QVERIFY(!buildDnsQuery(1, name, kDnsTypeA).has_value());
    QVERIFY(buildDnsQuery(1, "web.", kDnsTypeA).has_value());
}

void TestNetworkDnsMessage::resolvConf() {
    auto ups = upstreamsFromResolvConf("# comment\n"
                                       "search example.com\n"
                                       "nameserver 127.0.0.11\n"
                                       "nameserver   10.0.0.1  \r\n"
                                       "nameserver fd00::1\n"
                                       "\tnameserver 127.0.0.53\n"
                                       "nameserverx 1.1.1.1\n"
                                       "nameserver 8.8.8.8\n"
                                       "nameserver 9.9.9.9\n");
    QCOMPARE(ups.size(), std::size_t(3));
    QCOMPARE(formatIpv4(ups[0].address), std::string("10.0.0.1"));
    QCOMPARE(formatIpv4(ups[1].address), std::string("127.0.0.53"));
    QCOMPARE(formatIpv4(ups[2].address), std::string("8.8.8.8"));
    QCOMPARE(ups[0].port, 53);
    QVERIFY(upstreamsFromResolvConf("").empty());
    QVERIFY(upstreamsFromResolvConf("nameserver").empty());
}

QTEST_GUILESS_MAIN(TestNetworkDnsMessage)
#include "tst_network_dns_message.moc"
