#pragma once
// The one facade the CLI, the desktop app (and later an API server) share. Blocking and
// synchronous: the GUI calls it from worker threads. Everything it returns is a plain value.
// Engine::open is the composition root: it wires the store, the snapshotter and the registry
// options together.
#include "image/credential_store.h"
#include "image/image_archive.h"
#include "image/image_store.h"
#include "image/puller.h"
#include "metrics/usage_calculator.h"
#include "network/network_store.h"
#include "runtime/container_store.h"
#include "runtime/security/capabilities.h"
#include "runtime/event_log.h"
#include "runtime/json_log.h"
#include "runtime/rootless/rootless_info.h"
#include "runtime/shim.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace berth::engine {

struct EngineOptions {
    std::filesystem::path root;                 // store root; defaultRoot() when empty
    std::vector<std::string> insecureRegistries;
    std::filesystem::path credentialsFile;      // CredentialStore::defaultPath() when empty
    // The network of containers created without one (dockerd's --bridge): empty means the
    // environment's BERTH_DEFAULT_NETWORK, else "bridge". "none" keeps new containers off any bridge.
    std::string defaultNetwork;
};

// One line of `berth images`: an image under one of its names (or <none>).
struct ImageRow {
    std::string repository; // familiar form, "<none>" when dangling
    std::string tag;        // "<none>" when dangling or pinned by digest only
    std::string digest;     // repo digest, "<none>" when unknown
    oci::Digest imageId;
    std::string created;    // from the image config
    std::uint64_t size = 0;
};

struct RemoveReport {
    std::vector<std::string> untagged; // familiar names
    std::vector<std::string> deleted;  // image ids (sha256:…)
};

struct PruneReport {
    std::vector<std::string> deleted;
    std::uint64_t reclaimedBytes = 0;
};

// What `berth create` / `run` ask for beyond the image (Docker's flags).
struct CreateOptions {
    std::string image;
    std::string name;
    runtime::RunOverrides overrides;
    std::vector<std::string> groupAdd;
    bool interactive = false;
    bool autoRemove = false;
    bool readOnlyRootfs = false;
    std::string restart = "no";
    runtime::Resources resources;
    std::vector<std::string> capAdd, capDrop;
    bool noNewPrivileges = false;
    bool seccompUnconfined = false;
    std::vector<runtime::VolumeMount> mounts;
    std::string networkMode; // "" or "default": the engine's default network; none, host, bridge, a user network, container:<name|id>
    std::vector<std::string> networkAliases; // --network-alias (user networks only)
    std::vector<std::string> dns;            // --dns
    std::vector<std::string> extraHosts;     // --add-host name:ip
    std::vector<runtime::PublishedPort> ports;
    bool publishAll = false;                 // -P: every exposed port on a free 127.0.0.1 port
    bool startsNow = false;                  // `run`: refuse a host port a running container holds
    std::vector<std::string> expose;         // --expose 80[/tcp]
    std::uint64_t logMaxBytes = 10u << 20;
    int logMaxFiles = 3;
    std::string stopSignal;   // empty: the image's, else SIGTERM
    int stopTimeout = -1;     // -1: 10 s
    std::map<std::string, std::string> labels;
};

// One reading for `stats` and the app's charts: feed two to metrics::cpuPercent.
struct ContainerSample {
    runtime::CgroupStats cgroup;
    std::uint64_t netRxBytes = 0, netTxBytes = 0; // the container's interfaces except lo
    metrics::CpuCounters cpu;
    std::uint64_t hostMemory = 0;
};

// `berth cp` options. archive (-a): keep the source's uid/gid; otherwise copies in are root's
// and copies out the caller's. followLink (-L): a symlink at the source path itself is followed.
struct CopyOptions {
    bool archive = false;
    bool followLink = false;
};

// `berth exec`: a command run inside a running container, in all its namespaces and cgroup,
// with the container's capabilities and seccomp profile.
struct ExecOptions {
    std::vector<std::string> cmd;
    std::vector<std::string> env;   // "K=V", added to the container's environment
    std::string user;               // default: the container's user
    std::string workingDir;         // default: the container's working directory
    bool interactive = false;       // keep stdin attached
    bool tty = false;               // a pty of its own, from the container's devpts
    bool detach = false;
};

