#include "runtime/container_state.h"

#include <nlohmann/json.hpp>

namespace berth::runtime {

using nlohmann::json;

const char* statusName(ContainerStatus s) {
    switch (s) {
    case ContainerStatus::Created: return "created";
    case ContainerStatus::Running: return "running";
    case ContainerStatus::Paused: return "paused";
    case ContainerStatus::Restarting: return "restarting";
    case ContainerStatus::Exited: return "exited";
    case ContainerStatus::Removing: return "removing";
    case ContainerStatus::Dead: return "dead";
    }
    return "unknown";
}

Result<ContainerStatus> parseStatus(std::string_view name) {
    for (auto s : {ContainerStatus::Created, ContainerStatus::Running, ContainerStatus::Paused, ContainerStatus::Restarting,
                   ContainerStatus::Exited, ContainerStatus::Removing, ContainerStatus::Dead})
        if (name == statusName(s)) return s;
    return fail(ErrorCode::InvalidArgument, "unknown container status \"" + std::string(name) + "\"");
}

std::string toJson(const ContainerState& s) {
    json j{{"status", statusName(s.status)}, {"pid", s.pid}, {"shimPid", s.shimPid}, {"exitCode", s.exitCode},
           {"oomKilled", s.oomKilled}, {"stoppedByUser", s.stoppedByUser}, {"restartCount", s.restartCount},
           {"startedAt", s.startedAt}, {"finishedAt", s.finishedAt}, {"error", s.error}, {"ipAddress", s.ipAddress}};
    return j.dump();
}

Result<ContainerState> parseContainerState(std::string_view text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail(ErrorCode::Corrupt, "container state is not a json object");
    ContainerState s;
    s.status = BERTH_TRY(parseStatus(j.value("status", "created")));
    s.pid = j.value("pid", 0);
    s.shimPid = j.value("shimPid", 0);
    s.exitCode = j.value("exitCode", 0);
    s.oomKilled = j.value("oomKilled", false);
    s.stoppedByUser = j.value("stoppedByUser", false);
    s.restartCount = j.value("restartCount", 0);
    s.startedAt = j.value("startedAt", "");
    s.finishedAt = j.value("finishedAt", "");
    s.error = j.value("error", "");
    s.ipAddress = j.value("ipAddress", "");
    return s;
}

} // namespace berth::runtime
