#pragma once
// A container's output in Docker's json-file format, one JSON object per line:
//   {"log":"hello\n","stream":"stdout","time":"2026-11-23T07:00:00.123456789Z"}
// The shim writes it; `logs` and attached `run` read it. Lines longer than 16 KiB are split, as
// Docker does, so one runaway line cannot grow the shim's memory.
#include "support/error.h"
#include "support/unique_fd.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace berth::runtime {

struct LogEntry {
    std::string stream; // "stdout" or "stderr"
    std::string text;   // including its "\n" when the line was complete
    std::string time;   // RFC 3339 with nanoseconds
};

// Size rotation as Docker's json-file max-size/max-file: when the file reaches maxBytes it
// becomes <log>.1 (older ones shift to .2 …), keeping maxFiles files in all.
struct LogRotation {
    std::uint64_t maxBytes = 10u << 20;
    int maxFiles = 3;
};

class JsonLogWriter {
public:
    static Result<JsonLogWriter> open(const std::filesystem::path& path, LogRotation rotation = {});
    // Buffers partial lines per stream; writes each complete line as an entry.
    Status append(bool isStderr, const char* data, std::size_t size);
    // Writes what is left of unterminated lines (at exit).
    Status flush();

private:
    JsonLogWriter(UniqueFd fd, std::filesystem::path path, LogRotation rotation, std::uint64_t size)
        : m_fd(std::move(fd)), m_path(std::move(path)), m_rotation(rotation), m_size(size) {}
    Status writeEntry(bool isStderr, const std::string& text);
    Status rotate();
    UniqueFd m_fd;
    std::filesystem::path m_path;
    LogRotation m_rotation;
    std::uint64_t m_size = 0;
    std::string m_partial[2];
};

// Every entry of the log, its rotated files first (oldest first), then the current file.
Status readWholeJsonLog(const std::filesystem::path& path, const std::function<void(const LogEntry&)>& fn);
// Calls `fn` for each entry from byte offset `from`; returns the offset after the last complete line.
Result<std::uint64_t> readJsonLog(const std::filesystem::path& path, std::uint64_t from,
                                  const std::function<void(const LogEntry&)>& fn);
// Follows a log across rotations: each poll() hands out the entries written since the last one,
// finishing the rotated file (<log>.1) first when the writer has moved on.
class JsonLogFollower {
public:
    // startAtEnd: skip what is there now (for `logs -f` after printing the whole log).
    JsonLogFollower(std::filesystem::path path, bool startAtEnd);
    Status poll(const std::function<void(const LogEntry&)>& fn);

private:
    std::filesystem::path m_path;
    std::uint64_t m_inode = 0;
    std::uint64_t m_offset = 0;
};

std::string nowRfc3339Nano();

} // namespace berth::runtime
