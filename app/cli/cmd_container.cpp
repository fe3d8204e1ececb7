// Container verbs besides run/create/start: ps, stop, kill, restart, rm, logs, wait, inspect,
// rename, container prune.
#include "attach_client.h"
#include "command.h"
#include "container_output.h"
#include "format.h"
#include "go_template.h"

#include <chrono>
#include <csignal>
#include <thread>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <unistd.h>
#include <nlohmann/json.hpp>

namespace berth::cli {

using nlohmann::json;

namespace {

std::string commandText(const runtime::ContainerConfig& c) {
    std::string s;
    for (auto& a : c.process.args) s += (s.empty() ? "" : " ") + a;
    return s;
}

std::string portsText(const runtime::ContainerConfig& c) {
    std::string s;
    for (auto& p : c.ports)
        s += (s.empty() ? "" : ", ") + p.hostIp + ":" + std::to_string(p.hostPort) + "->" + std::to_string(p.containerPort) + "/" + p.protocol;
    return s;
}

json psJson(const runtime::Container& c, bool noTrunc) {
    std::string cmd = commandText(c.config);
    return {{"ID", noTrunc ? c.config.id : c.config.id.substr(0, 12)},
            {"Image", c.config.image},
            {"Command", "\"" + (noTrunc ? cmd : truncate(cmd, 20)) + "\""},
            {"CreatedAt", c.config.created},
            {"RunningFor", ago(c.config.created)},
            {"Status", statusText(c.state)},
            {"State", runtime::statusName(c.state.status)},
            {"Ports", portsText(c.config)},
            {"Names", c.config.name}};
}

bool matchesFilters(const runtime::Container& c, const std::vector<std::string>& filters) {
    for (auto& f : filters) {
        auto eq = f.find('=');
        std::string k = f.substr(0, eq), v = eq == std::string::npos ? "" : f.substr(eq + 1);
        if (k == "status" && v != runtime::statusName(c.state.status)) return false;
        if (k == "name" && c.config.name.find(v) == std::string::npos) return false;
        if (k == "id" && c.config.id.rfind(v, 0) != 0) return false;
        if (k == "ancestor" && c.config.image != v && c.config.imageName != v) return false;
        if (k == "exited" && !(c.state.status == runtime::ContainerStatus::Exited && std::to_string(c.state.exitCode) == v)) return false;
    }
    return true;
}

int runPs(Context& ctx, const ParsedArgs& a) {
    auto list = ctx.engine()->listContainers();
    if (!list) return reportError(list.error());
    bool noTrunc = a.has("no-trunc");
    std::vector<json> rows;
    for (auto& c : *list) {
        bool running = c.state.isRunning() || c.state.status == runtime::ContainerStatus::Restarting;
        if (!a.has("all") && !running && a.all("filter").empty()) continue;
        if (!matchesFilters(c, a.all("filter"))) continue;
        rows.push_back(psJson(c, noTrunc));
    }
    if (a.has("quiet")) {
        for (auto& r : rows) std::cout << r["ID"].get<std::string>() << '\n';
        return ExitOk;
    }
    if (a.has("format")) {
        for (auto& r : rows) {
            std::string out, err;
            if (!renderTemplate(a.value("format"), r, out, err)) {
                std::cerr << err << '\n';
                return ExitUsage;
            }
            std::cout << out << '\n';
        }
        return ExitOk;
    }
    Table t({"CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"});
    for (auto& r : rows)
        t.add({r["ID"], r["Image"], r["Command"], r["RunningFor"], r["Status"], r["Ports"], r["Names"]});
    t.print(std::cout);
    return ExitOk;
}

// Runs fn on each named container, printing the name as Docker does, and returns 1 if any failed.
int forEach(const ParsedArgs& a, const std::function<Status(const std::string&)>& fn) {
    int rc = ExitOk;
    for (auto& n : a.positional) {
        auto st = fn(n);
        if (!st) rc = reportError(st.error());
        else std::cout << n << '\n';
    }
    return rc;
}

int timeoutArg(const ParsedArgs& a) {
    std::string t = a.value("time", a.value("timeout", "-1"));
    try {
        return std::stoi(t);
    } catch (...) {
        return -1;
    }
}

int runStop(Context& ctx, const ParsedArgs& a) {
    int t = timeoutArg(a);
    return forEach(a, [&](const std::string& n) { return ctx.engine()->stopContainer(n, t); });
}

int runKill(Context& ctx, const ParsedArgs& a) {
    int sig = parseSignalArg(a.value("signal", "KILL"));
    if (sig == 0) {
        std::cerr << "Error: invalid signal: " << a.value("signal") << '\n';
        return ExitUsage;
    }
    return forEach(a, [&](const std::string& n) { return ctx.engine()->killContainer(n, sig); });
}

int runRestart(Context& ctx, const ParsedArgs& a) {
    int t = timeoutArg(a);
    return forEach(a, [&](const std::string& n) -> Status {
        BERTH_CHECK(ctx.engine()->stopContainer(n, t));
        auto r = BERTH_TRY(ctx.engine()->startContainer(n));
        if (!r.ok) return fail(ErrorCode::Internal, r.message);
        return {};
    });
}

int runRm(Context& ctx, const ParsedArgs& a) {
    bool force = a.has("force");
    return forEach(a, [&](const std::string& n) { return ctx.engine()->removeContainer(n, force); });
}

int runWait(Context& ctx, const ParsedArgs& a) {
    int rc = ExitOk;
    for (auto& n : a.positional) {
        auto code = ctx.engine()->waitContainer(n);
        if (!code) rc = reportError(code.error());
        else std::cout << *code << '\n';
    }
    return rc;
}

int runRename(Context& ctx, const ParsedArgs& a) {
    auto st = ctx.engine()->renameContainer(a.positional[0], a.positional[1]);
    return st ? ExitOk : reportError(st.error());
}

// Docker's --since: an RFC 3339 time, a Unix timestamp, or a duration ago ("42m", "2h", "30s").
std::int64_t parseSince(const std::string& v) {
    if (v.empty()) return -1;
    char unit = v.back();
    if (unit == 's' || unit == 'm' || unit == 'h') {
        try {
            double n = std::stod(v.substr(0, v.size() - 1));
            double mult = unit == 's' ? 1 : unit == 'm' ? 60 : 3600;
            return static_cast<std::int64_t>(std::time(nullptr) - n * mult);
        } catch (...) {
            return -1;
        }
    }
    if (v.find('T') != std::string::npos) return parseRfc3339(v);
    try {
        return std::stoll(v);
    } catch (...) {
        return -1;
    }
}

int runLogs(Context& ctx, const ParsedArgs& a) {
    auto c = ctx.engine()->inspectContainer(a.positional[0]);
    if (!c) return reportError(c.error());
    auto path = ctx.engine()->containers().logPath(c->config.id);
    std::vector<runtime::LogEntry> entries;
    std::int64_t since = -1;
    if (a.has("since")) {
        since = parseSince(a.value("since"));
        if (since < 0) {
            std::cerr << "Error: invalid value for \"since\": " << a.value("since") << '\n';
            return ExitUsage;
        }
    }
    auto whole = runtime::readWholeJsonLog(path, [&](const runtime::LogEntry& e) {
        if (since < 0 || parseRfc3339(e.time) >= since) entries.push_back(e);
    });
    if (!whole) return reportError(whole.error());
    // Following continues at the end of what was printed.
    runtime::JsonLogFollower follower(path, true);
    std::size_t first = 0;
    if (a.has("tail") && a.value("tail") != "all") {
        std::size_t n = static_cast<std::size_t>(std::max(0, std::atoi(a.value("tail").c_str())));
        first = entries.size() > n ? entries.size() - n : 0;
    }
    bool stamps = a.has("timestamps");
    auto print = [&](const runtime::LogEntry& e) {
        (e.stream == "stderr" ? std::cerr : std::cout) << (stamps ? e.time + " " : std::string()) << e.text << std::flush;
    };
    for (std::size_t i = first; i < entries.size(); ++i) print(entries[i]);
    if (!a.has("follow")) return ExitOk;
    while (true) {
        (void)follower.poll(print);
        auto state = ctx.engine()->containers().liveState(c->config.id);
        if (!state || !(state->isRunning() || state->status == runtime::ContainerStatus::Restarting)) {
            (void)follower.poll(print);
            return ExitOk;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

// Docker's NetworkSettings: every network the container is on, and at the top level the default
// bridge's address (empty on other networks, as Docker's).
json networkSettingsJson(const runtime::Container& c, const std::vector<engine::ContainerEndpoint>& endpoints) {
    json networks = json::object();
    json top = {{"IPAddress", ""}, {"IPPrefixLen", 0}, {"Gateway", ""}, {"MacAddress", ""}};
    for (auto& e : endpoints) {
        json entry = {{"IPAddress", e.ipAddress}, {"IPPrefixLen", e.ipPrefixLen}, {"Gateway", e.gateway},
                      {"MacAddress", e.macAddress}, {"NetworkID", e.networkId}, {"Aliases", e.aliases}};
        networks[e.network] = entry;
        if (e.network == "bridge")
            top = {{"IPAddress", e.ipAddress}, {"IPPrefixLen", e.ipPrefixLen}, {"Gateway", e.gateway}, {"MacAddress", e.macAddress}};
    }
    // A mode without a bridge endpoint (slirp4netns) shows the address its shim recorded.
    bool bridged = std::any_of(endpoints.begin(), endpoints.end(), [&](auto& e) { return e.network == c.config.networkMode; });
    if (!bridged) top["IPAddress"] = c.state.ipAddress;
    top["Networks"] = networks;
    return top;
}

json inspectJson(const runtime::Container& c, const std::vector<engine::ContainerEndpoint>& endpoints) {
    const auto& s = c.state;
    json args = json::array();
    for (std::size_t i = 1; i < c.config.process.args.size(); ++i) args.push_back(c.config.process.args[i]);
    return {{"Id", c.config.id},
            {"Created", c.config.created},
            {"Path", c.config.process.args.empty() ? "" : c.config.process.args[0]},
            {"Args", args},
            {"State", {{"Status", runtime::statusName(s.status)}, {"Running", s.isRunning()},
                       {"Paused", s.status == runtime::ContainerStatus::Paused},
                       {"Restarting", s.status == runtime::ContainerStatus::Restarting}, {"OOMKilled", s.oomKilled},
                       {"Dead", s.status == runtime::ContainerStatus::Dead}, {"Pid", s.pid}, {"ExitCode", s.exitCode},
                       {"Error", s.error}, {"StartedAt", s.startedAt}, {"FinishedAt", s.finishedAt}}},
            {"NetworkSettings", networkSettingsJson(c, endpoints)},
            {"Image", c.config.imageId},
            {"Name", "/" + c.config.name},
            {"RestartCount", s.restartCount},
            {"HostConfig", {{"AutoRemove", c.config.autoRemove}, {"ReadonlyRootfs", c.config.readOnlyRootfs},
                            {"RestartPolicy", {{"Name", c.config.restart.str()}, {"MaximumRetryCount", c.config.restart.maxRetries}}},
                            {"NetworkMode", c.config.networkMode}, {"Dns", c.config.dns}, {"ExtraHosts", c.config.extraHosts}, {"CapAdd", c.config.capAdd}, {"CapDrop", c.config.capDrop},
                            {"Memory", c.config.resources.memoryBytes.value_or(0)},
                            {"MemorySwap", c.config.resources.memorySwapBytes.value_or(0)},
                            {"NanoCpus", static_cast<std::int64_t>(c.config.resources.cpus.value_or(0) * 1e9)},
                            {"CpuShares", c.config.resources.cpuShares.value_or(0)},
                            {"PidsLimit", c.config.resources.pidsLimit.value_or(0)}}},
            {"Config", {{"Hostname", c.config.hostname}, {"User", c.config.process.user}, {"Env", c.config.process.env},
                        {"Cmd", c.config.process.args}, {"Image", c.config.image}, {"WorkingDir", c.config.process.cwd},
                        {"Labels", c.config.labels}, {"StopSignal", c.config.stopSignal}, {"StopTimeout", c.config.stopTimeout},
                        {"Tty", c.config.tty}}}};
}

int runContainerInspect(Context& ctx, const ParsedArgs& a) {
    json all = json::array();
    int rc = ExitOk;
    for (auto& n : a.positional) {
        auto c = ctx.engine()->inspectContainer(n);
        if (!c) {
            rc = reportError(c.error());
            continue;
        }
        all.push_back(inspectJson(*c, ctx.engine()->containerEndpoints(c->config.id).value_or(
                                          std::vector<engine::ContainerEndpoint>{})));
    }
    return printInspect(all, a.value("format")) ? rc : ExitUsage;
}

int runPrune(Context& ctx, const ParsedArgs& a) {
    if (!a.has("force")) {
        std::cout << "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] " << std::flush;
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "y" && answer != "Y") return ExitOk;
    }
    auto list = ctx.engine()->listContainers();
    if (!list) return reportError(list.error());
    std::cout << "Deleted Containers:\n";
    for (auto& c : *list)
        if (c.state.canRemove() && ctx.engine()->removeContainer(c.config.id, false)) std::cout << c.config.id << '\n';
    std::cout << "\nTotal reclaimed space: 0B\n";
    return ExitOk;
}

} // namespace

std::vector<Command> containerCommands() {
    const std::vector<FlagSpec> psFlags = {{"all", 'a', false, "Show all containers (default shows just running)"},
                                           {"quiet", 'q', false, "Only display container IDs"},
                                           {"no-trunc", 0, false, "Don't truncate output"},
                                           {"filter", 'f', true, "Filter output based on conditions provided"},
                                           {"format", 0, true, "Format output using a Go template subset"}};
    const std::vector<FlagSpec> stopFlags = {{"time", 't', true, "Seconds to wait before killing the container"},
                                             {"timeout", 0, true, "Alias of --time"},
                                             {"signal", 's', true, "Signal to send to the container"}};
    const std::vector<FlagSpec> logsFlags = {{"follow", 'f', false, "Follow log output"},
                                             {"tail", 'n', true, "Number of lines to show from the end of the logs"},
                                             {"timestamps", 't', false, "Show timestamps"},
                                             {"since", 0, true, "Show logs since timestamp (2013-01-02T13:23:37Z) or relative (42m)"}};
    std::vector<Command> c;
    for (const char* n : {"ps", "container ls", "container list", "container ps"})
        c.push_back({n, std::string(n) + " [OPTIONS]", "List containers", psFlags, runPs, 0, 0});
    for (const char* n : {"stop", "container stop"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers", stopFlags, runStop, 1});
    for (const char* n : {"kill", "container kill"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers",
                     {{"signal", 's', true, "Signal to send to the container"}}, runKill, 1});
    for (const char* n : {"restart", "container restart"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers", stopFlags, runRestart, 1});
    for (const char* n : {"rm", "container rm"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers",
                     {{"force", 'f', false, "Force the removal of a running container (uses SIGKILL)"}}, runRm, 1});
    for (const char* n : {"wait", "container wait"})
        c.push_back({n, std::string(n) + " CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes", {}, runWait, 1});
    for (const char* n : {"rename", "container rename"})
        c.push_back({n, std::string(n) + " CONTAINER NEW_NAME", "Rename a container", {}, runRename, 2, 2});
    for (const char* n : {"logs", "container logs"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER", "Fetch the logs of a container", logsFlags, runLogs, 1, 1});
    for (const char* n : {"container inspect"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER [CONTAINER...]", "Display detailed information on one or more containers",
                     {{"format", 'f', true, "Format output using a Go template subset"}}, runContainerInspect, 1});
    c.push_back({"inspect", "inspect [OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on containers or images",
                 {{"format", 'f', true, "Format output using a Go template subset"}},
                 [](Context& ctx, const ParsedArgs& a) {
                     // A name is tried as a container first, then as an image, as Docker does.
                     for (auto& n : a.positional)
                         if (!ctx.engine()->inspectContainer(n)) return imageInspect(ctx, a);
                     return runContainerInspect(ctx, a);
                 }, 1});
    for (const char* n : {"attach", "container attach"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container",
                     {{"detach-keys", 0, true, "Override the key sequence for detaching a container"},
                      {"no-stdin", 0, false, "Do not attach STDIN"}},
                     [](Context& ctx, const ParsedArgs& a) {
                         auto detachKeys = parseDetachKeys(a.value("detach-keys", kDefaultDetachKeys));
                         if (!detachKeys) {
                             std::cerr << "Error: " << detachKeys.error().message << '\n';
                             return ExitUsage;
                         }
                         auto target = ctx.engine()->inspectContainer(a.positional[0]);
                         if (!target) return reportError(target.error());
                         if (!target->state.isRunning()) {
                             std::cerr << "Error: You cannot attach to a stopped container, start it first\n";
                             return ExitFailure;
                         }
                         bool in = target->config.interactive && !a.has("no-stdin");
                         return attachAndWait(ctx, target->config.id, in, target->config.tty && in && ::isatty(STDIN_FILENO),
                                              in && target->config.tty ? *detachKeys : std::string());
                     }, 1, 1});
    for (const char* n : {"port", "container port"})
        c.push_back({n, std::string(n) + " CONTAINER", "List port mappings for the container", {},
                     [](Context& ctx, const ParsedArgs& a) {
                         auto target = ctx.engine()->inspectContainer(a.positional[0]);
                         if (!target) return reportError(target.error());
                         for (auto& p : target->config.ports)
                             std::cout << p.containerPort << "/" << p.protocol << " -> " << p.hostIp << ":" << p.hostPort << '\n';
                         return ExitOk;
                     }, 1, 1});
    c.push_back({"container prune", "container prune [OPTIONS]", "Remove all stopped containers",
                 {{"force", 'f', false, "Do not prompt for confirmation"}}, runPrune, 0, 0});
    return c;
}

} // namespace berth::cli
