#pragma once
// Whether this process may run containers: for now, only as root (rootless mode is not there
// yet). Tests force the answer to see the no-privileges banner without dropping root.
#include <optional>

namespace berth::ui {

bool canRunContainers();
// std::nullopt: ask geteuid() again (the default).
void setCanRunContainersForTesting(std::optional<bool> answer);

} // namespace berth::ui
