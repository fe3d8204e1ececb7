// inNetns and writeSysctl: the two ways of reaching into a namespace's state.
#include "network/netlink.h"

#include "support/file_util.h"
#include "support/unique_fd.h"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <thread>

namespace berth::network {

Status inNetns(int netnsFd, const std::function<Status()>& fn) {
    Status result;
    std::thread worker([&] {
        // The thread's own namespace only (CLONE_NEWNET is per thread); it ends right after fn.
        result = ::setns(netnsFd, CLONE_NEWNET) == 0 ? fn() : sysFail("joining network namespace");
    });
    worker.join();
    return result;
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
