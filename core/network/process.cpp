#include "network/process.h"

#include "support/unique_fd.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace berth::network {
namespace {

[[noreturn]] void execChild(const std::vector<std::string>& argv, int in, int out, int err) {
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
}

// Drains stdout and stderr together so neither pipe can fill up and stall the child.
void drain(int outFd, int errFd, std::string& out, std::string& err) {
    pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open = 2;
    char buf[8192];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                fds[i].fd = -1;
                --open;
            } else {
                sinks[i]->append(buf, static_cast<std::size_t>(n));
            }
        }
    }
}

} // namespace

Result<ProcessResult> runProcess(const std::vector<std::string>& argv, const std::string& input) {
    int inPipe[2], outPipe[2], errPipe[2];
    if (::pipe2(inPipe, O_CLOEXEC) != 0) return sysFail("creating pipe for " + argv[0]);
    UniqueFd inR(inPipe[0]), inW(inPipe[1]);
    if (::pipe2(outPipe, O_CLOEXEC) != 0) return sysFail("creating pipe for " + argv[0]);
    UniqueFd outR(outPipe[0]), outW(outPipe[1]);
    if (::pipe2(errPipe, O_CLOEXEC) != 0) return sysFail("creating pipe for " + argv[0]);
    UniqueFd errR(errPipe[0]), errW(errPipe[1]);
    pid_t pid = ::fork();
    if (pid < 0) return sysFail("starting " + argv[0]);
    if (pid == 0) execChild(argv, inR.get(), outW.get(), errW.get());
    inR.reset();
    outW.reset();
    errW.reset();
    // Scripts are a few kilobytes, well under a pipe's buffer; a child that exits early gives EPIPE.
    struct sigaction ignore{}, old{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &old);
    (void)!::write(inW.get(), input.data(), input.size());
    ::sigaction(SIGPIPE, &old, nullptr);
    inW.reset();
    ProcessResult r;
    drain(outR.get(), errR.get(), r.out, r.err);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r.exitCode == 127) return fail(ErrorCode::NotFound, "running " + argv[0] + ": not found or not executable");
    return r;
}

} // namespace berth::network