// One line of `berth diff`: 'A' added, 'C' changed, 'D' deleted (Docker's letters).
struct ChangeRow {
    char kind = 'C';
    std::string path;
};

// One line of `top`.
struct ProcessRow {
    int pid = 0, ppid = 0;
    unsigned uid = 0;
    std::string state, command;
};

// One container on a network, for `network inspect`.
struct NetworkEndpoint {
    std::string containerId;
    std::string name;
    std::string ipv4Address; // "10.89.0.2/24"
    std::vector<std::string> aliases;
    std::string macAddress; // "02:42:0a:59:00:02"
};

// One network a container is on, for `inspect` (Docker's NetworkSettings.Networks entry). The
// address fields are empty while the container does not run.
struct ContainerEndpoint {
    std::string network;   // its name
    std::string networkId;
    std::string ipAddress; // "10.88.0.2"
    int ipPrefixLen = 0;
    std::string gateway;
    std::string macAddress;
    std::vector<std::string> aliases;
};

struct NetworkDetails {
    network::NetworkDef def;
    std::vector<NetworkEndpoint> containers; // the running ones
};

struct EngineInfo {
    std::string version;
    std::filesystem::path root;
    std::string snapshotter;   // "overlay" or "copy"
    std::string platform;
    std::size_t images = 0;
    std::size_t layers = 0;
    bool rootless = false;
    runtime::RootlessInfo rootlessDetails; // id maps, runtime dir, what works; set when rootless
    std::string defaultNetwork; // what `run` without --network joins
};

class Engine {
public:
    static Result<std::unique_ptr<Engine>> open(EngineOptions options);
    // /var/lib/berth as root, $XDG_DATA_HOME/berth (~/.local/share/berth) rootless, also inside
    // the rootless user namespace where geteuid() is 0.
    static std::filesystem::path defaultRoot();
    static const char* version();

    Result<image::PullResult> pull(std::string_view reference, image::PullOptions options);
    Result<std::vector<ImageRow>> listImages(bool all = false);
    Result<image::Image> inspectImage(std::string_view reference);
    Status tag(std::string_view source, std::string_view target);
    Result<RemoveReport> removeImage(std::string_view reference, bool force);
    Result<PruneReport> pruneImages(bool all);
    Status save(const std::vector<std::string>& references, const std::filesystem::path& out);
    Result<std::vector<image::LoadedImage>> load(const std::filesystem::path& in);
    Status login(const std::string& registry, const image::Credentials& credentials);
    Status logout(const std::string& registry);
    EngineInfo info();

