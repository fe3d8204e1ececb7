// pause, unpause, stats, top, events and the generic inspect.
#include "command.h"
#include "container_output.h"
#include "format.h"
#include "go_template.h"
#include "time_arg.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <optional>
#include <set>
#include <thread>

namespace berth::cli {

namespace {

int runPause(Context& ctx, const ParsedArgs& a) {
    int rc = ExitOk;
    for (auto& n : a.positional) {
        auto st = ctx.engine()->pauseContainer(n);
        if (!st) rc = reportError(st.error());
        else std::cout << n << '\n';
    }
    return rc;
}

int runUnpause(Context& ctx, const ParsedArgs& a) {
    int rc = ExitOk;
    for (auto& n : a.positional) {
        auto st = ctx.engine()->unpauseContainer(n);
        if (!st) rc = reportError(st.error());
        else std::cout << n << '\n';
    }
    return rc;
}

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", v);
    return buf;
}

std::string binarySize(double b) {
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int i = 0;
    while (b >= 1024 && i < 4) b /= 1024, ++i;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g%s", b, units[i]);
    return buf;
}

// Docker's `stats --no-stream`: two readings a second apart give CPU %.
int runStats(Context& ctx, const ParsedArgs& a) {
    std::vector<std::string> names = a.positional;
    if (names.empty()) {
        auto list = ctx.engine()->listContainers();
        if (!list) return reportError(list.error());
        for (auto& c : *list)
            if (c.state.isRunning()) names.push_back(c.config.name);
    }
    bool stream = !a.has("no-stream");
    std::map<std::string, engine::ContainerSample> previous;
    for (auto& n : names)
        if (auto s = ctx.engine()->sampleContainer(n)) previous[n] = *s;
    do {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        Table t({"CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"});
        for (auto& n : names) {
            auto c = ctx.engine()->inspectContainer(n);
            auto s = ctx.engine()->sampleContainer(n);
            if (!c || !s) continue;
            double cpu = previous.count(n) ? metrics::cpuPercent(previous[n].cpu, s->cpu) : 0.0;
            previous[n] = *s;
            std::uint64_t limit = s->cgroup.memoryLimit ? s->cgroup.memoryLimit : s->hostMemory;
            t.add({c->config.id.substr(0, 12), c->config.name, percent(cpu),
                   binarySize(static_cast<double>(s->cgroup.memoryUsage)) + " / " + binarySize(static_cast<double>(limit)),
                   percent(metrics::memoryPercent(s->cgroup.memoryUsage, s->cgroup.memoryLimit, s->hostMemory)),
                   humanSize(static_cast<double>(s->netRxBytes)) + " / " + humanSize(static_cast<double>(s->netTxBytes)),
                   humanSize(static_cast<double>(s->cgroup.blkioReadBytes)) + " / " + humanSize(static_cast<double>(s->cgroup.blkioWriteBytes)),
                   std::to_string(s->cgroup.pidsCurrent)});
        }
        if (stream) std::cout << "\x1b[2J\x1b[H";
        t.print(std::cout);
        std::cout.flush();
    } while (stream);
    return ExitOk;
}

int runTop(Context& ctx, const ParsedArgs& a) {
    auto rows = ctx.engine()->containerProcesses(a.positional[0]);
    if (!rows) return reportError(rows.error());
    Table t({"UID", "PID", "PPID", "STAT", "CMD"});
    for (auto& r : *rows) t.add({std::to_string(r.uid), std::to_string(r.pid), std::to_string(r.ppid), r.state, r.command});
    t.print(std::cout);
    return ExitOk;
}

std::string eventLine(const runtime::Event& e) {
    std::time_t secs = static_cast<std::time_t>(e.timeNano / 1000000000);
    std::tm tm {};
    ::gmtime_r(&secs, &tm);
    char buf[64];
    std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%09lldZ", static_cast<long long>(e.timeNano % 1000000000));
    std::string attrs;
    for (auto& [k, v] : e.attributes) attrs += (attrs.empty() ? "" : ", ") + k + "=" + v;
    return std::string(buf) + " " + e.type + " " + e.action + " " + e.id + " (" + attrs + ")";
}

// Docker's JSON event object, what `{{json .}}` and `--format json` print.
nlohmann::json eventJson(const runtime::Event& e) {
    return {{"Type", e.type},
            {"Action", e.action},
            {"Actor", {{"ID", e.id}, {"Attributes", e.attributes}}},
            {"scope", "local"},
            {"time", e.timeNano / 1000000000},
            {"timeNano", e.timeNano}};
}

// "repo:tag" or "repo@digest" without its tag or digest (a registry's ":port" stays).
std::string withoutTag(const std::string& image) {
    std::string s = image.substr(0, image.find('@'));
    auto colon = s.rfind(':');
    if (colon != std::string::npos && s.find('/', colon) == std::string::npos) s.resize(colon);
    return s;
}

// Docker's event filters (its daemon's events/filter.go): values of one key OR, different keys
// AND; container, network (and volume, …) match a prefix of the actor's id or name, image the
// reference with or without its tag, and every label (key or key=value, these AND as Docker's)
// must be among the actor's attributes.
class EventFilter {
public:
    static std::optional<std::string> parse(const std::vector<std::string>& specs, EventFilter& out) {
        for (auto& f : specs) {
            auto eq = f.find('=');
            if (eq == std::string::npos) return "bad format of filter (expected name=value)";
            std::string key = f.substr(0, eq);
            if (!isExact(key) && !isByName(key)) // Docker's keys
                return "invalid filter '" + key + "'";
            out.m_values[key].insert(f.substr(eq + 1));
        }
        return std::nullopt;
    }

