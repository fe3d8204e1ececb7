#include "runtime/user_networks_namespace.h"

#include "network/netlink.h"
#include "network/network_store.h"
#include "runtime/rootless/rootless_netns.h"
#include "runtime/rootless/rootless_paths.h"
#include "support/user_namespace.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <sched.h>
#include <thread>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

// Set on the thread run() made, so a nested enter() neither locks again nor leaves the namespace.
thread_local bool t_inside = false;

network::Slirp4netnsOptions slirpOptions() {
    network::Slirp4netnsOptions o;
    o.interfaceName = "tap0";
    char target[PATH_MAX];
    o.sandbox = ::realpath("/etc/resolv.conf", target) && network::sandboxUsable(target);
    return o;
}

Result<UniqueFd> openNetns(pid_t holder) {
    UniqueFd fd(::open(("/proc/" + std::to_string(holder) + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid()) return sysFail("opening the user networks' namespace");
    return fd;
}

} // namespace

Result<UserNetworksNamespace> UserNetworksNamespace::enter(Need need) {
    UserNetworksNamespace ns;
    if (t_inside || !inUserNamespace()) return ns;
    ns.m_separate = true;
    auto paths = rootlessPaths();
    BERTH_CHECK(withContext(ensureRuntimeDir(paths), "user networks"));
    ns.m_runtimeDir = paths.runtimeDir;
    ns.m_lock =
        BERTH_TRY(FileLock::acquire(rootlessNetnsLockFile(paths.runtimeDir), FileLock::Mode::Exclusive));
    ns.m_holder = findRootlessNetns(paths.runtimeDir);
    if (ns.m_holder == 0 && need == Need::Running)
        ns.m_holder = BERTH_TRY(startRootlessNetns(paths.runtimeDir, slirpOptions()));
    if (ns.m_holder != 0) ns.m_netns = BERTH_TRY(openNetns(ns.m_holder));
    return ns;
}

Status UserNetworksNamespace::run(const std::function<Status()>& fn) const {
    if (!m_separate) return fn();
    Status result;
    std::thread worker([&] {
        // The thread's own namespace only; it ends right after fn.
        if (m_netns.isValid() ? ::setns(m_netns.get(), CLONE_NEWNET) != 0 : ::unshare(CLONE_NEWNET) != 0) {
            result = sysFail(m_netns.isValid() ? "joining the user networks' namespace"
                                               : "creating a network namespace");
            return;
        }
        t_inside = true;
        result = fn();
    });
    worker.join();
    return result;
}

void UserNetworksNamespace::stopIfUnused(const fs::path& networksDir) {
    if (!m_separate || m_holder == 0) return;
    auto store = network::NetworkStore::open(networksDir);
    auto defs =
        store ? store->list() : Result<std::vector<network::NetworkDef>>(std::vector<network::NetworkDef>{});
    if (!defs) return; // unsure: keep it
    for (auto& def : *defs) {
        if (!def.isBridge()) continue;
        auto leases = store->leases(def);
        if (!leases || std::any_of(leases->begin(), leases->end(), network::leaseOwnerAlive)) return;
    }
    m_netns.reset();
    stopRootlessNetns(m_runtimeDir, m_holder);
    m_holder = 0;
}

} // namespace berth::runtime
