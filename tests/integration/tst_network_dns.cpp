// The embedded DNS server end to end, inside a network namespace this test creates (the host's own
// network is only used on 127.0.0.1, for a fake upstream resolver). BERTH_TEST_PRIVILEGED: needs
// root, `ip` and busybox.
//   test netns (berth-t-dns-*): lo up, DnsServer on 127.0.0.11:53 (UDP and TCP)
//   host netns: a fake upstream on 127.0.0.1:<ephemeral> answering every A query with 192.0.2.7
#include "verify_ok.h"
#include "network/dns_message.h"
#include "network/dns_server.h"
#include "network/netlink.h"
#include "support/file_util.h"
#include "support/unique_fd.h"
#include "test_env.h"

#include <QtTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>

#include <atomic>
#include <map>
#include <thread>

using namespace berth::network;
using berth::Status;
using berth::test::run;
using Bytes = std::vector<std::uint8_t>;

namespace {

// Creates a named netns with lo up and deletes it on destruction, even when the test failed.
class TestNetns {
public:
    TestNetns() : m_name("berth-t-dns-" + QString::fromStdString(berth::randomHex(3))) {
        if (run("ip", {"netns", "add", m_name}).exitCode != 0) return;
        m_fd.reset(::open(("/run/netns/" + m_name).toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC));
        // 127.0.0.11 is only bindable once lo (which holds 127.0.0.0/8) is up.
        if (m_fd.isValid() && !inNetns(m_fd.get(), [] { return setUp("lo", true); })) m_fd.reset();
    }
    ~TestNetns() {
        m_fd.reset();
        run("ip", {"netns", "del", m_name});
    }
    int fd() const { return m_fd.get(); }
    berth::test::CommandResult exec(const QStringList& args, int timeoutMs = 15000) const {
        return run("ip", QStringList{"netns", "exec", m_name} + args, timeoutMs);
    }

private:
    QString m_name;
    berth::UniqueFd m_fd;
};


sockaddr_in address(Ipv4 ip, std::uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(ip);
    sa.sin_port = htons(port);
    return sa;
}

bool waitReadable(int fd, int ms) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, ms) == 1;
}

// Sends one message to 127.0.0.11:53 from inside the netns (UDP, or TCP with its length prefix)
// and returns the answer; empty when none came within 5 s.
Bytes ask(int netnsFd, const Bytes& message, bool tcp = false) {
    Bytes answer;
    std::thread client([&] {
        if (::setns(netnsFd, CLONE_NEWNET) != 0) return;
        berth::UniqueFd fd(::socket(AF_INET, (tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0));
        sockaddr_in to = address(kEmbeddedDnsAddress, 53);
        if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) return;
        Bytes out = message;
        if (tcp) out.insert(out.begin(), {std::uint8_t(message.size() >> 8), std::uint8_t(message.size())});
        if (::send(fd.get(), out.data(), out.size(), 0) != ssize_t(out.size())) return;
        Bytes in(65537);
        std::size_t have = 0;
        while (waitReadable(fd.get(), 5000)) {
            ssize_t n = ::recv(fd.get(), in.data() + have, in.size() - have, 0);
            if (n <= 0) return;
            have += std::size_t(n);
            if (!tcp) return answer.assign(in.begin(), in.begin() + n), void();
            if (have >= 2 && have >= 2 + std::size_t(in[0] << 8 | in[1]))
                return answer.assign(in.begin() + 2, in.begin() + 2 + (in[0] << 8 | in[1])), void();
        }
    });
    client.join();
    return answer;
}

Bytes query(const char* name, std::uint16_t type = kDnsTypeA, std::uint16_t id = 0x5151) {
    return *buildDnsQuery(id, name, type);
}

Ipv4 ip(const char* text) { return *parseIpv4(text); }

// The names of one user network, compared case-insensitively as the shim's lookup does.
std::vector<Ipv4> lookupNames(std::string_view name) {
    static const std::map<std::string, std::vector<Ipv4>> names = {
        {"web", {ip("10.89.0.2")}},
        {"web-alias", {ip("10.89.0.2")}},
        {"db", {ip("10.89.0.3"), ip("10.89.0.4")}},
    };
    std::string lower(name);
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    auto it = names.find(lower);
    return it == names.end() ? std::vector<Ipv4>{} : it->second;
}

