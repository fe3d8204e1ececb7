#include "runtime/cgroups/cgroup_file.h"

#include "runtime/cgroups/cgroup_stat_parse.h"
#include "support/file_util.h"
#include "support/unique_fd.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace berth::runtime {

bool hasCgroupFile(const fs::path& dir, std::string_view name) {
    struct stat st {};
    return ::stat((dir / name).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Result<std::string> readCgroupFile(const fs::path& dir, std::string_view name) {
    return readFile(dir / name, 16u << 20);
}

Status writeCgroupFile(const fs::path& dir, std::string_view name, std::string_view value) {
    fs::path path = dir / name;
    auto failed = [&](int err) {
        auto e = sysFail("writing \"" + std::string(value) + "\" to " + path.string(), err);
        if (err == ENOENT) e.error().code = ErrorCode::NotFound;
        if (err == EBUSY) e.error().code = ErrorCode::Busy;
        return e;
    };
    // O_TRUNC is ignored by cgroupfs and makes fixture files read back what was written last.
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
    if (!fd.isValid()) return failed(errno);
    ssize_t n;
    do {
        n = ::write(fd.get(), value.data(), value.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) return failed(errno);
    if (static_cast<std::size_t>(n) != value.size()) return failed(EIO);
    return {};
}

Result<std::uint64_t> readCgroupNumber(const fs::path& dir, std::string_view name) {
    auto text = BERTH_TRY(readCgroupFile(dir, name));
    auto value = parseLimitValue(text);
    if (!value) return fail(ErrorCode::Corrupt, "reading " + (dir / name).string() + ": not a number");
    return *value;
}

Result<std::vector<pid_t>> readCgroupProcs(const fs::path& dir) {
    auto text = BERTH_TRY(readCgroupFile(dir, "cgroup.procs"));
    std::vector<pid_t> pids;
    for (const auto& word : splitWords(text)) {
        auto v = parseUnsigned(word);
        if (!v) return fail(ErrorCode::Corrupt, "reading " + (dir / "cgroup.procs").string() + ": bad pid");
        pids.push_back(static_cast<pid_t>(*v));
    }
    std::sort(pids.begin(), pids.end());
    pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
    return pids;
}

Result<std::vector<pid_t>> readRemainingProcs(const fs::path& dir) {
    auto pids = readCgroupProcs(dir);
    if (!pids && pids.error().code == ErrorCode::NotFound) return std::vector<pid_t>{};
    return pids;
}

namespace {

enum class MkdirOutcome { Made, Existed, ParentVanished };

Result<MkdirOutcome> makeOneDir(const fs::path& dir) {
    if (::mkdir(dir.c_str(), 0755) == 0) return MkdirOutcome::Made;
    if (errno == EEXIST) return MkdirOutcome::Existed;
    if (errno == ENOENT) return MkdirOutcome::ParentVanished;
    return sysFail("creating cgroup " + dir.string());
}

} // namespace

Status makeCgroupDirs(const fs::path& base, const fs::path& relative, std::vector<fs::path>& created) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        fs::path dir = base;
        bool vanished = false;
        for (const auto& part : relative) {
            dir /= part;
            auto outcome = BERTH_TRY(makeOneDir(dir));
            if (outcome == MkdirOutcome::ParentVanished) {
                vanished = true;
                break;
            }
            if (outcome == MkdirOutcome::Made && std::find(created.begin(), created.end(), dir) == created.end())
                created.push_back(dir);
        }
        if (!vanished) return {};
    }
    return fail(ErrorCode::Busy, "creating cgroup " + (base / relative).string() + ": its parent keeps disappearing");
}

Status removeCgroupDir(const fs::path& dir) {
    if (::rmdir(dir.c_str()) == 0 || errno == ENOENT) return {};
    int err = errno;
    auto e = sysFail("removing cgroup " + dir.string(), err);
    if (err == EBUSY || err == ENOTEMPTY) e.error().code = ErrorCode::Busy;
    return e;
}

void removeEmptyCgroupDirs(const std::vector<fs::path>& created) {
    std::vector<fs::path> dirs = created;
    std::sort(dirs.begin(), dirs.end(), [](const fs::path& a, const fs::path& b) {
        return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
    });
    for (const auto& dir : dirs) ::rmdir(dir.c_str());
}

Result<std::string> readOptionalCgroupFile(const fs::path& dir, std::string_view name) {
    auto text = readCgroupFile(dir, name);
    if (!text && text.error().code == ErrorCode::NotFound) return std::string();
    return text;
}

Status waitForCgroupState(const std::function<Result<bool>()>& settled, std::string_view what,
                          std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    auto pause = std::chrono::milliseconds(1);
    while (true) {
        if (BERTH_TRY(settled())) return {};
        if (std::chrono::steady_clock::now() >= deadline)
            return fail(ErrorCode::Busy, std::string(what) + ": the kernel did not settle within " +
                                             std::to_string(timeout.count()) + " ms");
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(20));
    }
}

std::string pidListText(const std::vector<pid_t>& pids) {
    std::string out;
    for (std::size_t i = 0; i < pids.size() && i < 10; ++i) out += (i ? ", " : "") + std::to_string(pids[i]);
    if (pids.size() > 10) out += ", …";
    return out;
}

} // namespace berth::runtime
