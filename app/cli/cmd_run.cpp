// run, create, start: turning Docker's flags into CreateOptions and starting containers.
#include "attach_client.h"
#include "command.h"
#include "container_output.h"
#include "format.h"
#include "pull_display.h"

#include <cmath>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace berth::cli {

namespace {

// Docker's RAMInBytes: "64m", "1g", "512k", "1024" (binary units).
std::optional<std::int64_t> parseBytes(std::string s) {
    if (s.empty()) return std::nullopt;
    if (s == "-1") return -1;
    std::int64_t mult = 1;
    char unit = static_cast<char>(std::tolower(static_cast<unsigned char>(s.back())));
    if (unit == 'b') s.pop_back(), unit = s.empty() ? 0 : static_cast<char>(std::tolower(static_cast<unsigned char>(s.back())));
    if (unit == 'k') mult = 1ll << 10;
    else if (unit == 'm') mult = 1ll << 20;
    else if (unit == 'g') mult = 1ll << 30;
    if (mult != 1) s.pop_back();
    try {
        std::size_t used = 0;
        double v = std::stod(s, &used);
        if (used != s.size() || v < 0) return std::nullopt;
        return static_cast<std::int64_t>(v * static_cast<double>(mult));
    } catch (...) {
        return std::nullopt;
    }
}

std::optional<runtime::VolumeMount> parseVolume(const std::string& spec) {
    runtime::VolumeMount m;
    auto first = spec.find(':');
    if (first == std::string::npos) return std::nullopt; // anonymous volumes come with the volume work
    m.source = spec.substr(0, first);
    std::string rest = spec.substr(first + 1);
    auto second = rest.find(':');
    m.destination = rest.substr(0, second);
    if (second != std::string::npos) {
        std::string mode = rest.substr(second + 1);
        if (mode == "ro") m.readOnly = true;
        else if (mode != "rw") return std::nullopt;
    }
    if (m.source.empty() || m.source[0] != '/' || m.destination.empty() || m.destination[0] != '/') return std::nullopt;
    return m;
}

std::optional<UsageError> buildOptions(const ParsedArgs& a, engine::CreateOptions& o) {
    o.image = a.positional[0];
    if (a.positional.size() > 1) o.overrides.cmd.assign(a.positional.begin() + 1, a.positional.end());
    o.name = a.value("name");
    o.overrides.env = a.all("env");
    for (auto& file : a.all("env-file")) {
        std::ifstream in(file);
        if (!in) return UsageError{"open " + file + ": no such file or directory"};
        for (std::string line; std::getline(in, line);)
            if (!line.empty() && line[0] != '#') o.overrides.env.push_back(line);
    }
    o.overrides.workingDir = a.value("workdir");
    o.overrides.user = a.value("user");
    if (a.has("entrypoint")) o.overrides.entrypoint = a.value("entrypoint").empty() ? std::vector<std::string>{}
                                                                               : std::vector<std::string>{a.value("entrypoint")};
    o.overrides.hostname = a.value("hostname");
    o.overrides.tty = a.has("tty");
    o.interactive = a.has("interactive");
    o.autoRemove = a.has("rm");
    o.readOnlyRootfs = a.has("read-only");
    o.restart = a.value("restart", "no");
    o.groupAdd = a.all("group-add");
    if (a.has("memory") && !(o.resources.memoryBytes = parseBytes(a.value("memory"))))
        return UsageError{"invalid argument \"" + a.value("memory") + "\" for \"-m, --memory\" flag"};
    if (a.has("memory-swap") && !(o.resources.memorySwapBytes = parseBytes(a.value("memory-swap"))))
        return UsageError{"invalid argument \"" + a.value("memory-swap") + "\" for \"--memory-swap\" flag"};
    try {
        if (a.has("cpus")) o.resources.cpus = std::stod(a.value("cpus"));
        if (a.has("cpu-shares")) o.resources.cpuShares = std::stoull(a.value("cpu-shares"));
        if (a.has("pids-limit")) o.resources.pidsLimit = std::stoll(a.value("pids-limit"));
        if (a.has("stop-timeout")) o.stopTimeout = std::stoi(a.value("stop-timeout"));
    } catch (...) {
        return UsageError{"invalid number in --cpus, --cpu-shares, --pids-limit or --stop-timeout"};
    }
    o.capAdd = a.all("cap-add");
    o.capDrop = a.all("cap-drop");
    for (auto& opt : a.all("security-opt")) {
        if (opt == "no-new-privileges" || opt == "no-new-privileges:true" || opt == "no-new-privileges=true") o.noNewPrivileges = true;
        else if (opt == "seccomp=unconfined" || opt == "seccomp:unconfined") o.seccompUnconfined = true;
        else return UsageError{"invalid --security-opt: \"" + opt + "\""};
    }
    for (auto& v : a.all("volume")) {
        auto m = parseVolume(v);
        if (!m) return UsageError{"invalid volume specification: '" + v + "' (use /host/path:/container/path[:ro])"};
        o.mounts.push_back(*m);
    }
    for (auto& t : a.all("tmpfs")) {
        auto colon = t.find(':');
        o.mounts.push_back({"tmpfs", "", t.substr(0, colon), false, colon == std::string::npos ? "" : t.substr(colon + 1)});
    }
    o.networkMode = a.value("network", ""); // empty: the engine's default network
    o.networkAliases = a.all("network-alias");
    o.dns = a.all("dns");
    o.extraHosts = a.all("add-host");
    o.publishAll = a.has("publish-all");
    o.expose = a.all("expose");
    for (auto& spec : a.all("publish")) {
        auto port = runtime::parsePublishedPort(spec);
        if (!port) return UsageError{port.error().message};
        o.ports.push_back(*port);
    }
    for (auto& opt : a.all("log-opt")) {
        auto eq = opt.find('=');
        std::string k = opt.substr(0, eq), v = eq == std::string::npos ? "" : opt.substr(eq + 1);
        if (k == "max-size") {
            auto bytes = parseBytes(v);
            if (!bytes || *bytes < 0) return UsageError{"invalid --log-opt max-size: \"" + v + "\""};
            o.logMaxBytes = static_cast<std::uint64_t>(*bytes);
        } else if (k == "max-file") {
            try {
                o.logMaxFiles = std::stoi(v);
            } catch (...) {
                return UsageError{"invalid --log-opt max-file: \"" + v + "\""};
            }
            if (o.logMaxFiles < 1) return UsageError{"invalid --log-opt max-file: must be at least 1"};
        } else {
            return UsageError{"unknown log opt '" + k + "' for json-file log driver"};
        }
    }
    o.stopSignal = a.value("stop-signal");
    for (auto& l : a.all("label")) {
        auto eq = l.find('=');
        o.labels[l.substr(0, eq)] = eq == std::string::npos ? "" : l.substr(eq + 1);
    }
    return std::nullopt;
}

// Docker pulls a missing image before create/run.
Result<runtime::ContainerConfig> createPulling(Context& ctx, const engine::CreateOptions& o) {
    auto created = ctx.engine()->createContainer(o);
    if (created || created.error().code != ErrorCode::NotFound || created.error().message.find("no such image") == std::string::npos)
        return created;
    std::cerr << "Unable to find image '" << o.image << "' locally\n";
    PullDisplay display(std::cerr, false);
    image::PullOptions po;
    po.progress = [&](const image::PullProgress& p) { display.update(p); };
    auto pulled = ctx.engine()->pull(o.image, po);
    if (!pulled) return std::unexpected(pulled.error());
    return ctx.engine()->createContainer(o);
}

int startFailed(const runtime::StartReport& r) {
    std::cerr << "Error: " << r.message << '\n';
    return r.exitCode ? r.exitCode : 125;
}

int runRun(Context& ctx, const ParsedArgs& a) {
    engine::CreateOptions o;
    if (auto err = buildOptions(a, o)) {
        std::cerr << "Error: " << err->message << '\n';
        return ExitUsage;
    }
    auto detachKeys = parseDetachKeys(a.value("detach-keys", kDefaultDetachKeys));
    if (!detachKeys) {
        std::cerr << "Error: " << detachKeys.error().message << '\n';
        return ExitUsage;
    }
    o.startsNow = true; // a port a running container holds is refused before anything is created
    auto created = createPulling(ctx, o);
    if (!created) {
        std::cerr << "Error: " << created.error().message << '\n';
        return ExitUsage; // Docker: errors of the engine before the program runs are 125
    }
    if (o.interactive && o.overrides.tty && !a.has("detach") && !::isatty(STDIN_FILENO)) {
        std::cerr << "the input device is not a TTY\n";
        (void)ctx.engine()->removeContainer(created->id, true);
        return ExitFailure;
    }
    bool attached = !a.has("detach");
    auto started = ctx.engine()->startContainer(created->id, attached);
    if (!started) {
        std::cerr << "Error: " << started.error().message << '\n';
        return ExitUsage;
    }
    if (!started->ok) {
        if (o.autoRemove) (void)ctx.engine()->removeContainer(created->id, true);
        return startFailed(*started);
    }
    if (!attached) {
        std::cout << created->id << '\n';
        return ExitOk;
    }
    // Output (and with -i, input) goes through the shim's attach socket: nothing is lost, even
    // when the log rotates faster than anyone could read it.
    return attachAndWait(ctx, created->id, o.interactive, o.overrides.tty && ::isatty(STDIN_FILENO),
                         o.interactive && o.overrides.tty ? *detachKeys : std::string());
}

int runCreate(Context& ctx, const ParsedArgs& a) {
    engine::CreateOptions o;
    if (auto err = buildOptions(a, o)) {
        std::cerr << "Error: " << err->message << '\n';
        return ExitUsage;
    }
    auto created = createPulling(ctx, o);
    if (!created) return reportError(created.error());
    std::cout << created->id << '\n';
    return ExitOk;
}

int runStart(Context& ctx, const ParsedArgs& a) {
    auto detachKeys = parseDetachKeys(a.value("detach-keys", kDefaultDetachKeys));
    if (!detachKeys) {
        std::cerr << "Error: " << detachKeys.error().message << '\n';
        return ExitUsage;
    }
    int rc = ExitOk;
    for (auto& name : a.positional) {
        auto started = ctx.engine()->startContainer(name, a.has("attach"));
        if (!started) {
            rc = reportError(started.error());
            continue;
        }
        if (!started->ok) {
            rc = startFailed(*started);
            continue;
        }
        if (a.has("attach")) {
            auto c = ctx.engine()->inspectContainer(name);
            if (!c) return reportError(c.error());
            const bool in = a.has("interactive") && c->config.interactive;
            return attachAndWait(ctx, c->config.id, in, c->config.tty && ::isatty(STDIN_FILENO),
                                 in && c->config.tty ? *detachKeys : std::string());
        }
        std::cout << name << '\n';
    }
    return rc;
}

} // namespace

