#include "runtime/container_files_root.h"

#include "runtime/mount_json.h"
#include "support/unique_fd.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

Result<UniqueFd> openDir(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.isValid()) return sysFail("opening " + path);
    return fd;
}

// The child reports a failure as "<code> <errno> <message>" on the pipe; exit status 0 means done.
void sendError(int fd, const Error& e) {
    std::string msg = std::to_string(static_cast<int>(e.code)) + " " + std::to_string(e.sysErrno) + " " + e.message;
    [[maybe_unused]] auto n = ::write(fd, msg.data(), msg.size());
}

Error receiveError(const std::string& text) {
    Error e{ErrorCode::Internal, "copy helper failed", 0};
    auto a = text.find(' '), b = a == std::string::npos ? a : text.find(' ', a + 1);
    if (b == std::string::npos) return e;
    e.code = static_cast<ErrorCode>(std::atoi(text.c_str()));
    e.sysErrno = std::atoi(text.c_str() + a + 1);
    e.message = text.substr(b + 1);
    return e;
}

[[noreturn]] void runInPrivateMount(const layer::Mount& m, const fs::path& target, const std::function<Status(int)>& fn, int errFd) {
    Status s = [&]() -> Status {
        if (::unshare(CLONE_NEWNS) != 0) return sysFail("creating a mount namespace");
        // Private first: otherwise our mount would propagate back to the host's namespace.
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return sysFail("making mounts private");
        BERTH_CHECK(layer::performMount(m, target));
        auto root = BERTH_TRY(openDir(target.string()));
        return fn(root.get());
    }();
    if (!s) sendError(errFd, s.error());
    ::_exit(s ? 0 : 1);
}

Status mountAndRun(const ContainerStore& store, const std::string& id, const layer::Mount& m, const std::function<Status(int)>& fn) {
    std::string tmpl = (store.dir(id) / "cp-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return sysFail("creating a mount point in " + store.dir(id).string());
    const fs::path target = tmpl;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return sysFail("creating a pipe");
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    pid_t pid = ::fork();
    if (pid < 0) return sysFail("forking the copy helper");
    if (pid == 0) {
        readEnd.reset();
        runInPrivateMount(m, target, fn, writeEnd.get());
    }
    writeEnd.reset();
    std::string message;
    char buf[4096];
    for (ssize_t n; (n = ::read(readEnd.get(), buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        message.append(buf, static_cast<std::size_t>(n));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    ::rmdir(target.c_str()); // empty: the mount lived in the helper's namespace only
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    if (!message.empty()) return std::unexpected(receiveError(message));
    return fail(ErrorCode::Internal, "the copy helper of container " + id + " died");
}

} // namespace

Status withContainerRoot(const ContainerStore& store, const std::string& id, const std::function<Status(int rootFd)>& fn) {
    auto lock = BERTH_TRY(store.lock(id));
    auto state = BERTH_TRY(store.readState(id));
    if (state.isRunning() && state.pid > 0) {
        auto root = BERTH_TRY(openDir("/proc/" + std::to_string(state.pid) + "/root"));
        lock.release(); // the open root keeps the container's files reachable; stop may proceed
        return fn(root.get());
    }
    if (state.status == ContainerStatus::Restarting || state.status == ContainerStatus::Removing)
        return fail(ErrorCode::Busy, "container " + id.substr(0, 12) + " is " + statusName(state.status));
    auto mounts = BERTH_TRY(readMounts(store.dir(id) / "mounts.json"));
    if (mounts.empty()) return fail(ErrorCode::NotFound, "container " + id.substr(0, 12) + " has no root filesystem");
    const layer::Mount& m = mounts.front();
    if (m.type == "bind") {
        auto root = BERTH_TRY(openDir(m.source));
        return fn(root.get());
    }
    return mountAndRun(store, id, m, fn);
}

} // namespace berth::runtime
