#include "runtime/cgroups/process_tree.h"

#include "support/file_util.h"
#include "support/text.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <system_error>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

template <class T> std::optional<T> number(std::string_view word) {
    T value{};
    auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (ec != std::errc() || end != word.data() + word.size()) return std::nullopt;
    return value;
}

std::optional<pid_t> pidOfName(const std::string& name) {
    return number<pid_t>(name);
}

std::string linkTarget(const fs::path& link) {
    std::error_code ec;
    auto target = fs::read_symlink(link, ec);
    return ec ? std::string() : target.string();
}

} // namespace

Result<ProcessStat> parseProcessStat(std::string_view text) {
    auto bad = [&] {
        return fail(ErrorCode::Corrupt,
                    "malformed /proc stat line \"" + std::string(text.substr(0, 80)) + "\"");
    };
    auto open = text.find(" (");
    auto close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return bad();
    // After ')': state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17) … num_threads(20).
    auto fields = splitWords(text.substr(close + 1));
    if (fields.size() < 18 || fields[0].size() != 1) return bad();
    ProcessStat s;
    auto pid = number<pid_t>(text.substr(0, open));
    auto ppid = number<pid_t>(fields[1]);
    auto user = number<std::uint64_t>(fields[11]), system = number<std::uint64_t>(fields[12]);
    // cutime and cstime are signed in the kernel's format ("long"), never negative in practice.
    auto childUser = number<std::int64_t>(fields[13]), childSystem = number<std::int64_t>(fields[14]);
    auto threads = number<std::uint64_t>(fields[17]);
    if (!pid || !ppid || !user || !system || !childUser || !childSystem || !threads) return bad();
    s.pid = *pid;
    s.ppid = *ppid;
    s.state = fields[0][0];
    s.userTicks = *user;
    s.systemTicks = *system;
    s.childUserTicks = static_cast<std::uint64_t>(std::max<std::int64_t>(0, *childUser));
    s.childSystemTicks = static_cast<std::uint64_t>(std::max<std::int64_t>(0, *childSystem));
    s.threads = *threads;
    return s;
}

std::uint64_t parseSmapsRollupPss(std::string_view text) {
    std::uint64_t bytes = 0;
    forEachLine(text, [&](std::string_view line) {
        auto words = splitWords(line);
        if (words.size() >= 2 && words[0] == "Pss:")
            if (auto kb = number<std::uint64_t>(words[1])) bytes = *kb * 1024;
    });
    return bytes;
}

Result<std::uint64_t> parseStatmResident(std::string_view text, std::uint64_t pageSize) {
    auto words = splitWords(text);
    auto pages = words.size() >= 2 ? number<std::uint64_t>(words[1]) : std::nullopt;
    if (!pages)
        return fail(ErrorCode::Corrupt, "malformed /proc statm \"" + std::string(text.substr(0, 80)) + "\"");
    return *pages * pageSize;
}

Result<ProcessStat> readProcessStat(const fs::path& procRoot, pid_t pid) {
    auto text = readFile(procRoot / std::to_string(pid) / "stat", 1 << 16);
    if (!text) {
        // An exited process's directory vanishes, or exists without its files (ESRCH on read).
        return fail(ErrorCode::NotFound, "process " + std::to_string(pid) + " is gone");
    }
    return parseProcessStat(*text);
}

std::uint64_t readProcessMemory(const fs::path& procRoot, pid_t pid, std::uint64_t pageSize) {
    fs::path dir = procRoot / std::to_string(pid);
    if (auto rollup = readFile(dir / "smaps_rollup", 1 << 16))
        if (auto pss = parseSmapsRollupPss(*rollup)) return pss;
    if (auto statm = readFile(dir / "statm", 1 << 12))
        if (auto resident = parseStatmResident(*statm, pageSize)) return *resident;
    return 0;
}

std::vector<pid_t> processTree(const fs::path& procRoot, pid_t root) {
    if (root <= 0 || !readProcessStat(procRoot, root)) return {};
    // The kernel's /proc/<pid>/task/<tid>/children needs CONFIG_PROC_CHILDREN, which not every
    // kernel has (this project's CI machines lack it): one pass over every stat file works everywhere.
    std::string rootNs = linkTarget(procRoot / std::to_string(root) / "ns" / "pid");
    bool ownNamespace = !rootNs.empty() && rootNs != linkTarget(procRoot / "self" / "ns" / "pid");
    std::multimap<pid_t, pid_t> children;
    std::vector<pid_t> tree{root};
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(procRoot, ec)) {
        auto pid = pidOfName(entry.path().filename().string());
        if (!pid || *pid == root) continue;
        auto stat = readProcessStat(procRoot, *pid);
        if (!stat) continue; // exited meanwhile
        children.emplace(stat->ppid, *pid);
        if (ownNamespace && linkTarget(entry.path() / "ns" / "pid") == rootNs) tree.push_back(*pid);
    }
    std::set<pid_t> found(tree.begin(), tree.end());
    for (std::size_t i = 0; i < tree.size(); ++i) {
        auto [first, last] = children.equal_range(tree[i]);
        for (auto it = first; it != last; ++it)
            if (found.insert(it->second).second) tree.push_back(it->second);
    }
    return {found.begin(), found.end()};
}

} // namespace berth::runtime
