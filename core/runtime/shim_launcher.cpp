#include "runtime/shim.h"

#include "support/unique_fd.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

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

// The shim's environment: ours, with glibc's malloc cache turned off (see app/shim/main.cpp),
// which glibc reads only at start.
static std::vector<std::string> shimEnvironment() {
    static const char kSetting[] = "glibc.malloc.tcache_count=0";
    std::vector<std::string> env;
    bool tunables = false;
    for (char** e = environ; e && *e; ++e) {
        std::string entry = *e;
        if (entry.rfind("GLIBC_TUNABLES=", 0) == 0) {
            tunables = true;
            entry += (entry.size() > 15 ? ":" : "") + std::string(kSetting);
        }
        env.push_back(std::move(entry));
    }
    if (!tunables) env.push_back(std::string("GLIBC_TUNABLES=") + kSetting);
    return env;
}

Result<StartReport> launchShim(const fs::path& root, const std::string& id, const fs::path& shimPath, bool attachExpected) {
    fs::path shim = shimPath.empty() ? defaultShimPath() : shimPath;
    if (::access(shim.c_str(), X_OK) != 0) return sysFail("berth-shim at " + shim.string());
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd readEnd(ready[0]), writeEnd(ready[1]);
    std::string rootArg = root.string(), shimArg = shim.string();
    std::vector<const char*> argv{"berth-shim", "--root", rootArg.c_str(), "--id", id.c_str(), "--ready-fd", "3",
                                  "--attach", attachExpected ? "1" : "0", "--detach", "1", nullptr};
    auto envStrings = shimEnvironment();
    std::vector<char*> envp;
    for (auto& e : envStrings) envp.push_back(e.data());
    envp.push_back(nullptr);
    // posix_spawn shares our memory until the exec (no copy of berth's or the app's page tables);
    // the shim forks once itself (--detach), so that it is re-parented away from us.
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDWR, 0);
    ::posix_spawn_file_actions_adddup2(&actions, 0, 1);
    ::posix_spawn_file_actions_adddup2(&actions, 0, 2);
    ::posix_spawn_file_actions_adddup2(&actions, writeEnd.get(), 3); // the copy is not close-on-exec
    ::posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    ::posix_spawnattr_setsigmask(&attr, &none);
    ::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK);
    pid_t mid = -1;
    int rc = ::posix_spawn(&mid, shimArg.c_str(), &actions, &attr, const_cast<char* const*>(argv.data()), envp.data());
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attr);
    if (rc != 0) return sysFail("starting " + shimArg, rc);
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
