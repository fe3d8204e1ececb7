#pragma once
// Where the bridges of user networks live, for the code that attaches, detaches, sweeps and removes
// them: the host's network namespace as root, the user's own namespace rootless
// (rootless/rootless_netns.h). Rootless, enter() holds <runtimeDir>/netns.lock until the object
// goes, so starting, using and stopping that namespace never interleave between processes, and
// run() executes the bridge code inside it on a short-lived thread (namespaces are per thread;
// nft and other children started there inherit it).
//
// Lifecycle: enter(Running) where a container joins a user network (starts the namespace when
// none runs) or enter(IfRunning) where one leaves → run(...) → stopIfUnused() after a leave: the
// namespace and its slirp4netns are stopped once no container holds an address on a user network.
// Calls nested inside run() pass straight through (no second lock, same namespace).
#include "support/error.h"
#include "support/file_lock.h"
#include "support/unique_fd.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <sys/types.h>

namespace berth::runtime {

class UserNetworksNamespace {
public:
    enum class Need {
        Running,   // start it when none runs
        IfRunning, // none runs: run() uses an empty throwaway namespace (what it would delete is
                   // already gone with the old one; only state files change)
    };
    static Result<UserNetworksNamespace> enter(Need need);

    // True rootless (outside a nested run()): the bridges are not in the caller's namespace, so
    // published ports are forwarded by the shim instead of nft DNAT on the host.
    bool separate() const { return m_separate; }
    // The namespace for PortForwarder::open; -1 when not separate or none runs.
    int fd() const { return m_netns.isValid() ? m_netns.get() : -1; }
    Status run(const std::function<Status()>& fn) const;
    // Rootless: stops the namespace (and its slirp4netns) when no live container holds an address
    // on any bridge network of the store at networksDir. Rootful: nothing.
    void stopIfUnused(const std::filesystem::path& networksDir);

private:
    UserNetworksNamespace() = default;
    std::optional<FileLock> m_lock;
    UniqueFd m_netns;
    pid_t m_holder = 0;
    std::filesystem::path m_runtimeDir;
    bool m_separate = false;
};

} // namespace berth::runtime