    // Containers (see runtime/container_store.h for the on-disk model and lifecycle).
    Result<runtime::ContainerConfig> createContainer(const CreateOptions& options);
    // Starts the container's shim and returns once the program runs (or failed to start:
    // report.exitCode is then 125, 126 or 127 as Docker's).
    // attach: the caller will connect to the attach socket at once (its output is kept until then).
    Result<runtime::StartReport> startContainer(std::string_view idOrName, bool attach = false);
    // StopSignal, then SIGKILL after timeoutSeconds (-1: the container's stop timeout).
    Status stopContainer(std::string_view idOrName, int timeoutSeconds = -1);
    Status killContainer(std::string_view idOrName, int signal);
    Status removeContainer(std::string_view idOrName, bool force);
    Result<std::vector<runtime::Container>> listContainers();
    Result<runtime::Container> inspectContainer(std::string_view idOrName);
    // Blocks until the container has exited (or was removed); returns its exit code.
    Result<int> waitContainer(std::string_view idOrName);
    Status renameContainer(std::string_view idOrName, const std::string& newName);
    // Freezes / thaws every process of the container (cgroup freezer).
    Status pauseContainer(std::string_view idOrName);
    Status unpauseContainer(std::string_view idOrName);
    // One reading of the container's cgroup counters and the host's CPU counters, taken together.
    Result<ContainerSample> sampleContainer(std::string_view idOrName);
    // Runs a command in a running container with the caller's stdio; returns its exit code
    // (126/127 when it cannot be executed or found, as `docker exec`).
    Result<int> execInContainer(std::string_view idOrName, const ExecOptions& options);
    // `berth cp`, both ways, confined to the container's root (CVE-2018-15664: no path may leave it).
    Status copyFromContainer(std::string_view idOrName, const std::string& containerPath, const std::filesystem::path& hostDest,
                             const CopyOptions& options = {});
    Status copyToContainer(std::string_view idOrName, const std::filesystem::path& hostSource, const std::string& containerPath,
                           const CopyOptions& options = {});
    // `berth cp CONTAINER:SRC -` and `berth cp - CONTAINER:DEST`: a tar stream on outFd / from inFd
    // (DEST must be a directory).
    Status copyFromContainerAsTar(std::string_view idOrName, const std::string& containerPath, int outFd, const CopyOptions& options = {});
    Status copyTarToContainer(std::string_view idOrName, int inFd, const std::string& containerPath, const CopyOptions& options = {});
    // What the container changed, from its writable layer (whiteouts are deletions).
    Result<std::vector<ChangeRow>> containerChanges(std::string_view idOrName);
    // The container's processes as the host sees them.
    Result<std::vector<ProcessRow>> containerProcesses(std::string_view idOrName);
    // Networks (see network/network_store.h): the built-in bridge, host and none, and user-defined
    // bridge networks whose containers find each other by name.
    Result<network::NetworkDef> createNetwork(const network::NetworkCreateRequest& request);
    Result<std::vector<network::NetworkDef>> listNetworks();
    Result<NetworkDetails> inspectNetwork(std::string_view nameOrId);
    // Fails ("network NAME has active endpoints") while a running container is on it.
    Status removeNetwork(std::string_view nameOrId);
    // Removes the user networks no running container is on, as Docker (a stopped container's
    // network goes too; its next start then fails), that `select` (the CLI's until and label
    // filters) accepts; returns their names.
    Result<std::vector<std::string>>
    pruneNetworks(const std::function<bool(const network::NetworkDef&)>& select = {});
    // Adds a network to a container (a further interface when it runs, at once).
    Status connectNetwork(std::string_view network, std::string_view container, const std::vector<std::string>& aliases);
    Status disconnectNetwork(std::string_view network, std::string_view container, bool force);
    // The networks a container is on: its network mode's (when a bridge network) and the connected ones.
    Result<std::vector<std::string>> containerNetworks(std::string_view idOrName);
    // Every network the container is on (its mode's first, then the connected ones), with its
    // address there while it runs.
    Result<std::vector<ContainerEndpoint>> containerEndpoints(std::string_view idOrName);
    // Releases what dead containers still hold on every bridge network (leases, links, port rules)
    // and the nft rules of networks and containers Berth no longer knows. Returns the container
    // ids released. `network prune` runs it; starts sweep the networks they join.
    Result<std::vector<std::string>> sweepNetworks();
    // The network a container created without --network joins (EngineOptions::defaultNetwork).
    std::string defaultNetwork() const;
    runtime::ContainerStore& containers() { return m_containers; }
    runtime::EventLog& events() { return m_events; }

    image::ImageStore& store() { return m_store; }
    image::RegistryOptions registryOptions() const;

private:
    Engine(EngineOptions options, image::ImageStore store, runtime::ContainerStore containers);
    std::vector<oci::ChainId> snapshotsInUse();
    bool useOverlay() const;
    // The container's cgroup manager, of the backend this engine's mode uses; state names its
    // init for the backend without a cgroup.
    static Result<std::unique_ptr<runtime::CgroupManager>> cgroupOf(const std::string& id,
                                                                   const runtime::ContainerState& state);
    Status prepareRootfs(const runtime::ContainerConfig& config, const image::Image& img);
    Result<network::NetworkStore> networkStore() const;
    Status resolveNetworking(const CreateOptions& options, const image::Image& img, runtime::ContainerConfig& config);
    // Removes what a dead container still holds on its networks (a shim that was killed could not).
    void releaseNetworks(const runtime::Container& container);
    EngineOptions m_options;
    image::ImageStore m_store;
    runtime::ContainerStore m_containers;
    runtime::EventLog m_events;
    image::CredentialStore m_credentials;
};

// A signal by name ("SIGTERM", "TERM", "RTMIN+3") or number; 0 when unknown.
int parseSignal(const std::string& name);

// "docker.io" for Docker Hub names ("index.docker.io", "registry-1.docker.io"), else the host as given.
std::string normalizeRegistryHost(std::string_view host);

} // namespace berth::engine
