#include "network/netlink_socket.h"

#include <linux/netlink.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace berth::network {

NetlinkMessage::NetlinkMessage(std::uint16_t type, std::uint16_t flags) {
    nlmsghdr h{};
    h.nlmsg_type = type;
    h.nlmsg_flags = flags | NLM_F_REQUEST;
    putStruct(h);
}

void NetlinkMessage::putBytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const char*>(data);
    m_buf.insert(m_buf.end(), p, p + size);
    m_buf.resize(NLMSG_ALIGN(m_buf.size()), 0);
    header()->nlmsg_len = static_cast<std::uint32_t>(m_buf.size());
}

void NetlinkMessage::putAttr(std::uint16_t type, const void* data, std::size_t size) {
    nlattr a{static_cast<std::uint16_t>(NLA_HDRLEN + size), type};
    putBytes(&a, sizeof a);
    if (size > 0) putBytes(data, size);
}

void NetlinkMessage::putString(std::uint16_t type, std::string_view value) {
    std::string s(value);
    putAttr(type, s.c_str(), s.size() + 1);
}

std::size_t NetlinkMessage::beginNested(std::uint16_t type) {
    std::size_t offset = m_buf.size();
    nlattr a{NLA_HDRLEN, static_cast<std::uint16_t>(type | NLA_F_NESTED)};
    putBytes(&a, sizeof a);
    return offset;
}

void NetlinkMessage::endNested(std::size_t offset) {
    auto* a = reinterpret_cast<nlattr*>(m_buf.data() + offset);
    a->nla_len = static_cast<std::uint16_t>(m_buf.size() - offset);
}

nlmsghdr* NetlinkMessage::header() { return reinterpret_cast<nlmsghdr*>(m_buf.data()); }

Result<NetlinkSocket> NetlinkSocket::open() {
    UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
    if (!fd.isValid()) return sysFail("opening rtnetlink socket");
    sockaddr_nl local{};
    local.nl_family = AF_NETLINK;
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&local), sizeof local) != 0)
        return sysFail("binding rtnetlink socket");
    return NetlinkSocket(std::move(fd));
}

Status NetlinkSocket::send(NetlinkMessage& msg, std::string_view what) {
    msg.header()->nlmsg_seq = m_seq++;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    auto& b = msg.bytes();
    if (::sendto(m_fd.get(), b.data(), b.size(), 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0)
        return sysFail(what);
    return {};
}

Status NetlinkSocket::request(NetlinkMessage& msg, std::string_view what) {
    msg.header()->nlmsg_flags |= NLM_F_ACK;
    BERTH_CHECK(send(msg, what));
    const std::uint32_t seq = msg.header()->nlmsg_seq;
    std::vector<char> buf(32768);
    for (;;) {
        ssize_t n = ::recv(m_fd.get(), buf.data(), buf.size(), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return sysFail(what);
        for (auto* h = reinterpret_cast<nlmsghdr*>(buf.data()); NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != seq || h->nlmsg_type != NLMSG_ERROR) continue;
            int err = -static_cast<nlmsgerr*>(NLMSG_DATA(h))->error;
            if (err == 0) return {};
            auto e = sysFail(what, err);
            if (err == EEXIST) e.error().code = ErrorCode::AlreadyExists;
            if (err == ENODEV || err == ENOENT) e.error().code = ErrorCode::NotFound;
            return e;
        }
    }
}

Status NetlinkSocket::dump(NetlinkMessage& msg, std::string_view what,
                           const std::function<void(const nlmsghdr*)>& onMessage) {
    msg.header()->nlmsg_flags |= NLM_F_DUMP;
    BERTH_CHECK(send(msg, what));
    const std::uint32_t seq = msg.header()->nlmsg_seq;
    std::vector<char> buf(65536);
    for (;;) {
        ssize_t n = ::recv(m_fd.get(), buf.data(), buf.size(), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return sysFail(what);
        for (auto* h = reinterpret_cast<nlmsghdr*>(buf.data()); NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != seq) continue;
            if (h->nlmsg_type == NLMSG_DONE) return {};
            if (h->nlmsg_type == NLMSG_ERROR) {
                int err = -static_cast<nlmsgerr*>(NLMSG_DATA(h))->error;
                if (err != 0) return sysFail(what, err);
                return {};
            }
            onMessage(h);
        }
    }
}

} // namespace berth::network
