// pause, unpause, stats, top, events and the generic inspect.
#include "command.h"
#include "container_output.h"
#include "format.h"

#include <chrono>
#include <ctime>
#include <iostream>
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

// Docker: without --since only new events stream; --since shows the past first; --until stops.
int runEvents(Context& ctx, const ParsedArgs& a) {
    auto& log = ctx.engine()->events();
    std::uint64_t offset = 0;
    bool past = a.has("since") || a.has("until");
    auto existing = log.read(0, &offset);
    if (!existing) return reportError(existing.error());
    if (past)
        for (auto& e : *existing) std::cout << eventLine(e) << '\n';
    if (a.has("until")) return ExitOk;
    std::cout.flush();
    while (true) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto more = log.read(offset, &offset);
        if (!more) return reportError(more.error());
        for (auto& e : *more) std::cout << eventLine(e) << std::endl;
    }
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
        c.push_back({n, std::string(n) + " [OPTIONS]", "Get real time events from the engine",
                     {{"since", 0, true, "Show all events from the log first"}, {"until", 0, true, "Stop after the events so far"}}, runEvents, 0, 0});
    return c;
}

} // namespace berth::cli
