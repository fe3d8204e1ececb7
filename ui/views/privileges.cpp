#include "views/privileges.h"

#include <unistd.h>

namespace berth::ui {

namespace {
std::optional<bool> forced;
QString joinError;
} // namespace

bool canRunContainers() {
    if (forced) return *forced;
    return geteuid() == 0 || joinError.isEmpty();
}

QString rootlessJoinError() {
    return joinError;
}

void setRootlessJoinError(const QString& error) {
    joinError = error;
}

void setCanRunContainersForTesting(std::optional<bool> answer) {
    forced = answer;
}

} // namespace berth::ui
