#pragma once
// RunRequest → engine::CreateOptions: what the Run… dialog (and the web-demo offer) ask for,
// in the engine's words. Pure, so tests compare it with the CLI line CliCommand::run builds.
#include "bridge/container_types.h"
#include "engine/engine.h"

namespace berth::ui {

engine::CreateOptions toCreateOptions(const RunRequest& request);
// The same request with every host port 0 (the engine picks free ones): the retry after
// "port is already allocated".
RunRequest withAnyHostPort(RunRequest request);
// The engine's message for a host port another process or container holds.
bool isPortTaken(const QString& message);
QList<PortMapping> toPortMappings(const std::vector<runtime::PublishedPort>& ports);

} // namespace berth::ui