std::vector<FlagSpec> createFlags() {
    return {{"detach", 'd', false, "Run container in background and print container ID"},
            {"rm", 0, false, "Automatically remove the container when it exits"},
            {"interactive", 'i', false, "Keep STDIN open even if not attached"},
            {"tty", 't', false, "Allocate a pseudo-TTY"},
            {"name", 0, true, "Assign a name to the container"},
            {"env", 'e', true, "Set environment variables"},
            {"env-file", 0, true, "Read in a file of environment variables"},
            {"workdir", 'w', true, "Working directory inside the container"},
            {"user", 'u', true, "Username or UID (format: <name|uid>[:<group|gid>])"},
            {"group-add", 0, true, "Add additional groups to join"},
            {"entrypoint", 0, true, "Overwrite the default ENTRYPOINT of the image"},
            {"hostname", 'h', true, "Container host name"},
            {"memory", 'm', true, "Memory limit"},
            {"memory-swap", 0, true, "Swap limit equal to memory plus swap: '-1' to enable unlimited swap"},
            {"cpus", 0, true, "Number of CPUs"},
            {"cpu-shares", 'c', true, "CPU shares (relative weight)"},
            {"pids-limit", 0, true, "Tune container pids limit (set -1 for unlimited)"},
            {"restart", 0, true, "Restart policy to apply when a container exits (default \"no\")"},
            {"read-only", 0, false, "Mount the container's root filesystem as read only"},
            {"cap-add", 0, true, "Add Linux capabilities"},
            {"cap-drop", 0, true, "Drop Linux capabilities"},
            {"security-opt", 0, true, "Security Options (no-new-privileges, seccomp=unconfined)"},
            {"volume", 'v', true, "Bind mount a volume (HOST:CONTAINER[:ro])"},
            {"tmpfs", 0, true, "Mount a tmpfs directory"},
            {"network", 0, true, "Connect a container to a network (bridge, none, host, container:<name|id>, a user network; default: the engine's default network, bridge unless BERTH_DEFAULT_NETWORK says otherwise)"},
            {"network-alias", 0, true, "Add network-scoped alias for the container"},
            {"dns", 0, true, "Set custom DNS servers"},
            {"add-host", 0, true, "Add a custom host-to-IP mapping (host:ip)"},
            {"publish", 'p', true, "Publish a container's port to the host ([IP:]HOST:CTR[/proto], default IP 127.0.0.1)"},
            {"publish-all", 'P', false, "Publish all exposed ports to free ports on 127.0.0.1"},
            {"expose", 0, true, "Expose a port or a range of ports"},
            {"net", 0, true, "Alias of --network"},
            {"stop-signal", 0, true, "Signal to stop the container"},
            {"log-opt", 0, true, "Log driver options (max-size=10m, max-file=3)"},
            {"stop-timeout", 0, true, "Timeout (in seconds) to stop a container"},
            {"label", 'l', true, "Set meta data on a container"}};
}