    bool matches(const runtime::Event& e) const {
        auto attr = [&](const char* k) {
            auto it = e.attributes.find(k);
            return it == e.attributes.end() ? std::string() : it->second;
        };
        const std::string image = attr(e.type == "image" ? "name" : "image");
        // container=, network=, volume=… all take the actor's id or name, whatever its type.
        for (auto& [key, values] : m_values)
            if (isByName(key) && !prefix(key, e.id) && !prefix(key, attr("name"))) return false;
        return matchesAction(e.action) && exact("type", e.type) && exact("scope", "local") &&
               (exact("image", e.id) || exact("image", image) || exact("image", withoutTag(e.id)) ||
                exact("image", withoutTag(image))) &&
               labelsMatch(e.attributes);
    }

private:
    std::map<std::string, std::set<std::string>> m_values;

    static bool isExact(const std::string& key) {
        return key == "type" || key == "event" || key == "image" || key == "label" || key == "scope";
    }
    // Berth has only container, network and image events; the others match nothing.
    static bool isByName(const std::string& key) {
        for (const char* k :
             {"container", "network", "volume", "plugin", "daemon", "node", "service", "secret", "config"})
            if (key == k) return true;
        return false;
    }

    // No value for the key lets everything through.
    bool exact(const std::string& key, const std::string& v) const {
        auto it = m_values.find(key);
        return it == m_values.end() || it->second.contains(v);
    }
    bool prefix(const std::string& key, const std::string& v) const {
        if (exact(key, v)) return true;
        const auto& want = m_values.at(key);
        return std::any_of(want.begin(), want.end(), [&](auto& p) { return v.starts_with(p); });
    }
    // "exec_start: sh -c …": Docker matches these three by prefix when they are asked for bare.
    bool matchesAction(const std::string& action) const {
        auto it = m_values.find("event");
        if (it == m_values.end()) return true;
        for (const char* loose : {"exec_create", "exec_start", "health_status"})
            if (it->second.contains(loose)) return prefix("event", action);
        return it->second.contains(action);
    }
    bool labelsMatch(const std::map<std::string, std::string>& attributes) const {
        auto it = m_values.find("label");
        if (it == m_values.end()) return true;
        for (auto& l : it->second) {
            auto eq = l.find('=');
            auto found = attributes.find(l.substr(0, eq));
            if (found == attributes.end()) return false;
            if (eq != std::string::npos && found->second != l.substr(eq + 1)) return false;
        }
        return true;
    }
};

// Docker: without --since or --until only new events stream; either shows the log's past first
// (from --since on); --until stops at that time. --filter and --format as Docker's; container
// events carry the container's labels.
int runEvents(Context& ctx, const ParsedArgs& a) {
    EventFilter filter;
    if (auto bad = EventFilter::parse(a.all("filter"), filter)) {
        std::cerr << "Error: " << *bad << '\n';
        return ExitUsage;
    }
    const std::int64_t now = nowNanos();
    std::optional<std::int64_t> since, until;
    for (const char* flag : {"since", "until"}) {
        if (!a.has(flag)) continue;
        auto t = parseTimeArg(a.value(flag), now);
        if (!t) {
            std::cerr << "Error: invalid value for \"" << flag << "\": " << a.value(flag) << '\n';
            return ExitUsage;
        }
        (std::string(flag) == "since" ? since : until) = t;
    }
    std::string format = a.value("format");
    if (format == "json") format = "{{json .}}";
    // Docker puts a container's labels among its events' attributes; the log has none, so they
    // come from the store (a container removed before berth saw it keeps none).
    std::map<std::string, std::map<std::string, std::string>> labels;
    if (auto list = ctx.engine()->listContainers())
        for (auto& c : *list)
            labels[c.config.id] = c.config.labels;
    auto print = [&](runtime::Event e) -> bool {
        if (since && e.timeNano < *since) return true;
        if (until && e.timeNano > *until) return true;
        if (e.type == "container") {
            if (!labels.contains(e.id)) {
                auto c = ctx.engine()->inspectContainer(e.id);
                labels[e.id] = c ? c->config.labels : std::map<std::string, std::string>{};
            }
            for (auto& [k, v] : labels[e.id])
                e.attributes.emplace(k, v);
        }
        if (!filter.matches(e)) return true;
        if (format.empty()) {
            std::cout << eventLine(e) << '\n';
            return true;
        }
        std::string out, error;
        if (!renderTemplate(format, eventJson(e), out, error)) {
            std::cerr << "Error: " << error << '\n';
            return false;
        }
        std::cout << out << '\n';
        return true;
    };
    auto& log = ctx.engine()->events();
    std::uint64_t offset = 0;
    auto existing = log.read(0, &offset);
    if (!existing) return reportError(existing.error());
    if (since || until)
        for (auto& e : *existing)
            if (!print(e)) return ExitUsage;
    std::cout.flush();
    while (!until || nowNanos() <= *until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto more = log.read(offset, &offset);
        if (!more) return reportError(more.error());
        for (auto& e : *more)
            if (!print(e)) return ExitUsage;
        std::cout.flush();
    }
    return ExitOk;
}

} // namespace

