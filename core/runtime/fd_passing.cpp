#include "runtime/fd_passing.h"

#include <cstring>
#include <sys/socket.h>
#include <sys/uio.h>

namespace berth::runtime {

namespace {

// One byte of data carrying room for one fd of ancillary data.
struct FdMessage {
    char byte = 'f';
    iovec iov{&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr msg {};
    FdMessage() {
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
    }
};

} // namespace

bool sendFd(int socket, int fd) {
    FdMessage m;
    cmsghdr* cm = CMSG_FIRSTHDR(&m.msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(cm), &fd, sizeof(int));
    return ::sendmsg(socket, &m.msg, 0) == 1;
}

Result<UniqueFd> receiveFd(int socket) {
    FdMessage m;
    ssize_t n = ::recvmsg(socket, &m.msg, MSG_CMSG_CLOEXEC);
    cmsghdr* cm = n > 0 ? CMSG_FIRSTHDR(&m.msg) : nullptr;
    if (!cm || cm->cmsg_type != SCM_RIGHTS) return fail(ErrorCode::Io, "no file descriptor arrived on the socket");
    int fd;
    std::memcpy(&fd, CMSG_DATA(cm), sizeof fd);
    return UniqueFd(fd);
}

} // namespace berth::runtime
