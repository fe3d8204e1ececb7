#include "bridge/cgroup_usage_files.h"

#include "runtime/cgroups/cgroup_stat_parse.h"
#include "support/text.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <string>

namespace berth::ui {

namespace {

namespace fs = std::filesystem;

UniqueFd openIn(const std::vector<fs::path>& dirs, const char* name) {
    for (const auto& dir : dirs)
        if (int fd = ::open((dir / name).c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) return UniqueFd(fd);
    return {};
}

// The whole file from its start (cgroup files are small and re-read from offset 0).
Result<std::string> readAll(const UniqueFd& fd, const char* what) {
    std::array<char, 8192> buffer;
    const ssize_t n = ::pread(fd.get(), buffer.data(), buffer.size(), 0);
    if (n < 0) return sysFail(std::string("reading cgroup ") + what);
    return std::string(buffer.data(), static_cast<size_t>(n));
}

// The first word of a one-value file.
std::string_view firstWord(std::string_view text) {
    const auto words = splitWords(text);
    return words.empty() ? std::string_view() : words.front();
}

Result<std::uint64_t> readNumber(const UniqueFd& fd, const char* what) {
    const std::string text = BERTH_TRY(readAll(fd, what));
    auto value = runtime::parseUnsigned(firstWord(text));
    if (!value) return fail(ErrorCode::Corrupt, std::string("cgroup ") + what + " is not a number: " + text);
    return *value;
}

// The value of one "key value" line of a flat keyed file (memory.stat has dozens: no map built).
std::uint64_t statValue(std::string_view text, std::string_view key) {
    for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
        const bool lineStart = at == 0 || text[at - 1] == '\n';
        if (!lineStart || at + key.size() >= text.size() || text[at + key.size()] != ' ') continue;
        std::string_view value = text.substr(at + key.size() + 1);
        value = value.substr(0, value.find('\n'));
        return runtime::parseUnsigned(value).value_or(0);
    }
    return 0;
}

} // namespace

std::optional<CgroupUsageFiles> CgroupUsageFiles::open(const std::vector<fs::path>& directories) {
    CgroupUsageFiles f;
    f.m_memory = openIn(directories, "memory.current");
    f.m_v2 = f.m_memory.get() >= 0;
    if (f.m_v2) {
        f.m_cpu = openIn(directories, "cpu.stat");
        f.m_limit = openIn(directories, "memory.max");
    } else {
        f.m_memory = openIn(directories, "memory.usage_in_bytes");
        f.m_cpu = openIn(directories, "cpuacct.usage");
        f.m_limit = openIn(directories, "memory.limit_in_bytes");
    }
    f.m_memoryStat = openIn(directories, "memory.stat");
    for (const UniqueFd* fd : {&f.m_cpu, &f.m_memory, &f.m_limit, &f.m_memoryStat})
        if (fd->get() < 0) return std::nullopt;
    return f;
}

Result<CgroupUsageFiles::Reading> CgroupUsageFiles::read() const {
    Reading r;
    if (m_v2)
        r.cpuNanos = statValue(BERTH_TRY(readAll(m_cpu, "cpu.stat")), "usage_usec") * 1000;
    else
        r.cpuNanos = BERTH_TRY(readNumber(m_cpu, "cpuacct.usage"));
    const std::uint64_t raw = BERTH_TRY(readNumber(m_memory, "memory usage"));
    r.memoryLimit =
        runtime::parseLimitValue(firstWord(BERTH_TRY(readAll(m_limit, "memory limit")))).value_or(0);
    const std::string stat = BERTH_TRY(readAll(m_memoryStat, "memory.stat"));
    r.memoryUsage = runtime::usageWithoutInactiveFile(
        raw, statValue(stat, m_v2 ? "inactive_file" : "total_inactive_file"));
    return r;
}

} // namespace berth::ui
