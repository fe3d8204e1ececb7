#include "runtime/shim.h"

#include "support/unique_fd.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace berth::runtime {

namespace fs = std::filesystem;

static fs::path defaultShimPath() {
    if (const char* env = std::getenv("BERTH_SHIM"); env && *env) return env;
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    fs::path beside = self.parent_path() / "berth-shim";
    if (fs::exists(beside)) return beside;
    return "/usr/libexec/berth/berth-shim";
}

static StartReport parseReport(const std::string& text) {
    StartReport r;
    if (text == "ok") {
        r.ok = true;
        return r;
    }
    auto space = text.find(' ');
    r.exitCode = std::atoi(text.substr(0, space).c_str());
    r.message = space == std::string::npos ? text : text.substr(space + 1);
    if (r.exitCode == 0) r.exitCode = 125;
    if (r.message.empty()) r.message = "the container's supervisor exited before reporting";
    return r;
}

Result<StartReport> launchShim(const fs::path& root, const std::string& id, const fs::path& shimPath, bool attachExpected) {
    fs::path shim = shimPath.empty() ? defaultShimPath() : shimPath;
    if (::access(shim.c_str(), X_OK) != 0) return sysFail("berth-shim at " + shim.string());
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd readEnd(ready[0]), writeEnd(ready[1]);
    // Everything the child needs is prepared before fork: only async-signal-safe calls after it.
    std::string rootArg = root.string(), shimArg = shim.string();
    std::vector<const char*> argv{"berth-shim", "--root", rootArg.c_str(), "--id", id.c_str(), "--ready-fd", "3",
                                  "--attach", attachExpected ? "1" : "0", nullptr};
    pid_t mid = ::fork();
    if (mid < 0) return sysFail("forking the shim");
    if (mid == 0) {
        ::setsid();
        if (::fork() != 0) ::_exit(0); // the shim is re-parented away from us
        int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::dup2(writeEnd.get(), 3); // dup2 clears close-on-exec on the copy
        ::execv(shimArg.c_str(), const_cast<char* const*>(argv.data()));
        ::_exit(127);
    }
    writeEnd.reset();
    int status = 0;
    while (::waitpid(mid, &status, 0) < 0 && errno == EINTR) {}
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = ::read(readEnd.get(), buf, sizeof buf)) != 0;) {
        if (n < 0) {
            if (errno == EINTR) continue;
            return sysFail("reading the shim's report");
        }
        text.append(buf, static_cast<std::size_t>(n));
    }
    return parseReport(text);
}

} // namespace berth::runtime
