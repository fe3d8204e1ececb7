#include "attach_client.h"

#include "runtime/attach_protocol.h"
#include "support/unique_fd.h"

#include <cerrno>
#include <fcntl.h>
#include <chrono>
#include <cstring>
#include <string_view>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

namespace berth::cli {

using runtime::FrameKind;

namespace {

// Restores the terminal however we leave.
class RawTerminal {
public:
    explicit RawTerminal(bool enable) {
        if (!enable || ::tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
        termios raw = m_saved;
        ::cfmakeraw(&raw);
        m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    ~RawTerminal() {
        if (m_active) ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
    }

private:
    termios m_saved {};
    bool m_active = false;
};

Result<UniqueFd> connectTo(const std::filesystem::path& path) {
    // Through a directory fd: socket paths are limited to 107 bytes, store roots are not.
    UniqueFd dir(::open(path.parent_path().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir.isValid()) return fail(ErrorCode::NotFound, "the container is not running");
    std::string shortPath = "/proc/self/fd/" + std::to_string(dir.get()) + "/" + path.filename().string();
    sockaddr_un addr {};
    addr.sun_family = AF_UNIX;
    std::strcpy(addr.sun_path, shortPath.c_str());
    for (int attempt = 0; attempt < 100; ++attempt) {
        UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
        if (errno != ENOENT && errno != ECONNREFUSED) return sysFail("attaching to " + path.string());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return fail(ErrorCode::NotFound, "the container is not running");
}

std::string sizeFrame() {
    winsize ws {};
    if (::ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) != 0) return {};
    std::string p{static_cast<char>(ws.ws_row >> 8), static_cast<char>(ws.ws_row & 0xff), static_cast<char>(ws.ws_col >> 8),
                  static_cast<char>(ws.ws_col & 0xff)};
    return runtime::encodeFrame(FrameKind::Resize, p);
}

// Watches our input for the detach keys: bytes that begin the sequence are held back until it
// completes (detach) or breaks (they go on to the container, followed by the byte that broke it).
class DetachFilter {
public:
    explicit DetachFilter(std::string keys) : m_keys(std::move(keys)) {}
    // Appends to out what the container may have; true once the whole sequence was typed.
    bool feed(std::string_view in, std::string& out) {
        for (char c : in) {
            if (m_keys.empty()) {
                out += c;
            } else if (c == m_keys[m_matched]) {
                if (++m_matched == m_keys.size()) return true;
            } else {
                out.append(m_keys, 0, m_matched);
                m_matched = 0;
                if (c != m_keys[0]) out += c;
                else if (++m_matched == m_keys.size()) return true;
            }
        }
        return false;
    }
    // At the end of our input: what was held back.
    std::string held() const { return m_keys.substr(0, m_matched); }

private:
    std::string m_keys;
    std::size_t m_matched = 0;
};

} // namespace

Result<std::string> parseDetachKeys(const std::string& spec) {
    static const std::string ctrlKeys = "@abcdefghijklmnopqrstuvwxyz[\\]^_"; // ctrl-@ is 0, ctrl-a 1, ...
    std::string bytes;
    for (std::size_t pos = 0; pos <= spec.size();) {
        auto comma = std::min(spec.find(',', pos), spec.size());
        std::string key = spec.substr(pos, comma - pos);
        pos = comma + 1;
        if (key.size() == 1) {
            bytes += key[0];
        } else if (key.size() == 6 && key.rfind("ctrl-", 0) == 0 && ctrlKeys.find(key[5]) != std::string::npos) {
            bytes += static_cast<char>(ctrlKeys.find(key[5]));
        } else {
            return fail(ErrorCode::InvalidArgument, "invalid detach keys (" + spec + ") provided: unknown key '" + key + "'");
        }
    }
    return bytes;
}

// Reads (and drops) until the peer closes, for at most 10 s.
static void waitForClose(int fd) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    char buf[4096];
    for (auto now = std::chrono::steady_clock::now(); now < deadline; now = std::chrono::steady_clock::now()) {
        pollfd p{fd, POLLIN, 0};
        int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count());
        if (::poll(&p, 1, left) < 0 && errno != EINTR) return;
        if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0 || (n < 0 && errno != EINTR)) return;
    }
}

Result<std::optional<int>> attachToContainer(const std::filesystem::path& socketPath, const AttachOptions& options) {
    const bool rawTerminal = options.rawTerminal, sendStdin = options.sendStdin;
    auto sock = BERTH_TRY(connectTo(socketPath));
    RawTerminal raw(rawTerminal);
    DetachFilter detach(options.detachKeys);
    std::string input;
    std::string lastSize;
    if (rawTerminal) {
        lastSize = sizeFrame();
        if (!lastSize.empty()) BERTH_CHECK(runtime::writeAll(sock.get(), lastSize));
    }
    runtime::FrameReader reader;
    bool stdinOpen = sendStdin;
    char buf[65536];
    while (true) {
        pollfd fds[2] = {{sock.get(), POLLIN, 0}, {stdinOpen ? STDIN_FILENO : -1, POLLIN, 0}};
        if (::poll(fds, 2, rawTerminal ? 250 : -1) < 0 && errno != EINTR) return sysFail("poll");
        if (rawTerminal) { // the terminal was resized (checked rather than caught: no signal handler)
            std::string now = sizeFrame();
            if (!now.empty() && now != lastSize) {
                lastSize = now;
                (void)runtime::writeAll(sock.get(), now);
            }
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n > 0) {
                input.clear();
                // Detaching just closes our connection: the container and its terminal go on.
                const bool detached = detach.feed(std::string_view(buf, static_cast<std::size_t>(n)), input);
                if (!input.empty()) BERTH_CHECK(runtime::writeAll(sock.get(), runtime::encodeFrame(FrameKind::Stdin, input)));
                if (detached) return std::nullopt;
            } else if (n == 0 || errno != EINTR) {
                stdinOpen = false;
                if (std::string held = detach.held(); !held.empty()) (void)runtime::writeAll(sock.get(), runtime::encodeFrame(FrameKind::Stdin, held));
                (void)runtime::writeAll(sock.get(), runtime::encodeFrame(FrameKind::StdinClose, {}));
            }
        }
        if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = ::read(sock.get(), buf, sizeof buf);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            return fail(ErrorCode::Io, "the container's supervisor closed the attach stream");
        }
        reader.feed(buf, static_cast<std::size_t>(n));
        FrameKind kind;
        std::string payload;
        while (reader.next(kind, payload)) {
            if (kind == FrameKind::Stdout) (void)runtime::writeAll(STDOUT_FILENO, payload);
            else if (kind == FrameKind::Stderr) (void)runtime::writeAll(STDERR_FILENO, payload);
            else if (kind == FrameKind::Exit && payload.size() == 4) {
                std::uint32_t code = 0;
                for (char c : payload) code = (code << 8) | static_cast<unsigned char>(c);
                if (options.waitForClose) waitForClose(sock.get());
                return std::optional<int>(static_cast<int>(code));
            }
        }
    }
}

} // namespace berth::cli
