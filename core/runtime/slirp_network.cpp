#include "runtime/slirp_network.h"

#include "runtime/host_ports.h"
#include "support/file_util.h"
#include "support/text.h"

#include <climits>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

// The container's own name resolves to its address, as in Docker's /etc/hosts; a previous start's
// entry is replaced.
Status writeHostsEntry(const fs::path& hosts, const std::string& hostname, const std::string& ip) {
    std::string content;
    if (auto text = readFile(hosts, 1 << 20))
        forEachLine(*text, [&](std::string_view line) {
            if (!line.starts_with("127.") && line.find("\t" + hostname) != std::string_view::npos) return;
            content.append(line).push_back('\n');
        });
    return writeFileAtomic(hosts, content + ip + "\t" + hostname + "\n");
}

network::Slirp4netnsOptions slirpOptions(const fs::path& containerDir) {
    network::Slirp4netnsOptions o;
    o.logFile = containerDir / "slirp4netns.log";
    char target[PATH_MAX];
    o.sandbox = ::realpath("/etc/resolv.conf", target) && network::sandboxUsable(target);
    return o;
}

} // namespace

Result<std::unique_ptr<SlirpNetwork>> SlirpNetwork::start(const ContainerConfig& c, pid_t pid, int netnsFd,
                                                          const fs::path& dir) {
    std::unique_ptr<SlirpNetwork> n(new SlirpNetwork);
    n->m_forwarder = BERTH_TRY(network::PortForwarder::open(netnsFd, portMappings(c)));
    n->m_slirp = BERTH_TRY(network::Slirp4netns::start(pid, slirpOptions(dir)));
    auto host = readFile("/etc/resolv.conf", 1u << 20);
    BERTH_CHECK(writeFileAtomic(dir / "resolv.conf", network::slirpResolvConf(host ? *host : "", c.dns)));
    BERTH_CHECK(writeHostsEntry(dir / "hosts", c.hostname, n->address()));
    BERTH_CHECK(n->m_forwarder->start());
    return n;
}

SlirpNetwork::~SlirpNetwork() {
    m_forwarder.reset();
    m_slirp.reset();
}

std::string SlirpNetwork::address() const {
    return network::formatIpv4(network::kSlirpAddress);
}

} // namespace berth::runtime
