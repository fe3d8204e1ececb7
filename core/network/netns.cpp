// inNetns and writeSysctl: the two ways of reaching into a namespace's state.
#include "network/netlink.h"

#include "support/file_util.h"
#include "support/unique_fd.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace berth::network {
namespace {

// The child reports its Status over a pipe: code, errno, message length, message.
struct Report {
    int ok = 0;
    int code = 0;
    int sysErrno = 0;
    int length = 0;
};

[[noreturn]] void runChild(int netnsFd, int out, const std::function<Status()>& fn) {
    Report r;
    std::string message;
    Status s = ::setns(netnsFd, CLONE_NEWNET) == 0 ? fn() : sysFail("joining network namespace");
    if (s) {
        r.ok = 1;
    } else {
        r.code = static_cast<int>(s.error().code);
        r.sysErrno = s.error().sysErrno;
        message = s.error().message;
        r.length = static_cast<int>(message.size());
    }
    (void)!::write(out, &r, sizeof r);
    (void)!::write(out, message.data(), message.size());
    ::_exit(0);
}

bool readAll(int fd, void* data, std::size_t size) {
    auto* p = static_cast<char*>(data);
    while (size > 0) {
        ssize_t n = ::read(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

Status inNetns(int netnsFd, const std::function<Status()>& fn) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return sysFail("creating pipe for netns helper");
    UniqueFd in(fds[0]), out(fds[1]);
    pid_t pid = ::fork();
    if (pid < 0) return sysFail("forking netns helper");
    if (pid == 0) runChild(netnsFd, out.get(), fn);
    out.reset();
    Report r;
    std::string message;
    bool got = readAll(in.get(), &r, sizeof r);
    if (got && r.length > 0) {
        message.resize(static_cast<std::size_t>(r.length));
        got = readAll(in.get(), message.data(), message.size());
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (!got) return fail(ErrorCode::Internal, "netns helper died without a report");
    if (r.ok) return {};
    return std::unexpected(Error{static_cast<ErrorCode>(r.code), message, r.sysErrno});
}

Status writeSysctl(const std::string& key, const std::string& value) {
    if (key.find("..") != std::string::npos) return fail(ErrorCode::InvalidArgument, "sysctl " + key + ": bad key");
    const std::string path = "/proc/sys/" + key;
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd.isValid()) return sysFail("setting sysctl " + key);
    if (::write(fd.get(), value.data(), value.size()) != static_cast<ssize_t>(value.size()))
        return sysFail("setting sysctl " + key);
    return {};
}

} // namespace berth::network
