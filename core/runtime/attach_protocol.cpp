#include "runtime/attach_protocol.h"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace berth::runtime {

std::string encodeFrame(FrameKind kind, std::string_view payload) {
    std::string f(5, '\0');
    f[0] = static_cast<char>(kind);
    auto n = static_cast<std::uint32_t>(payload.size());
    for (int i = 0; i < 4; ++i) f[1 + i] = static_cast<char>((n >> (24 - 8 * i)) & 0xff);
    f.append(payload);
    return f;
}

bool FrameReader::next(FrameKind& kind, std::string& payload) {
    if (m_buffer.size() < 5) return false;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n = (n << 8) | static_cast<unsigned char>(m_buffer[1 + i]);
    if (n > kMaxFrame || static_cast<unsigned char>(m_buffer[0]) > static_cast<unsigned char>(FrameKind::Exit)) {
        m_broken = true;
        return false;
    }
    if (m_buffer.size() < 5 + n) return false;
    kind = static_cast<FrameKind>(m_buffer[0]);
    payload = m_buffer.substr(5, n);
    m_buffer.erase(0, 5 + n);
    return true;
}

Status writeAll(int fd, std::string_view data) {
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) {
            pollfd p{fd, POLLOUT, 0};
            ::poll(&p, 1, 1000);
            continue;
        }
        return sysFail("writing to the attach stream");
    }
    return {};
}

} // namespace berth::runtime
