// pause/unpause, stats and top: the verbs that go through the container's cgroup.
#include "engine/engine.h"

#include "support/file_util.h"
#include "support/text.h"

#include <cstdlib>
#include <unistd.h>

namespace berth::engine {

namespace {

Result<runtime::Container> requireRunning(runtime::ContainerStore& store, std::string_view idOrName, const char* verb) {
    auto c = BERTH_TRY(store.find(idOrName));
    if (!c.state.isRunning())
        return fail(ErrorCode::InvalidArgument, std::string("cannot ") + verb + " container " + c.config.name + ": container is not running");
    return c;
}

ProcessRow readProcess(int pid) {
    ProcessRow row;
    row.pid = pid;
    if (auto stat = readFile("/proc/" + std::to_string(pid) + "/stat", 1 << 16)) {
        // pid (comm) state ppid …: comm may hold spaces, so parse after the last ')'.
        auto close = stat->rfind(')');
        if (close != std::string::npos && close + 4 < stat->size()) {
            row.state = stat->substr(close + 2, 1);
            row.ppid = std::atoi(stat->c_str() + close + 4);
        }
    }
    if (auto status = readFile("/proc/" + std::to_string(pid) + "/status", 1 << 16)) {
        auto at = status->find("\nUid:\t");
        if (at != std::string::npos) row.uid = static_cast<unsigned>(std::atoi(status->c_str() + at + 6));
    }
    if (auto cmd = readFile("/proc/" + std::to_string(pid) + "/cmdline", 1 << 16)) {
        for (char& ch : *cmd)
            if (ch == '\0') ch = ' ';
        while (!cmd->empty() && cmd->back() == ' ') cmd->pop_back();
        row.command = *cmd;
    }
    return row;
}

} // namespace

Result<std::unique_ptr<runtime::CgroupManager>> Engine::cgroupOf(const std::string& id,
                                                                 const runtime::ContainerState& state) {
    auto placement = BERTH_TRY(runtime::detectCgroupPlacement());
    runtime::ContainerProcesses processes;
    if (state.isRunning()) processes = {state.pid, state.shimPid};
    return runtime::makeContainerCgroupManager(placement, id, processes);
}

Status Engine::pauseContainer(std::string_view idOrName) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    auto lock = BERTH_TRY(m_containers.lock(c.config.id));
    auto state = BERTH_TRY(m_containers.readState(c.config.id));
    if (!state.canPause())
        return fail(ErrorCode::InvalidArgument, "cannot pause container " + c.config.name + ": it is " + runtime::statusName(state.status));
    auto cg = BERTH_TRY(cgroupOf(c.config.id, state));
    BERTH_CHECK(cg->freeze());
    state.status = runtime::ContainerStatus::Paused;
    BERTH_CHECK(m_containers.writeState(c.config.id, state));
    (void)m_events.append({"container", "pause", c.config.id, {{"name", c.config.name}, {"image", c.config.image}}, 0});
    return {};
}

Status Engine::unpauseContainer(std::string_view idOrName) {
    auto c = BERTH_TRY(m_containers.find(idOrName));
    auto lock = BERTH_TRY(m_containers.lock(c.config.id));
    auto state = BERTH_TRY(m_containers.readState(c.config.id));
    if (!state.canUnpause())
        return fail(ErrorCode::InvalidArgument, "cannot unpause container " + c.config.name + ": it is not paused");
    auto cg = BERTH_TRY(cgroupOf(c.config.id, state));
    BERTH_CHECK(cg->thaw());
    state.status = runtime::ContainerStatus::Running;
    BERTH_CHECK(m_containers.writeState(c.config.id, state));
    (void)m_events.append({"container", "unpause", c.config.id, {{"name", c.config.name}, {"image", c.config.image}}, 0});
    return {};
}

Result<ContainerSample> Engine::sampleContainer(std::string_view idOrName) {
    auto c = BERTH_TRY(requireRunning(m_containers, idOrName, "read stats of"));
    auto cg = BERTH_TRY(cgroupOf(c.config.id, c.state));
    ContainerSample s;
    s.cgroup = BERTH_TRY(cg->stats());
    auto stat = BERTH_TRY(readFile("/proc/stat", 1 << 20));
    auto sys = BERTH_TRY(metrics::parseProcStat(stat, ::sysconf(_SC_CLK_TCK)));
    s.cpu = {s.cgroup.cpuUsageNanos, sys.totalNanos, sys.onlineCpus};
    // /proc/<pid>/net/dev shows the container's network namespace: "iface: rxBytes … txBytes …".
    if (auto dev = readFile("/proc/" + std::to_string(c.state.pid) + "/net/dev", 1 << 20))
        forEachLine(*dev, [&](std::string_view line) {
            auto colon = line.find(':');
            if (colon == std::string_view::npos) return;
            auto name = splitWords(line.substr(0, colon));
            auto fields = splitWords(line.substr(colon + 1));
            if (name.size() != 1 || name[0] == "lo" || fields.size() < 9) return;
            s.netRxBytes += std::strtoull(std::string(fields[0]).c_str(), nullptr, 10);
            s.netTxBytes += std::strtoull(std::string(fields[8]).c_str(), nullptr, 10);
        });
    if (auto mem = readFile("/proc/meminfo", 1 << 20))
        if (auto total = metrics::parseMemTotal(*mem)) s.hostMemory = *total;
    return s;
}

Result<std::vector<ProcessRow>> Engine::containerProcesses(std::string_view idOrName) {
    auto c = BERTH_TRY(requireRunning(m_containers, idOrName, "list processes of"));
    auto cg = BERTH_TRY(cgroupOf(c.config.id, c.state));
    std::vector<ProcessRow> rows;
    for (pid_t pid : BERTH_TRY(cg->processes())) rows.push_back(readProcess(pid));
    return rows;
}

} // namespace berth::engine
