#include "runtime/json_log.h"

#include <cerrno>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace berth::runtime {

namespace {
constexpr std::size_t kMaxLine = 16 * 1024;
}

std::string nowRfc3339Nano() {
    timespec ts {};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    std::tm tm {};
    ::gmtime_r(&ts.tv_sec, &tm);
    char buf[64];
    std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%09ldZ", static_cast<long>(ts.tv_nsec));
    return buf;
}

Result<JsonLogWriter> JsonLogWriter::open(const std::filesystem::path& path, LogRotation rotation) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640));
    if (!fd.isValid()) return sysFail("opening log " + path.string());
    off_t size = ::lseek(fd.get(), 0, SEEK_END);
    return JsonLogWriter(std::move(fd), path, rotation, size > 0 ? static_cast<std::uint64_t>(size) : 0);
}

Status JsonLogWriter::rotate() {
    auto numbered = [&](int n) { return std::filesystem::path(m_path.string() + "." + std::to_string(n)); };
    std::error_code ec;
    std::filesystem::remove(numbered(m_rotation.maxFiles - 1), ec);
    for (int n = m_rotation.maxFiles - 2; n >= 1; --n) std::filesystem::rename(numbered(n), numbered(n + 1), ec);
    if (m_rotation.maxFiles > 1) std::filesystem::rename(m_path, numbered(1), ec);
    else std::filesystem::remove(m_path, ec);
    m_fd.reset(::open(m_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0640));
    if (!m_fd.isValid()) return sysFail("reopening log " + m_path.string());
    m_size = 0;
    return {};
}

Status readWholeJsonLog(const std::filesystem::path& path, const std::function<void(const LogEntry&)>& fn) {
    for (int n = 9; n >= 1; --n) {
        std::filesystem::path rotated(path.string() + "." + std::to_string(n));
        if (std::filesystem::exists(rotated)) BERTH_CHECK(readJsonLog(rotated, 0, fn));
    }
    BERTH_CHECK(readJsonLog(path, 0, fn));
    return {};
}

Status JsonLogWriter::writeEntry(bool isStderr, const std::string& text) {
    nlohmann::json j{{"log", text}, {"stream", isStderr ? "stderr" : "stdout"}, {"time", nowRfc3339Nano()}};
    std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (::write(m_fd.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size()))
        return sysFail("writing the container log");
    m_size += line.size();
    if (m_rotation.maxBytes > 0 && m_size >= m_rotation.maxBytes) return rotate();
    return {};
}

Status JsonLogWriter::append(bool isStderr, const char* data, std::size_t size) {
    std::string& buf = m_partial[isStderr ? 1 : 0];
    buf.append(data, size);
    std::size_t start = 0;
    for (std::size_t nl; (nl = buf.find('\n', start)) != std::string::npos; start = nl + 1)
        BERTH_CHECK(writeEntry(isStderr, buf.substr(start, nl + 1 - start)));
    buf.erase(0, start);
    while (buf.size() >= kMaxLine) {
        BERTH_CHECK(writeEntry(isStderr, buf.substr(0, kMaxLine)));
        buf.erase(0, kMaxLine);
    }
    return {};
}

Status JsonLogWriter::flush() {
    for (int s = 0; s < 2; ++s)
        if (!m_partial[s].empty()) {
            BERTH_CHECK(writeEntry(s == 1, m_partial[s]));
            m_partial[s].clear();
        }
    return {};
}

Result<std::uint64_t> readJsonLog(const std::filesystem::path& path, std::uint64_t from,
                                  const std::function<void(const LogEntry&)>& fn) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid()) {
        if (errno == ENOENT) return from;
        return sysFail("opening log " + path.string());
    }
    std::string data;
    char buf[65536];
    off_t pos = static_cast<off_t>(from);
    for (ssize_t n; (n = ::pread(fd.get(), buf, sizeof buf, pos)) > 0; pos += n) data.append(buf, static_cast<std::size_t>(n));
    std::size_t start = 0, consumed = 0;
    for (std::size_t nl; (nl = data.find('\n', start)) != std::string::npos; start = nl + 1) {
        consumed = nl + 1;
        auto j = nlohmann::json::parse(data.substr(start, nl - start), nullptr, false);
        if (j.is_discarded()) continue;
        fn(LogEntry{j.value("stream", "stdout"), j.value("log", ""), j.value("time", "")});
    }
    return from + consumed;
}

} // namespace berth::runtime

namespace berth::runtime {

static std::uint64_t inodeOf(const std::filesystem::path& p, std::uint64_t* size = nullptr) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return 0;
    if (size) *size = static_cast<std::uint64_t>(st.st_size);
    return static_cast<std::uint64_t>(st.st_ino);
}

JsonLogFollower::JsonLogFollower(std::filesystem::path path, bool startAtEnd) : m_path(std::move(path)) {
    std::uint64_t size = 0;
    m_inode = inodeOf(m_path, &size);
    if (startAtEnd) m_offset = size;
}

Status JsonLogFollower::poll(const std::function<void(const LogEntry&)>& fn) {
    std::uint64_t now = inodeOf(m_path);
    if (now != m_inode && m_inode != 0) {
        // Rotated: the file we were reading is now <log>.1; finish it, then start the new one.
        std::filesystem::path rotated(m_path.string() + ".1");
        if (inodeOf(rotated) == m_inode) (void)readJsonLog(rotated, m_offset, fn);
        m_offset = 0;
    }
    m_inode = now;
    auto next = BERTH_TRY(readJsonLog(m_path, m_offset, fn));
    m_offset = next;
    return {};
}

} // namespace berth::runtime
