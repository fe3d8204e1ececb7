#include "network/subnet.h"

#include <arpa/inet.h>
#include <charconv>

namespace berth::network {

Result<Ipv4> parseIpv4(std::string_view text) {
    // inet_pton accepts only the strict dotted-quad form (no "010.1.1.1", no "1.2.3").
    std::string s(text);
    in_addr addr{};
    if (s.empty() || inet_pton(AF_INET, s.c_str(), &addr) != 1)
        return fail(ErrorCode::InvalidArgument, "address \"" + s + "\": not an ipv4 address");
    return ntohl(addr.s_addr);
}

std::string formatIpv4(Ipv4 address) {
    in_addr addr{htonl(address)};
    char buf[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &addr, buf, sizeof buf);
    return buf;
}

Result<Subnet> Subnet::parse(std::string_view text) {
    const std::string what = "subnet \"" + std::string(text) + "\"";
    auto slash = text.find('/');
    if (slash == std::string_view::npos) return fail(ErrorCode::InvalidArgument, what + ": missing /prefix");
    auto address = parseIpv4(text.substr(0, slash));
    if (!address) return fail(ErrorCode::InvalidArgument, what + ": not an ipv4 address");
    std::string_view prefixText = text.substr(slash + 1);
    int prefix = -1;
    auto [end, ec] = std::from_chars(prefixText.data(), prefixText.data() + prefixText.size(), prefix);
    if (prefixText.empty() || ec != std::errc{} || end != prefixText.data() + prefixText.size() || prefix < 0 ||
        prefix > 32)
        return fail(ErrorCode::InvalidArgument, what + ": prefix must be 0 to 32");
    Subnet subnet{*address, prefix};
    if ((subnet.network & ~subnet.mask()) != 0)
        return fail(ErrorCode::InvalidArgument, what + ": host bits set (did you mean " +
                                                    formatIpv4(subnet.network & subnet.mask()) + "/" +
                                                    std::to_string(prefix) + "?)");
    return subnet;
}

std::string Subnet::toString() const { return formatIpv4(network) + "/" + std::to_string(prefix); }

} // namespace berth::network
