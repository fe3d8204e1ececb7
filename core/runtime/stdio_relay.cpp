#include "runtime/stdio_relay.h"

#include "runtime/shim_memory.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace berth::runtime {

namespace {
constexpr std::size_t kMaxPending = 1u << 20;
// This long after the start, the shim hands back its start-up memory (see shim_memory.h); a
// container that is done sooner (`run --rm true`) never pays for it.
constexpr auto kReleaseAfter = std::chrono::milliseconds(250);

// The output read buffer, mapped apart from the heap and the stack: its pages exist only once
// output has used them, and it pins none of start-up's (the stack below run() is dropped when idle).
int msUntil(std::chrono::steady_clock::time_point t) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(t - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0));
}

class ReadBuffer {
public:
    ReadBuffer() {
        void* p = ::mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        m_data = p == MAP_FAILED ? nullptr : static_cast<char*>(p);
    }
    ~ReadBuffer() {
        if (m_data) ::munmap(m_data, kSize);
    }
    ReadBuffer(const ReadBuffer&) = delete;
    ReadBuffer& operator=(const ReadBuffer&) = delete;
    bool isValid() const { return m_data != nullptr; }
    char* data() { return m_data; }
    std::size_t size() const { return kSize; }

private:
    static constexpr std::size_t kSize = 65536;
    char* m_data = nullptr;
};
}

void StdioRelay::output(bool isStderr, const char* data, std::size_t size) {
    (void)m_log.append(isStderr, data, size);
    std::string frame = encodeFrame(isStderr ? FrameKind::Stderr : FrameKind::Stdout, std::string_view(data, size));
    if (!m_hadClient && m_fds.bufferForFirstClient) {
        if (m_pending.size() + frame.size() <= kMaxPending) m_pending += frame;
        return;
    }
    for (auto& c : m_clients)
        if (!writeAll(c.fd.get(), frame)) c.fd.reset();
    std::erase_if(m_clients, [](const Client& c) { return !c.fd.isValid(); });
}

void StdioRelay::acceptClients() {
    while (true) {
        int fd = ::accept4(m_fds.listen, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) return;
        Client c{UniqueFd(fd), {}};
        if (!m_hadClient && !m_pending.empty()) (void)writeAll(fd, m_pending);
        m_pending.clear();
        m_hadClient = true;
        m_clients.push_back(std::move(c));
    }
}

void StdioRelay::closeStdin() {
    // Without a terminal, the container sees EOF on stdin when its (first) client is done, as
    // `docker run -i` does; a pty stays open.
    if (m_fds.tty || m_fds.in < 0) return;
    ::close(m_fds.in);
    m_fds.in = -1;
    m_closedStdin = true;
}

void StdioRelay::serveClient(Client& c) {
    char buf[65536];
    ssize_t n = ::read(c.fd.get(), buf, sizeof buf);
    if (n <= 0) {
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
        c.fd.reset();
        return;
    }
    c.reader.feed(buf, static_cast<std::size_t>(n));
    FrameKind kind;
    std::string payload;
    while (c.reader.next(kind, payload)) {
        if (kind == FrameKind::Stdin && m_fds.in >= 0) (void)writeAll(m_fds.in, payload);
        else if (kind == FrameKind::StdinClose) closeStdin();
        else if (kind == FrameKind::Resize && m_fds.tty && payload.size() == 4) {
            winsize ws {};
            ws.ws_row = static_cast<unsigned short>((static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]));
            ws.ws_col = static_cast<unsigned short>((static_cast<unsigned char>(payload[2]) << 8) | static_cast<unsigned char>(payload[3]));
            ::ioctl(m_fds.out, TIOCSWINSZ, &ws);
        }
    }
    if (c.reader.isBroken()) c.fd.reset();
}

// When pid 1 dies the kernel kills the rest of its pid namespace, so the output reaches EOF soon
// after; a 2 s bound guards against a writer we cannot see.
Result<int> StdioRelay::run(pid_t pid) {
    bool open[2] = {m_fds.out >= 0, m_fds.err >= 0}, reaped = false, released = false;
    int status = 0;
    auto reapedAt = std::chrono::steady_clock::now(), releaseAt = reapedAt + kReleaseAfter;
    ReadBuffer buf;
    if (!buf.isValid()) return sysFail("mapping the container's output buffer");
    std::vector<pollfd> fds; // kept across turns: an idle turn allocates nothing
    while (open[0] || open[1] || !reaped) {
        fds = {{open[0] ? m_fds.out : -1, POLLIN, 0},
               {open[1] ? m_fds.err : -1, POLLIN, 0},
               {m_fds.signals, POLLIN, 0},
               {m_fds.listen, POLLIN, 0}};
        for (auto& c : m_clients) fds.push_back({c.fd.get(), POLLIN, 0});
        int timeout = reaped ? 100 : released ? -1 : msUntil(releaseAt);
        int ready = ::poll(fds.data(), fds.size(), timeout);
        if (ready < 0 && errno != EINTR) return sysFail("poll");
        if (!reaped && !released && std::chrono::steady_clock::now() >= releaseAt) {
            prepareIdleRelease().drop();
            released = true;
            // Quiet: straight back to sleep, before anything maps more code back.
            if (ready == 0 && (ready = ::poll(fds.data(), fds.size(), -1)) < 0 && errno != EINTR)
                return sysFail("poll");
        }
        for (int i = 0; i < 2; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = ::read(fds[i].fd, buf.data(), buf.size());
            if (n > 0) output(i == 1, buf.data(), static_cast<std::size_t>(n));
            else if (n == 0 || (errno != EINTR && errno != EAGAIN)) open[i] = false; // a pty says EIO
        }
        if (fds[2].revents & POLLIN) {
            signalfd_siginfo si;
            while (::read(m_fds.signals, &si, sizeof si) > 0) {}
        }
        if (fds[3].revents & POLLIN) acceptClients();
        for (std::size_t k = 4; k < fds.size(); ++k)
            if (fds[k].revents & (POLLIN | POLLHUP | POLLERR)) {
                for (auto& c : m_clients)
                    if (c.fd.get() == fds[k].fd) serveClient(c);
            }
        std::erase_if(m_clients, [](const Client& c) { return !c.fd.isValid(); });
        if (!reaped && ::waitpid(pid, &status, WNOHANG) == pid) {
            reaped = true;
            reapedAt = std::chrono::steady_clock::now();
        }
        if (reaped && std::chrono::steady_clock::now() - reapedAt > std::chrono::seconds(2)) break;
    }
    BERTH_CHECK(m_log.flush());
    return status;
}

std::vector<UniqueFd> StdioRelay::finish(int exitCode) {
    std::string code(4, '\0');
    for (int i = 0; i < 4; ++i) code[i] = static_cast<char>((static_cast<std::uint32_t>(exitCode) >> (24 - 8 * i)) & 0xff);
    std::string frame = encodeFrame(FrameKind::Exit, code);
    // A client that attached while nothing was printed still learns the end; one that is expected
    // but not there yet (a very short container) gets a few seconds to connect.
    if (m_fds.listen >= 0) {
        acceptClients();
        if (m_fds.bufferForFirstClient && !m_hadClient) {
            pollfd p{m_fds.listen, POLLIN, 0};
            if (::poll(&p, 1, 5000) > 0) acceptClients();
        }
    }
    std::vector<UniqueFd> connections;
    for (auto& c : m_clients) {
        (void)writeAll(c.fd.get(), frame);
        connections.push_back(std::move(c.fd));
    }
    m_clients.clear();
    return connections;
}

} // namespace berth::runtime