std::vector<Command> observeCommands() {
    std::vector<Command> c;
    for (const char* n : {"pause", "container pause"})
        c.push_back({n, std::string(n) + " CONTAINER [CONTAINER...]", "Pause all processes within one or more containers", {}, runPause, 1});
    for (const char* n : {"unpause", "container unpause"})
        c.push_back({n, std::string(n) + " CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers", {}, runUnpause, 1});
    for (const char* n : {"stats", "container stats"})
        c.push_back({n, std::string(n) + " [OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics",
                     {{"no-stream", 0, false, "Disable streaming stats and only pull the first result"},
                      {"all", 'a', false, "Show all containers (default shows just running)"}}, runStats, 0});
    for (const char* n : {"top", "container top"})
        c.push_back({n, std::string(n) + " CONTAINER", "Display the running processes of a container", {}, runTop, 1, 1});
    for (const char* n : {"events", "system events"})
        c.push_back({n,
                     std::string(n) + " [OPTIONS]",
                     "Get real time events from the engine",
                     {{"since", 0, true, "Show all events created since timestamp"},
                      {"until", 0, true, "Stream events until this timestamp"},
                      {"filter", 'f', true,
                       "Filter output based on conditions provided (type, event, container, network, image, "
                       "label, scope)"},
                      {"format", 0, true, "Format output using a Go template subset, or 'json'"}},
                     runEvents,
                     0,
                     0});
    return c;
}

} // namespace berth::cli
