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

class JsonLogWriter {
public:
    static Result<JsonLogWriter> open(const std::filesystem::path& path);
    // Buffers partial lines per stream; writes each complete line as an entry.
    Status append(bool isStderr, const char* data, std::size_t size);
    // Writes what is left of unterminated lines (at exit).
    Status flush();

private:
    explicit JsonLogWriter(UniqueFd fd) : m_fd(std::move(fd)) {}
    Status writeEntry(bool isStderr, const std::string& text);
    UniqueFd m_fd;
    std::string m_partial[2];
};

// Calls `fn` for each entry from byte offset `from`; returns the offset after the last complete line.
Result<std::uint64_t> readJsonLog(const std::filesystem::path& path, std::uint64_t from,
                                  const std::function<void(const LogEntry&)>& fn);
std::string nowRfc3339Nano();

} // namespace berth::runtime
