#pragma once
// The rtnetlink transport under netlink.h: a message builder (header, fixed struct, attributes,
// nested attributes) and a NETLINK_ROUTE socket that sends one request and waits for its ack.
// The socket talks to the network namespace of the thread that opened it.
#include "support/error.h"
#include "support/unique_fd.h"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

struct nlmsghdr;

namespace berth::network {

class NetlinkMessage {
public:
    NetlinkMessage(std::uint16_t type, std::uint16_t flags);
    // The fixed part after the header (ifinfomsg, ifaddrmsg, rtmsg).
    template <class T> void putStruct(const T& value) { putBytes(&value, sizeof value); }
    void putAttr(std::uint16_t type, const void* data, std::size_t size);
    void putString(std::uint16_t type, std::string_view value); // NUL-terminated
    void putU32(std::uint16_t type, std::uint32_t value) { putAttr(type, &value, sizeof value); }
    // beginNested returns the offset endNested needs to patch the nest's length.
    std::size_t beginNested(std::uint16_t type);
    void endNested(std::size_t offset);
    void putBytes(const void* data, std::size_t size); // padded to 4 bytes

    nlmsghdr* header();
    std::vector<char>& bytes() { return m_buf; }

private:
    std::vector<char> m_buf;
};

class NetlinkSocket {
public:
    static Result<NetlinkSocket> open();
    // Sends and waits for the ack; a kernel refusal becomes "what: <strerror>".
    Status request(NetlinkMessage& msg, std::string_view what);
    // Sends a NLM_F_DUMP request and calls onMessage for each reply until NLMSG_DONE.
    Status dump(NetlinkMessage& msg, std::string_view what, const std::function<void(const nlmsghdr*)>& onMessage);

private:
    explicit NetlinkSocket(UniqueFd fd) : m_fd(std::move(fd)) {}
    Status send(NetlinkMessage& msg, std::string_view what);
    UniqueFd m_fd;
    std::uint32_t m_seq = 1;
};

} // namespace berth::network
