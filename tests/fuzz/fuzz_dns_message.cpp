// DNS queries arrive from any process in a container: the parser never crashes or reads out of
// bounds, and what it accepts answers into messages that read back with the same question.
#include "network/dns_message.h"

#include <cstdint>
#include <cstdlib>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace berth::network;
    std::span<const std::uint8_t> message(data, size);
    (void)dnsAnswerAddresses(message);
    (void)buildDnsHeaderError(message, DnsRcode::FormErr);
    auto query = parseDnsQuery(message);
    if (!query) return 0;
    const Ipv4 addresses[] = {0x0a590002, 0x0a590003};
    auto answer = buildDnsAnswer(*query, addresses);
    auto got = dnsAnswerAddresses(answer);
    if (!got || got->size() != 2 || (*got)[0] != addresses[0]) std::abort();
    auto error = buildDnsError(*query, DnsRcode::NxDomain);
    if (dnsMessageId(error) != query->id || dnsMessageRcode(error) != DnsRcode::NxDomain) std::abort();
    // The echoed question is a valid, uncompressed question: a query made of it parses the same.
    std::vector<std::uint8_t> again(error.begin(), error.end());
    again[2] = static_cast<std::uint8_t>(query->flags >> 8);
    again[3] = static_cast<std::uint8_t>(query->flags);
    auto reparsed = parseDnsQuery(again);
    if (!reparsed || reparsed->name != query->name || reparsed->question != query->question) std::abort();
    return 0;
}
