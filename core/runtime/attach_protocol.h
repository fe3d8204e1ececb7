#pragma once
// The shim's attach socket (<container dir>/attach.sock): how `run -it`, `run -i`, `start -ai`
// and `attach` talk to a container's stdio. Each message is a frame:
//   1 byte kind, 4 bytes big-endian length, payload
// client → shim: Stdin (bytes), StdinClose, Resize (4 bytes: rows, cols as two u16)
// shim → client: Stdout, Stderr (bytes), Exit (4 bytes: the exit code, when the container ends)
#include "support/error.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace berth::runtime {

enum class FrameKind : std::uint8_t { Stdin = 0, Stdout = 1, Stderr = 2, StdinClose = 3, Resize = 4, Exit = 5 };

inline constexpr const char* kAttachSocketName = "attach.sock";

std::string encodeFrame(FrameKind kind, std::string_view payload);

// Accumulates bytes from a stream and hands out complete frames.
class FrameReader {
public:
    void feed(const char* data, std::size_t size) { m_buffer.append(data, size); }
    // True and fills kind/payload when a whole frame is buffered.
    bool next(FrameKind& kind, std::string& payload);
    // A frame longer than this is a protocol error (the peer is not one of ours).
    static constexpr std::uint32_t kMaxFrame = 1u << 20;
    bool isBroken() const { return m_broken; }

private:
    std::string m_buffer;
    bool m_broken = false;
};

// Writes all of data to a blocking or non-blocking fd, retrying on EINTR/EAGAIN (with poll).
Status writeAll(int fd, std::string_view data);

} // namespace berth::runtime
