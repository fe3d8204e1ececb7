#pragma once
// A container's network in slirp4netns mode, the rootless default (no bridge can be made without
// root): slirp4netns gives its namespace eth0 = 10.0.2.100/24 via 10.0.2.2, the container's
// resolv.conf names slirp's resolver 10.0.2.3 (or --dns), and its published ports are forwarded
// by the shim (network::PortForwarder). Owned by the shim from attach to detach.
#include "network/port_forwarder.h"
#include "network/slirp4netns.h"
#include "runtime/container_config.h"

#include <filesystem>
#include <memory>
#include <string>

namespace berth::runtime {

class SlirpNetwork {
public:
    // Binds the published ports first (a taken port fails before anything runs), then starts
    // slirp4netns for `pid` (its log: <containerDir>/slirp4netns.log), writes the container's
    // resolv.conf and its /etc/hosts entry, and starts forwarding. netnsFd: the container's netns.
    static Result<std::unique_ptr<SlirpNetwork>> start(const ContainerConfig& config, pid_t pid, int netnsFd,
                                                       const std::filesystem::path& containerDir);
    ~SlirpNetwork(); // the forwarder stops first, then slirp4netns is stopped and reaped

    std::string address() const; // "10.0.2.100"
    pid_t slirpPid() const { return m_slirp ? m_slirp->pid() : -1; }

private:
    SlirpNetwork() = default;
    std::unique_ptr<network::PortForwarder> m_forwarder;
    std::unique_ptr<network::Slirp4netns> m_slirp;
};

} // namespace berth::runtime
