#pragma once
// The shim's supervisor (runtime-internal): one container's state for the shim's whole run.
// shim.cpp holds its life cycle (spawn, wait, restart, stop), shim_network.cpp its networks.
#include "network/bridge_network.h"
#include "network/dns_server.h"
#include "network/network_store.h"
#include "network/port_forwarder.h"
#include "runtime/cgroups/cgroup_manager.h"
#include "runtime/container_config.h"
#include "runtime/container_init.h"
#include "runtime/container_store.h"
#include "runtime/event_log.h"
#include "runtime/slirp_network.h"
#include "support/unique_fd.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace berth::runtime {

// One container's supervisor state; lives for the shim's whole run.
class Shim {
public:
    Shim(ContainerStore store, ContainerConfig config, int readyFd, bool attachExpected)
        : m_store(std::move(store)), m_events(m_store.root() / "events.jsonl"), m_config(std::move(config)),
          m_readyFd(readyFd), m_attachExpected(attachExpected) {}

    int run();

private:
    struct Exit {
        int code = 0;
        bool startFailed = false;
        std::string message;
    };
    Result<Exit> startAndWait();
    // The init, in its new namespaces; entered says whether it is in the cgroup by itself already
    // (CgroupEntry), or still needs addProcess.
    Result<pid_t> spawn(InitPlan& plan, int control[2][2], bool& entered);
    void report(const std::string& text);
    Status updateState(const std::function<void(ContainerState&)>& change);
    void event(const std::string& action, std::map<std::string, std::string> extra = {});
    bool shouldRestart(const Exit& e, const ContainerState& s) const;
    Status setUpCgroup();
    Status attachNetwork(pid_t pid);
    void detachNetworks();
    void networkEvents(const std::string& action, std::vector<network::NetworkDef>& networks);
    // container:<id>: the network namespace to join, and the files that go with it.
    Result<UniqueFd> joinedNetns(InitPlan& plan);
    std::string seccompProgram();

    ContainerStore m_store;
    EventLog m_events;
    ContainerConfig m_config;
    int m_readyFd;
    bool m_attachExpected = false;
    std::unique_ptr<CgroupManager> m_cgroup;
    std::vector<network::BridgeConfig> m_attached;   // networks of this start, the first one with the ports
    std::vector<network::NetworkDef> m_attachedDefs; // the same networks, for their events
    std::vector<network::NetworkDef> m_detachedDefs; // left; their disconnect events follow die
    int m_joinNetns = -1;                            // container:<id>: spawn joins this namespace
    std::unique_ptr<network::DnsServer> m_dns;
    std::unique_ptr<SlirpNetwork> m_slirp; // slirp4netns mode: the user-mode stack and the port forwarder
    // Rootless user networks: the ports, forwarded into the user's network namespace.
    std::unique_ptr<network::PortForwarder> m_forwarder;
    bool m_userNetworks = false; // this start entered the user networks' namespace
    std::vector<UniqueFd> m_removalWaiters; // --rm: attach clients, closed once the container is removed
};

} // namespace berth::runtime