// A resolver on 127.0.0.1 in the host netns answering every query with one A record, counting them.
class FakeUpstream {
public:
    FakeUpstream() : m_fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
        sockaddr_in sa = address(ip("127.0.0.1"), 0);
        socklen_t len = sizeof sa;
        ::bind(m_fd.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa);
        ::getsockname(m_fd.get(), reinterpret_cast<sockaddr*>(&sa), &len);
        m_port = ntohs(sa.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~FakeUpstream() {
        m_stop = true;
        m_thread.join();
    }
    DnsUpstream upstream() const { return {ip("127.0.0.1"), m_port}; }
    int queries() const { return m_queries; }

private:
    void serve() {
        Bytes buffer(65535);
        while (!m_stop) {
            if (!waitReadable(m_fd.get(), 100)) continue;
            sockaddr_in from{};
            socklen_t len = sizeof from;
            ssize_t n = ::recvfrom(m_fd.get(), buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
            auto q = n > 0 ? parseDnsQuery(std::span(buffer.data(), std::size_t(n))) : berth::fail(berth::ErrorCode::Io, "");
            if (!q) continue;
            ++m_queries;
            const Ipv4 answer[] = {ip("192.0.2.7")};
            Bytes out = q->type == kDnsTypeA ? buildDnsAnswer(*q, answer) : buildDnsError(*q, DnsRcode::NxDomain);
            ::sendto(m_fd.get(), out.data(), out.size(), 0, reinterpret_cast<sockaddr*>(&from), len);
        }
    }
    berth::UniqueFd m_fd;
    std::uint16_t m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_queries{0};
    std::thread m_thread;
};

} // namespace

class TestNetworkDns : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void answersKnownNames();
    void forwardsUnknownNames();
    void servfailWithoutUpstreams();
    void bindFailureNamesAddress();
    void answersReverseQueries();
};

void TestNetworkDns::initTestCase() {
    if (!berth::test::isRoot()) QSKIP("needs root to create network namespaces");
    for (const char* tool : {"ip", "busybox"})
        if (!berth::test::haveTool(tool)) QSKIP(qPrintable(QString("needs %1 (apt-get install -y iproute2 busybox)").arg(tool)));
}

void TestNetworkDns::answersKnownNames() {
    TestNetns ns;
    QVERIFY(ns.fd() >= 0);
    auto server = DnsServer::open(ns.fd(), lookupNames, {});
    VERIFY_OK(server);
    VERIFY_OK((*server)->start());

    Bytes a = ask(ns.fd(), query("web"));
    QCOMPARE(dnsMessageId(a), std::optional<std::uint16_t>(0x5151));
    QCOMPARE(dnsMessageRcode(a), std::optional(DnsRcode::NoError));
    QCOMPARE(*dnsAnswerAddresses(a), std::vector<Ipv4>{ip("10.89.0.2")});
    QCOMPARE(*dnsAnswerAddresses(ask(ns.fd(), query("WEB-Alias"))), std::vector<Ipv4>{ip("10.89.0.2")});
    // AAAA of a known name: NOERROR without records, never forwarded.
    Bytes aaaa = ask(ns.fd(), query("web", kDnsTypeAaaa));
    QCOMPARE(dnsMessageRcode(aaaa), std::optional(DnsRcode::NoError));
    QVERIFY(dnsAnswerAddresses(aaaa)->empty());
    // TCP, two addresses.
    Bytes db = ask(ns.fd(), query("db", kDnsTypeA, 7), true);
    QCOMPARE(dnsMessageId(db), std::optional<std::uint16_t>(7));
    QCOMPARE(*dnsAnswerAddresses(db), (std::vector<Ipv4>{ip("10.89.0.3"), ip("10.89.0.4")}));
    // Garbage with a readable header gets FORMERR.
    Bytes bad = query("web");
    bad.resize(14);
    QCOMPARE(dnsMessageRcode(ask(ns.fd(), bad)), std::optional(DnsRcode::FormErr));

    // A real stub resolver.
    auto look = ns.exec({"busybox", "nslookup", "web", "127.0.0.11"});
    QVERIFY2(look.out.contains("10.89.0.2"), qPrintable(look.out + look.err));
    (*server)->stop();
}

