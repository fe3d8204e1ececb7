#include "network/state_file.h"

#include "support/unique_fd.h"

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace berth::network {

Status writeFileReplacing(const std::filesystem::path& path, std::string_view data, unsigned mode) {
    // Unique per process and call: two threads of one process may write different files of one directory.
    static std::atomic<unsigned> serial{0};
    const std::filesystem::path tmp =
        path.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial.fetch_add(1));
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
    if (!fd.isValid()) return sysFail("creating " + tmp.string());
    for (std::size_t done = 0; done < data.size();) {
        ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            auto st = sysFail("writing " + path.string());
            ::unlink(tmp.c_str());
            return st;
        }
        done += static_cast<std::size_t>(n);
    }
    fd.reset();
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        auto st = sysFail("renaming into " + path.string());
        ::unlink(tmp.c_str());
        return st;
    }
    return {};
}

} // namespace berth::network
