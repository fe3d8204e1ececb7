#pragma once
// What a container is made of, fixed when it is created (Docker's `create` flags after the merge
// with the image config). Written once as <root>/containers/<id>/config.json; everything that
// changes while it lives is in ContainerState.
#include "runtime/cgroups/cgroup_manager.h"
#include "runtime/process_config.h"
#include "support/error.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berth::runtime {

// Docker's --restart: no, on-failure[:N], always, unless-stopped.
struct RestartPolicy {
    enum class Kind { No, OnFailure, Always, UnlessStopped };
    Kind kind = Kind::No;
    int maxRetries = 0; // on-failure only; 0 = unlimited
    static Result<RestartPolicy> parse(std::string_view text);
    std::string str() const;
};


// A bind mount (-v HOST:CTR[:ro]) or a tmpfs (--tmpfs CTR[:opts]).
struct VolumeMount {
    std::string type = "bind"; // "bind" or "tmpfs"
    std::string source;        // host path (bind)
    std::string destination;   // in the container
    bool readOnly = false;
    std::string options;       // tmpfs options
};

// -p [IP:]HOST:CTR[/proto] on the bridge network; the default IP is 127.0.0.1, not every
// interface as Docker's (a published port should not bypass the host's firewall by default).
struct PublishedPort {
    std::string hostIp = "127.0.0.1";
    int hostPort = 0; // 0 at create: a free port is chosen
    int containerPort = 0;
    std::string protocol = "tcp";
};
Result<PublishedPort> parsePublishedPort(std::string_view spec);
// Whether two published ports would take the same host port (0.0.0.0 overlaps every address).
bool samePublishedHostPort(const PublishedPort& a, const PublishedPort& b);

// The container id of a "container:<id>" network mode; empty for every other mode.
std::string networkContainer(const std::string& networkMode);
// Whether the mode is a bridge network, the default one or a user-defined one.
bool isBridgeMode(const std::string& networkMode);
// Rootless networking (Podman's name): a user-mode stack, slirp4netns, instead of a bridge; its
// published ports are forwarded by the shim.
inline constexpr const char* kSlirp4netnsMode = "slirp4netns";
bool isSlirp4netnsMode(const std::string& networkMode);

struct ContainerConfig {
    std::string id;   // 64 hex characters
    std::string name; // without Docker's leading "/"
    std::string image;     // as the user wrote it
    std::string imageName; // full reference it resolved to
    std::string imageId;   // sha256:… of the image config
    std::vector<std::string> layers; // ChainIds, bottom first
    ProcessConfig process;
    std::vector<std::string> groupAdd; // --group-add
    std::string hostname;
    bool tty = false;
    bool interactive = false;
    bool autoRemove = false;
    bool readOnlyRootfs = false;
    std::string stopSignal = "SIGTERM";
    int stopTimeout = 10;
    RestartPolicy restart;
    Resources resources; // --memory, --memory-swap, --cpus, --cpu-shares, --pids-limit
    std::vector<std::string> capAdd, capDrop;
    bool noNewPrivileges = false;
    bool seccompUnconfined = false;
    std::vector<VolumeMount> mounts;
    // "none", "host", "bridge" (the default bridge), a user network's name, "slirp4netns", or
    // "container:<id>" (the network namespace of another, running container).
    std::string networkMode = "none";
    std::vector<std::string> networkAliases; // --network-alias: more DNS names on user networks
    std::vector<std::string> dns;            // --dns: nameservers (upstreams of the embedded DNS on user networks)
    std::vector<std::string> extraHosts;     // --add-host "name:ip", lines in /etc/hosts
    std::vector<PublishedPort> ports;
    std::uint64_t logMaxBytes = 10u << 20; // --log-opt max-size (0 = unlimited)
    int logMaxFiles = 3;                   // --log-opt max-file
    std::vector<std::string> exposedPorts;
    std::map<std::string, std::string> labels;
    std::string created; // RFC 3339
};

// Networks joined later with `network connect` (beyond networkMode), kept in
// <container dir>/networks.json because config.json is written once. The shim attaches them at
// every start (eth1, eth2, … in this order) and detaches them when the container stops.
struct ConnectedNetwork {
    std::string network; // name
    std::vector<std::string> aliases;
};
Result<std::vector<ConnectedNetwork>> readConnectedNetworks(const std::filesystem::path& file);
Status writeConnectedNetworks(const std::filesystem::path& file, const std::vector<ConnectedNetwork>& networks);

std::string toJson(const ContainerConfig& config);
Result<ContainerConfig> parseContainerConfig(std::string_view json);

} // namespace berth::runtime