void TestNetworkDns::forwardsUnknownNames() {
    TestNetns ns;
    QVERIFY(ns.fd() >= 0);
    FakeUpstream upstream;
    // The first upstream never answers: the server moves on to the next after its timeout.
    berth::UniqueFd silent(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    sockaddr_in sa = address(ip("127.0.0.1"), 0);
    socklen_t len = sizeof sa;
    QCOMPARE(::bind(silent.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa), 0);
    ::getsockname(silent.get(), reinterpret_cast<sockaddr*>(&sa), &len);
    auto server = DnsServer::open(ns.fd(), lookupNames, {{ip("127.0.0.1"), ntohs(sa.sin_port)}, upstream.upstream()});
    VERIFY_OK(server);
    VERIFY_OK((*server)->start());

    Bytes answer = ask(ns.fd(), query("example.test", kDnsTypeA, 0x0a0b));
    QCOMPARE(dnsMessageId(answer), std::optional<std::uint16_t>(0x0a0b));
    QCOMPARE(*dnsAnswerAddresses(answer), std::vector<Ipv4>{ip("192.0.2.7")});
    Bytes overTcp = ask(ns.fd(), query("other.test", kDnsTypeA, 0x0c0d), true);
    QCOMPARE(dnsMessageId(overTcp), std::optional<std::uint16_t>(0x0c0d));
    QCOMPARE(*dnsAnswerAddresses(overTcp), std::vector<Ipv4>{ip("192.0.2.7")});
    // Known names never reach the upstream.
    int before = upstream.queries();
    QCOMPARE(*dnsAnswerAddresses(ask(ns.fd(), query("web"))), std::vector<Ipv4>{ip("10.89.0.2")});
    QCOMPARE(upstream.queries(), before);

    auto look = ns.exec({"busybox", "nslookup", "-type=a", "forwarded.test", "127.0.0.11"});
    QVERIFY2(look.out.contains("192.0.2.7"), qPrintable(look.out + look.err));
}

void TestNetworkDns::servfailWithoutUpstreams() {
    TestNetns ns;
    QVERIFY(ns.fd() >= 0);
    auto server = DnsServer::open(ns.fd(), lookupNames, {});
    VERIFY_OK(server);
    VERIFY_OK((*server)->start());
    Bytes answer = ask(ns.fd(), query("unknown.test"));
    QCOMPARE(dnsMessageRcode(answer), std::optional(DnsRcode::ServFail));
    QCOMPARE(dnsMessageId(answer), std::optional<std::uint16_t>(0x5151));
    QCOMPARE(dnsMessageRcode(ask(ns.fd(), query("unknown.test"), true)), std::optional(DnsRcode::ServFail));
}

void TestNetworkDns::bindFailureNamesAddress() {
    TestNetns ns;
    QVERIFY(ns.fd() >= 0);
    // 192.0.2.1 is on no interface of the fresh netns.
    auto server = DnsServer::open(ns.fd(), lookupNames, {}, ip("192.0.2.1"), 53);
    QVERIFY(!server.has_value());
    QVERIFY2(server.error().what().find("192.0.2.1:53") != std::string::npos, server.error().what().c_str());
    // A second server on the same address is refused while the first holds it.
    auto first = DnsServer::open(ns.fd(), lookupNames, {});
    VERIFY_OK(first);
    QVERIFY(!DnsServer::open(ns.fd(), lookupNames, {}).has_value());
}


// PTR: the addresses the reverse lookup knows get their name; other reverse names are forwarded.
void TestNetworkDns::answersReverseQueries() {
    QCOMPARE(reverseNameAddress("2.0.89.10.in-addr.arpa"), std::optional<Ipv4>(ip("10.89.0.2")));
    for (const char* bad : {"2.0.89.in-addr.arpa", "2.0.89.10.11.in-addr.arpa", "256.0.89.10.in-addr.arpa",
                            "02.0.89.10.in-addr.arpa", "a.0.89.10.in-addr.arpa", "2.0.89.10.ip6.arpa", "..89.10.in-addr.arpa"})
        QVERIFY2(!reverseNameAddress(bad), bad);
    TestNetns ns;
    QVERIFY(ns.fd() >= 0);
    FakeUpstream upstream;
    auto server = DnsServer::open(ns.fd(), lookupNames, {upstream.upstream()});
    VERIFY_OK(server);
    (*server)->setReverseLookup([](Ipv4 a) { return a == ip("10.89.0.2") ? std::string("web.neta") : std::string(); });
    VERIFY_OK((*server)->start());

    Bytes ptr = ask(ns.fd(), query("2.0.89.10.in-addr.arpa", kDnsTypePtr, 0x1234));
    QCOMPARE(dnsMessageId(ptr), std::optional<std::uint16_t>(0x1234));
    QCOMPARE(dnsMessageRcode(ptr), std::optional(DnsRcode::NoError));
    QCOMPARE(QString::fromStdString(*dnsAnswerPtr(ptr)), QString("web.neta"));
    QCOMPARE(upstream.queries(), 0);
    // An address nobody here holds goes upstream (whose answer to non-A queries is NXDOMAIN).
    Bytes other = ask(ns.fd(), query("7.2.0.192.in-addr.arpa", kDnsTypePtr));
    QCOMPARE(dnsMessageRcode(other), std::optional(DnsRcode::NxDomain));
    QCOMPARE(upstream.queries(), 1);

    auto look = ns.exec({"busybox", "nslookup", "10.89.0.2", "127.0.0.11"});
    QVERIFY2(look.out.contains("web.neta"), qPrintable(look.out + look.err));
    (*server)->stop();
}

QTEST_GUILESS_MAIN(TestNetworkDns)
#include "tst_network_dns.moc"
