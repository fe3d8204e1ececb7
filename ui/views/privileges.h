#pragma once
// Whether this process may run containers: as root, or as an ordinary user whose process joined
// the rootless user namespace (app/gui/main.cpp). When the join failed, its one-line error says
// why and names the fix; the Containers page shows it. Tests force the answer to see the banner.
#include <QString>

#include <optional>

namespace berth::ui {

bool canRunContainers();
// Empty when the join succeeded (or as root); else the join's one-line error.
QString rootlessJoinError();
void setRootlessJoinError(const QString& error);
// std::nullopt: decide from geteuid() and the join result again (the default).
void setCanRunContainersForTesting(std::optional<bool> answer);

} // namespace berth::ui
