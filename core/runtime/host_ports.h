#pragma once
// Host ports of a container's published ports are allocated when it starts, not when it is
// created, as Docker's port allocator does: two stopped containers may name 127.0.0.1:8080, and
// whichever starts second is refused. On a bridge the ports are DNAT rules, not sockets, so "held"
// means: another container that names the port holds a live lease on its first network (its shim
// still runs). The check and the attach that takes the lease run under one lock,
// <root>/networks/ports.lock, so two starts cannot both pass it.
#include "network/nat_rules.h"
#include "runtime/container_store.h"
#include "support/file_lock.h"

#include <optional>

namespace berth::runtime {

// Locks, then refuses (AlreadyExists, "bind for IP:PORT failed: port is already allocated") a port
// another container holds or a host process has bound. The lock is returned to be held until the
// container's lease and port rules exist; nullopt when the container publishes nothing.
Result<std::optional<FileLock>> allocateHostPorts(const ContainerStore& store, const ContainerConfig& config);

// The config's published ports as the network layer's mappings (bridge DNAT and slirp forwarding).
std::vector<network::PortMapping> portMappings(const ContainerConfig& config);

} // namespace berth::runtime