std::vector<Command> runCommands() {
    std::vector<Command> c;
    auto flags = createFlags();
    auto withNet = [](Command cmd) {
        auto inner = cmd.run;
        cmd.run = [inner](Context& ctx, const ParsedArgs& a) {
            ParsedArgs copy = a;
            if (copy.has("net") && !copy.has("network")) copy.values["network"] = copy.values["net"];
            return inner(ctx, copy);
        };
        return cmd;
    };
    auto runFlags = flags;
    runFlags.push_back({"detach-keys", 0, true, "Override the key sequence for detaching a container"});
    for (const char* n : {"run", "container run"})
        c.push_back(withNet({n, std::string(n) + " [OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image",
                             runFlags, runRun, 1, static_cast<std::size_t>(-1), true}));
    for (const char* n : {"create", "container create"})
        c.push_back(withNet({n, std::string(n) + " [OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container", flags, runCreate, 1,
                             static_cast<std::size_t>(-1), true}));
    for (const char* n : {"start", "container start"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers",
                     {{"attach", 'a', false, "Attach STDOUT/STDERR and forward signals"},
                      {"detach-keys", 0, true, "Override the key sequence for detaching a container"},
                      {"interactive", 'i', false, "Attach container's STDIN"}}, runStart, 1});
    return c;
}

} // namespace berth::cli
