#include "support/byte_source.h"

#include "support/unique_fd.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace berth {

namespace {

class FileSource final : public ByteSource {
public:
    FileSource(UniqueFd fd, std::string name) : m_fd(std::move(fd)), m_name(std::move(name)) {}
    Result<std::size_t> read(char* buf, std::size_t cap) override {
        while (true) {
            ssize_t n = ::read(m_fd.get(), buf, cap);
            if (n >= 0) return static_cast<std::size_t>(n);
            if (errno != EINTR) return sysFail("reading " + m_name);
        }
    }

private:
    UniqueFd m_fd;
    std::string m_name;
};

class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::string data) : m_data(std::move(data)) {}
    Result<std::size_t> read(char* buf, std::size_t cap) override {
        std::size_t n = std::min(cap, m_data.size() - m_pos);
        std::memcpy(buf, m_data.data() + m_pos, n);
        m_pos += n;
        return n;
    }

private:
    std::string m_data;
    std::size_t m_pos = 0;
};

} // namespace

Result<std::unique_ptr<ByteSource>> openFileSource(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid()) return sysFail("opening " + path.string());
    return std::unique_ptr<ByteSource>(new FileSource(std::move(fd), path.string()));
}

std::unique_ptr<ByteSource> memorySource(std::string data) {
    return std::make_unique<MemorySource>(std::move(data));
}

} // namespace berth
