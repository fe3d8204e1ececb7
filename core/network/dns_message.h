#pragma once
// A small, bounds-checked DNS message codec (RFC 1035) for the embedded DNS server: it reads the
// header and the one question of a query, and writes the few answers the server gives itself
// (A records, empty NOERROR, NXDOMAIN, SERVFAIL, FORMERR). Everything else is forwarded upstream
// untouched except for the 16-bit id. Pure functions over bytes: no sockets, no allocation caps to
// configure, every read checked against the packet's end.
#include "network/subnet.h"
#include "support/error.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace berth::network {

constexpr std::size_t kDnsHeaderSize = 12;
constexpr std::size_t kDnsMaxNameLength = 255; // on the wire, length bytes and root label included
constexpr std::size_t kDnsMaxLabelLength = 63;
constexpr std::size_t kDnsMaxUdpSize = 512;    // a plain (non-EDNS) UDP answer never exceeds this
constexpr std::uint16_t kDnsTypeA = 1;
constexpr std::uint16_t kDnsTypePtr = 12;
constexpr std::uint16_t kDnsTypeAaaa = 28;
constexpr std::uint16_t kDnsClassIn = 1;
constexpr std::uint32_t kDnsTtl = 600;

enum class DnsRcode : std::uint8_t {
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NxDomain = 3,
    NotImp = 4,
    Refused = 5,
};

struct DnsQuery {
    std::uint16_t id = 0;
    std::uint16_t flags = 0;          // the header's second word as received
    std::string name;                 // lowercase, dotted, without the trailing dot ("" is the root)
    std::uint16_t type = 0;
    std::uint16_t klass = 0;
    std::vector<std::uint8_t> question; // the question re-encoded without compression, case kept

    bool recursionDesired() const { return (flags & 0x0100) != 0; }
};

// The id of any message at least a header long.
std::optional<std::uint16_t> dnsMessageId(std::span<const std::uint8_t> message);
// Overwrites the id in place; false when the message is shorter than a header.
bool rewriteDnsMessageId(std::span<std::uint8_t> message, std::uint16_t id);
// The response code of a message at least a header long.
std::optional<DnsRcode> dnsMessageRcode(std::span<const std::uint8_t> message);

// Parses a standard query holding exactly one question. Compression pointers are followed only
// backwards (each to an earlier offset than the last), so loops cannot happen. Fails with
// Corrupt for malformed input and Unsupported for a valid message that is not a QUERY.
Result<DnsQuery> parseDnsQuery(std::span<const std::uint8_t> message);

// Answers with one A record per address (TTL kDnsTtl); no addresses gives NOERROR with an empty
// answer section, the "name exists, no record of this type" answer.
std::vector<std::uint8_t> buildDnsAnswer(const DnsQuery& query, std::span<const Ipv4> addresses);
// Answers a PTR query with one record pointing at `target` (a dotted name, TTL kDnsTtl); fails
// when the name is not a valid DNS name or the answer would not fit a plain UDP message.
Result<std::vector<std::uint8_t>> buildDnsPtrAnswer(const DnsQuery& query, std::string_view target);
// The address of an IPv4 reverse name: "2.0.89.10.in-addr.arpa" → 10.89.0.2 (name lowercase, as
// parseDnsQuery gives it); nothing for any other name.
std::optional<Ipv4> reverseNameAddress(std::string_view name);
// An answer with no records and the given code, echoing the question.
std::vector<std::uint8_t> buildDnsError(const DnsQuery& query, DnsRcode rcode);
// A header-only error for a message whose question could not be read; nothing when even the
// header is missing or the message is itself a response (never answer an answer).
std::optional<std::vector<std::uint8_t>> buildDnsHeaderError(std::span<const std::uint8_t> message,
                                                             DnsRcode rcode);
// A recursive query for one name (used by tests and the fuzz target); fails on a bad name.
Result<std::vector<std::uint8_t>> buildDnsQuery(std::uint16_t id, std::string_view name, std::uint16_t type);

// The target of the first PTR record in the answer section of a response (tests use it).
Result<std::string> dnsAnswerPtr(std::span<const std::uint8_t> message);
// The IPv4 addresses of the A records in the answer section of a response (tests use it).
Result<std::vector<Ipv4>> dnsAnswerAddresses(std::span<const std::uint8_t> message);

} // namespace berth::network
