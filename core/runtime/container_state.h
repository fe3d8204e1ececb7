#pragma once
// A container's lifecycle (생성 → 실행 ⇄ 일시 정지 → 정지 → 삭제):
//   created → running ⇄ paused;  running → exited (or restarting → running);  any → removing
// Guards such as canStart() are checked at the top of every verb, so an invalid transition is
// refused with a clear message before anything is touched.
#include "support/error.h"

#include <string>

namespace berth::runtime {

enum class ContainerStatus { Created, Running, Paused, Restarting, Exited, Removing, Dead };

const char* statusName(ContainerStatus status); // "created", "running", … (Docker's words)
Result<ContainerStatus> parseStatus(std::string_view name);

struct ContainerState {
    ContainerStatus status = ContainerStatus::Created;
    int pid = 0;     // the container's pid 1, as the host sees it
    int shimPid = 0; // its supervisor
    int exitCode = 0;
    bool oomKilled = false;
    bool stoppedByUser = false; // `stop`/`kill` asked for it: restart policies leave it down
    int restartCount = 0;
    std::string startedAt;  // RFC 3339, empty until first start
    std::string finishedAt; // RFC 3339, empty until first exit
    std::string error;      // why the last start failed
    std::string ipAddress;  // on the bridge network, while running

    bool isRunning() const { return status == ContainerStatus::Running || status == ContainerStatus::Paused; }
    bool canStart() const { return status == ContainerStatus::Created || status == ContainerStatus::Exited; }
    bool canPause() const { return status == ContainerStatus::Running; }
    bool canUnpause() const { return status == ContainerStatus::Paused; }
    bool canStop() const { return isRunning() || status == ContainerStatus::Restarting; }
    bool canRemove() const { return !isRunning() && status != ContainerStatus::Restarting; }
};

std::string toJson(const ContainerState& state);
Result<ContainerState> parseContainerState(std::string_view json);

} // namespace berth::runtime
