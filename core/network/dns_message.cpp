// Reading and writing DNS messages. The reader never trusts a length: every byte it touches is
// checked against the end of the message first.
#include "network/dns_message.h"

#include <algorithm>

namespace berth::network {
namespace {

constexpr std::uint16_t kFlagQr = 0x8000;
constexpr std::uint16_t kFlagRd = 0x0100;
constexpr std::uint16_t kFlagRa = 0x0080;
constexpr std::uint16_t kOpcodeMask = 0x7800;

std::uint16_t read16(std::span<const std::uint8_t> m, std::size_t at) {
    return static_cast<std::uint16_t>(m[at] << 8 | m[at + 1]);
}

void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    put16(out, static_cast<std::uint16_t>(v >> 16));
    put16(out, static_cast<std::uint16_t>(v));
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

struct Name {
    std::string text;               // dotted, case kept
    std::vector<std::uint8_t> wire; // uncompressed, root label included
    std::size_t end = 0;            // offset just past the name where it started
};

// Reads the name at `at`. A compression pointer must point before every offset read so far, so
// each jump lands strictly earlier and the walk ends.
Result<Name> readName(std::span<const std::uint8_t> m, std::size_t at) {
    Name name;
    std::size_t lowest = at;
    bool jumped = false;
    for (;;) {
        if (at >= m.size()) return fail(ErrorCode::Corrupt, "dns name runs past the end of the message");
        std::uint8_t len = m[at];
        if ((len & 0xc0) == 0xc0) {
            if (at + 1 >= m.size()) return fail(ErrorCode::Corrupt, "dns compression pointer is truncated");
            std::size_t target = static_cast<std::size_t>((len & 0x3f) << 8 | m[at + 1]);
            if (target >= lowest) return fail(ErrorCode::Corrupt, "dns compression pointer does not point backwards");
            if (!jumped) name.end = at + 2;
            jumped = true;
            lowest = target;
            at = target;
            continue;
        }
        if ((len & 0xc0) != 0) return fail(ErrorCode::Corrupt, "dns label has an unknown type");
        if (name.wire.size() + 1 + len > kDnsMaxNameLength)
            return fail(ErrorCode::Corrupt, "dns name is longer than 255 bytes");
        if (at + 1 + len > m.size()) return fail(ErrorCode::Corrupt, "dns label runs past the end of the message");
        name.wire.push_back(len);
        if (len == 0) break;
        if (!name.text.empty()) name.text += '.';
        for (std::size_t i = 0; i < len; ++i) {
            name.wire.push_back(m[at + 1 + i]);
            name.text += static_cast<char>(m[at + 1 + i]);
        }
        at += 1 + len;
    }
    if (!jumped) name.end = at + 1;
    return name;
}

// Encodes a dotted name; a trailing dot is allowed, empty labels are not.
Result<std::vector<std::uint8_t>> encodeName(std::string_view name) {
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    std::vector<std::uint8_t> wire;
    while (!name.empty()) {
        std::size_t dot = name.find('.');
        std::string_view label = name.substr(0, dot);
        if (label.empty() || label.size() > kDnsMaxLabelLength)
            return fail(ErrorCode::InvalidArgument, "dns name has an empty or over-long label");
        wire.push_back(static_cast<std::uint8_t>(label.size()));
        wire.insert(wire.end(), label.begin(), label.end());
        name = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
    }
    wire.push_back(0);
    if (wire.size() > kDnsMaxNameLength) return fail(ErrorCode::InvalidArgument, "dns name is longer than 255 bytes");
    return wire;
}

std::vector<std::uint8_t> responseHeader(std::uint16_t id, std::uint16_t queryFlags, DnsRcode rcode,
                                         std::uint16_t qdCount, std::uint16_t anCount) {
    std::vector<std::uint8_t> out;
    out.reserve(kDnsMaxUdpSize);
    put16(out, id);
    auto flags = static_cast<std::uint16_t>(kFlagQr | (queryFlags & (kOpcodeMask | kFlagRd)) | kFlagRa |
                                            static_cast<std::uint16_t>(rcode));
    put16(out, flags);
    put16(out, qdCount);
    put16(out, anCount);
    put16(out, 0);
    put16(out, 0);
    return out;
}

} // namespace

std::optional<std::uint16_t> dnsMessageId(std::span<const std::uint8_t> message) {
    if (message.size() < kDnsHeaderSize) return std::nullopt;
    return read16(message, 0);
}

bool rewriteDnsMessageId(std::span<std::uint8_t> message, std::uint16_t id) {
    if (message.size() < kDnsHeaderSize) return false;
    message[0] = static_cast<std::uint8_t>(id >> 8);
    message[1] = static_cast<std::uint8_t>(id);
    return true;
}

std::optional<DnsRcode> dnsMessageRcode(std::span<const std::uint8_t> message) {
    if (message.size() < kDnsHeaderSize) return std::nullopt;
    return static_cast<DnsRcode>(message[3] & 0x0f);
}

Result<DnsQuery> parseDnsQuery(std::span<const std::uint8_t> message) {
    if (message.size() < kDnsHeaderSize) return fail(ErrorCode::Corrupt, "dns message is shorter than its header");
    DnsQuery q;
    q.id = read16(message, 0);
    q.flags = read16(message, 2);
    if (q.flags & kFlagQr) return fail(ErrorCode::Corrupt, "dns message is a response, not a query");
    if (q.flags & kOpcodeMask) return fail(ErrorCode::Unsupported, "dns opcode is not QUERY");
    if (read16(message, 4) != 1) return fail(ErrorCode::Corrupt, "dns query does not hold exactly one question");
    auto name = BERTH_TRY(readName(message, kDnsHeaderSize));
    if (name.end + 4 > message.size()) return fail(ErrorCode::Corrupt, "dns question is truncated");
    q.type = read16(message, name.end);
    q.klass = read16(message, name.end + 2);
    q.name.reserve(name.text.size());
    for (char c : name.text) q.name += lower(c);
    q.question = std::move(name.wire);
    put16(q.question, q.type);
    put16(q.question, q.klass);
    return q;
}

std::vector<std::uint8_t> buildDnsAnswer(const DnsQuery& query, std::span<const Ipv4> addresses) {
    // 12 + question (≤ 259) + 16 per record: cap the count so a plain UDP answer fits 512 bytes.
    std::size_t room = (kDnsMaxUdpSize - kDnsHeaderSize - query.question.size()) / 16;
    std::size_t count = std::min(addresses.size(), room);
    auto out = responseHeader(query.id, query.flags, DnsRcode::NoError, 1, static_cast<std::uint16_t>(count));
    out.insert(out.end(), query.question.begin(), query.question.end());
    for (std::size_t i = 0; i < count; ++i) {
        put16(out, 0xc000 | kDnsHeaderSize); // the question's name
        put16(out, kDnsTypeA);
        put16(out, kDnsClassIn);
        put32(out, kDnsTtl);
        put16(out, 4);
        put32(out, addresses[i]);
    }
    return out;
}

Result<std::vector<std::uint8_t>> buildDnsPtrAnswer(const DnsQuery& query, std::string_view target) {
    auto wire = BERTH_TRY(encodeName(target));
    auto out = responseHeader(query.id, query.flags, DnsRcode::NoError, 1, 1);
    out.insert(out.end(), query.question.begin(), query.question.end());
    put16(out, 0xc000 | kDnsHeaderSize); // the question's name
    put16(out, kDnsTypePtr);
    put16(out, kDnsClassIn);
    put32(out, kDnsTtl);
    put16(out, static_cast<std::uint16_t>(wire.size()));
    out.insert(out.end(), wire.begin(), wire.end());
    if (out.size() > kDnsMaxUdpSize)
        return fail(ErrorCode::LimitExceeded, "dns answer does not fit 512 bytes");
    return out;
}

std::optional<Ipv4> reverseNameAddress(std::string_view name) {
    constexpr std::string_view suffix = ".in-addr.arpa";
    if (!name.ends_with(suffix)) return std::nullopt;
    name.remove_suffix(suffix.size());
    Ipv4 address = 0;
    for (int i = 0; i < 4; ++i) { // the labels are the address bytes, last first
        std::size_t dot = i < 3 ? name.find('.') : name.size();
        if (dot == std::string_view::npos || dot == 0 || dot > 3) return std::nullopt;
        unsigned byte = 0;
        for (char c : name.substr(0, dot)) {
            if (c < '0' || c > '9') return std::nullopt;
            byte = byte * 10 + static_cast<unsigned>(c - '0');
        }
        if (byte > 255 || (dot > 1 && name[0] == '0')) return std::nullopt;
        address |= static_cast<Ipv4>(byte) << (8 * i);
        name = i < 3 ? name.substr(dot + 1) : std::string_view{};
    }
    return address;
}

std::vector<std::uint8_t> buildDnsError(const DnsQuery& query, DnsRcode rcode) {
    auto out = responseHeader(query.id, query.flags, rcode, 1, 0);
    out.insert(out.end(), query.question.begin(), query.question.end());
    return out;
}

std::optional<std::vector<std::uint8_t>> buildDnsHeaderError(std::span<const std::uint8_t> message,
                                                             DnsRcode rcode) {
    if (message.size() < kDnsHeaderSize || (read16(message, 2) & kFlagQr)) return std::nullopt;
    return responseHeader(read16(message, 0), read16(message, 2), rcode, 0, 0);
}

Result<std::vector<std::uint8_t>> buildDnsQuery(std::uint16_t id, std::string_view name, std::uint16_t type) {
    auto wire = BERTH_TRY(encodeName(name));
    std::vector<std::uint8_t> out;
    put16(out, id);
    put16(out, kFlagRd);
    put16(out, 1);
    put16(out, 0);
    put16(out, 0);
    put16(out, 0);
    out.insert(out.end(), wire.begin(), wire.end());
    put16(out, type);
    put16(out, kDnsClassIn);
    return out;
}

Result<std::string> dnsAnswerPtr(std::span<const std::uint8_t> message) {
    if (message.size() < kDnsHeaderSize)
        return fail(ErrorCode::Corrupt, "dns message is shorter than its header");
    std::size_t at = kDnsHeaderSize;
    for (std::uint16_t i = 0, n = read16(message, 4); i < n; ++i) {
        at = BERTH_TRY(readName(message, at)).end + 4;
        if (at > message.size()) return fail(ErrorCode::Corrupt, "dns question is truncated");
    }
    for (std::uint16_t i = 0, n = read16(message, 6); i < n; ++i) {
        at = BERTH_TRY(readName(message, at)).end;
        if (at + 10 > message.size()) return fail(ErrorCode::Corrupt, "dns record is truncated");
        std::uint16_t type = read16(message, at), length = read16(message, at + 8);
        at += 10;
        if (at + length > message.size()) return fail(ErrorCode::Corrupt, "dns record data is truncated");
        if (type == kDnsTypePtr) return BERTH_TRY(readName(message, at)).text;
        at += length;
    }
    return fail(ErrorCode::NotFound, "dns answer holds no PTR record");
}

Result<std::vector<Ipv4>> dnsAnswerAddresses(std::span<const std::uint8_t> message) {
    if (message.size() < kDnsHeaderSize) return fail(ErrorCode::Corrupt, "dns message is shorter than its header");
    std::size_t at = kDnsHeaderSize;
    for (std::uint16_t i = 0, n = read16(message, 4); i < n; ++i) {
        at = BERTH_TRY(readName(message, at)).end + 4;
        if (at > message.size()) return fail(ErrorCode::Corrupt, "dns question is truncated");
    }
    std::vector<Ipv4> addresses;
    for (std::uint16_t i = 0, n = read16(message, 6); i < n; ++i) {
        at = BERTH_TRY(readName(message, at)).end;
        if (at + 10 > message.size()) return fail(ErrorCode::Corrupt, "dns record is truncated");
        std::uint16_t type = read16(message, at), klass = read16(message, at + 2), length = read16(message, at + 8);
        at += 10;
        if (at + length > message.size()) return fail(ErrorCode::Corrupt, "dns record data is truncated");
        if (type == kDnsTypeA && klass == kDnsClassIn && length == 4)
            addresses.push_back(static_cast<Ipv4>(read16(message, at)) << 16 | read16(message, at + 2));
        at += length;
    }
    return addresses;
}

} // namespace berth::network
