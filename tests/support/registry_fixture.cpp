#include "registry_fixture.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace berth::test {

namespace {

using namespace std::chrono_literals;

// fork + exec with output to logFile; the child gets SIGKILL if this thread's process dies.
pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& logFile) {
    std::vector<char*> cargv;
    for (const std::string& a : argv)
        cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    std::string log = logFile.string();
    pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid != 0) return pid;
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
    }
    ::execv(cargv[0], cargv.data());
    ::_exit(127);
}

bool hasExited(pid_t pid) {
    int status = 0;
    return ::waitpid(pid, &status, WNOHANG) == pid;
}

void stopProcess(pid_t& pid) {
    if (pid <= 0) return;
    ::kill(pid, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + 5s;
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(20ms);
    }
    pid = -1;
}

// tests/support from the environment ctest sets, else next to this source file (direct runs).
std::filesystem::path proxyScript() {
    std::filesystem::path fromEnv = supportDir() / "fault_proxy.py";
    if (std::filesystem::exists(fromEnv)) return fromEnv;
    return std::filesystem::path(__FILE__).parent_path() / "fault_proxy.py";
}

std::string registryConfig(const std::filesystem::path& storage, int port) {
    return "version: 0.1\n"
           "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
           "storage:\n  filesystem:\n    rootdirectory: " +
           storage.string() +
           "\n"
           "  delete:\n    enabled: true\n"
           "  maintenance:\n    uploadpurging:\n      enabled: false\n"
           "http:\n  addr: 127.0.0.1:" +
           std::to_string(port) + "\n  secret: berth-test-secret\n";
}

} // namespace

int freeLoopbackPort() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

std::pair<int, std::string> loopbackGet(int port, const std::string& path, int timeoutMs) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string reply;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        std::string rq = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        if (::write(fd, rq.data(), rq.size()) == static_cast<ssize_t>(rq.size())) {
            pollfd p{fd, POLLIN, 0};
            char buf[65536];
            while (::poll(&p, 1, timeoutMs) > 0) {
                ssize_t n = ::read(fd, buf, sizeof buf);
                if (n <= 0) break;
                reply.append(buf, static_cast<std::size_t>(n));
            }
        }
    }
    ::close(fd);
    auto headerEnd = reply.find("\r\n\r\n");
    if (!reply.starts_with("HTTP/") || headerEnd == std::string::npos) return {0, {}};
    return {std::atoi(reply.c_str() + reply.find(' ') + 1), reply.substr(headerEnd + 4)};
}

RegistryFixture::RegistryFixture() {
    if (m_dir.path().empty()) {
        m_error = "cannot create a temp dir";
        return;
    }
    m_storage = m_dir / "storage";
    std::filesystem::create_directories(m_storage);
    for (int tries = 0; tries < 3 && !isRunning(); ++tries)
        startRegistry();
}

RegistryFixture::~RegistryFixture() {
    stopProxy();
    stopProcess(m_registryPid);
}

bool RegistryFixture::startRegistry() {
    if (!haveTool(QStringLiteral("docker-registry"))) {
        m_error = "docker-registry is not installed";
        return false;
    }
    m_port = freeLoopbackPort();
    writeText(m_dir / "config.yml", registryConfig(m_storage, m_port));
    pid_t pid =
        spawn({"/usr/bin/docker-registry", "serve", (m_dir / "config.yml").string()}, m_dir / "registry.log");
    for (int i = 0; i < 200; ++i) {
        if (hasExited(pid)) {
            pid = -1; // reaped: never signal a pid that may have been reused
            break;
        }
        if (loopbackGet(m_port, "/v2/").first == 200) {
            m_registryPid = pid;
            return true;
        }
        std::this_thread::sleep_for(50ms);
    }
    stopProcess(pid);
    m_error = "docker-registry did not answer on port " + std::to_string(m_port) + ": " +
              readText(m_dir / "registry.log");
    return false;
}

std::string RegistryFixture::host() const {
    return "127.0.0.1:" + std::to_string(m_port);
}

std::string RegistryFixture::startProxy(const std::vector<std::string>& flags) {
    stopProxy();
    std::filesystem::path portFile = m_dir / "proxy.port";
    std::filesystem::remove(portFile);
    std::vector<std::string> argv{"/usr/bin/python3", proxyScript().string(), "--upstream", host(),
                                  "--port-file",      portFile.string()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    pid_t pid = spawn(argv, m_dir / "proxy.log");
    for (int i = 0; i < 200; ++i) {
        if (hasExited(pid)) {
            pid = -1;
            break;
        }
        if (std::filesystem::exists(portFile)) {
            m_proxyPid = pid;
            m_proxyPort = std::stoi(readText(portFile));
            return proxyHost();
        }
        std::this_thread::sleep_for(50ms);
    }
    stopProcess(pid);
    m_error = "fault_proxy.py did not start: " + readText(m_dir / "proxy.log");
    return {};
}

void RegistryFixture::stopProxy() {
    stopProcess(m_proxyPid);
    m_proxyPort = 0;
}

std::string RegistryFixture::proxyHost() const {
    return m_proxyPort ? "127.0.0.1:" + std::to_string(m_proxyPort) : std::string();
}

std::string RegistryFixture::proxyStats() const {
    if (!m_proxyPort) return {};
    auto [status, body] = loopbackGet(m_proxyPort, "/_stats");
    return status == 200 ? body : std::string();
}

} // namespace berth::test
