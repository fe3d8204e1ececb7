#pragma once
// The rootless user's own network namespace for user networks, as rootless Podman's
// "rootless-netns": nothing can be made in the host's namespace without root, so the bridges,
// veths, IPAM addresses and nft rules of every user network live in ONE namespace per user, made
// inside the user namespace, with ONE slirp4netns (tap0, 10.0.2.100/24 via 10.0.2.2) carrying its
// outbound traffic. Containers on user networks get a veth into a bridge there; published ports are
// forwarded by their shims from 127.0.0.1 on the host into that namespace (port_forwarder.h).
//
// Processes: "berth-netns" holds the namespace (it unshared CLONE_NEWNET) and is the parent of its
// slirp4netns, started while it was still in the host's namespace and held by its exit fd. Both
// are detached from whoever started them (their parent exited), so they outlive a CLI or shim.
// Lifecycle: startRootlessNetns on the first attach to a user network → findRootlessNetns by the
// next users (pid in <runtimeDir>/netns.pid) → stopRootlessNetns when no container holds an
// address on a user network any more (SIGKILL of berth-netns: slirp4netns sees its exit fd hang
// up and has PR_SET_PDEATHSIG, the namespace goes with the last process in it). Callers hold
// <runtimeDir>/netns.lock around all three (user_networks_namespace.h).
#include "network/slirp4netns.h"
#include "support/error.h"

#include <filesystem>
#include <sys/types.h>

namespace berth::runtime {

// <runtimeDir>/netns.pid, <runtimeDir>/netns.lock, <runtimeDir>/netns-slirp4netns.log.
std::filesystem::path rootlessNetnsPidFile(const std::filesystem::path& runtimeDir);
std::filesystem::path rootlessNetnsLockFile(const std::filesystem::path& runtimeDir);
std::filesystem::path rootlessNetnsLogFile(const std::filesystem::path& runtimeDir);

// The holder recorded in runtimeDir when it still runs as ours ("berth-netns", our owner, our
// user namespace, not a zombie); 0 otherwise.
pid_t findRootlessNetns(const std::filesystem::path& runtimeDir);

// Makes the namespace and its slirp4netns (options.interfaceName is the tap, "tap0" by Podman's
// convention), waits until slirp4netns configured the tap, brings lo up and records the holder's
// pid. Fails with slirp4netns's last words when it does not get ready.
Result<pid_t> startRootlessNetns(const std::filesystem::path& runtimeDir,
                                 const network::Slirp4netnsOptions& options);

// Kills the holder (its slirp4netns follows), forgets the pid file and waits up to a second for it
// to be gone. A pid that is not our holder is left alone.
void stopRootlessNetns(const std::filesystem::path& runtimeDir, pid_t holder);

} // namespace berth::runtime
