#pragma once
// Containers on disk, one directory each, shared by the CLI, the app and the shims:
//   <root>/containers/<id>/config.json   fixed at create (ContainerConfig)
//   <root>/containers/<id>/state.json    rewritten atomically on every transition
//   <root>/containers/<id>/lock          flock: held by whoever changes the state
//   <root>/containers/<id>/<id>-json.log the container's output, Docker's json-file lines
//   <root>/containers.lock               held while a name is claimed or a container removed
// Every verb follows one template: lock → read state → check the guard → act → write state →
// append the event.
#include "runtime/container_config.h"
#include "runtime/container_state.h"
#include "support/file_lock.h"

#include <filesystem>
#include <vector>

namespace berth::runtime {

struct Container {
    ContainerConfig config;
    ContainerState state;
};

class ContainerStore {
public:
    static Result<ContainerStore> open(std::filesystem::path root);

    // Claims config.name (generating one when empty) and config.id (when empty); writes both files.
    Result<ContainerConfig> create(ContainerConfig config);
    // By full id, unique id prefix, or name (with or without a leading "/").
    Result<Container> find(std::string_view idOrName) const;
    Result<std::vector<Container>> list() const;
    Result<ContainerState> readState(const std::string& id) const;
    // readState, put right when the container's shim has died (then it is exited, never stuck).
    Result<ContainerState> liveState(const std::string& id) const;
    Status writeState(const std::string& id, const ContainerState& state);
    Result<FileLock> lock(const std::string& id) const;
    Status rename(const std::string& id, const std::string& newName);
    Status remove(const std::string& id);

    std::filesystem::path dir(const std::string& id) const { return m_root / "containers" / id; }
    std::filesystem::path logPath(const std::string& id) const { return dir(id) / (id + "-json.log"); }
    // The networks joined with `network connect` (readConnectedNetworks / writeConnectedNetworks).
    std::filesystem::path connectedNetworksPath(const std::string& id) const { return dir(id) / "networks.json"; }
    const std::filesystem::path& root() const { return m_root; }

private:
    explicit ContainerStore(std::filesystem::path root) : m_root(std::move(root)) {}
    Result<ContainerConfig> readConfig(const std::string& id) const;
    bool nameTaken(const std::string& name) const;
    std::filesystem::path m_root;
};

// Docker-like "adjective_scientist" names.
std::string generateContainerName();
bool isValidContainerName(std::string_view name);

} // namespace berth::runtime
