#pragma once
// Edit and recreate: a container's configuration is fixed at create time (as Docker's), so
// changing its ports, environment, volumes or limits means a new container with the same name.
// The old one is kept until the new one exists: stop it, rename it aside, create the new one,
// then remove the old one (and start the new one if the old one was running). When the create
// fails the old one gets its name back and runs again as before, so nothing is lost.
#include "bridge/container_types.h"
#include "engine/engine.h"

#include <functional>

namespace berth::ui {

// What the Run… dialog shows to edit a container: the user's part of its configuration, the
// image's defaults (entrypoint, Cmd, Env) and the engine's own additions (PATH, HOSTNAME) taken out.
RunRequest requestFromConfig(const runtime::ContainerConfig& config, const oci::ImageConfig* image);

// The name the old container carries while the new one is created: "<name>-old-<id8>".
QString asideName(const QString& name, const QString& id);

// Each step as the CLI words it, before it runs ({"stop", "web"}, {"rename", "web", "web-old-…"}).
using RecreateStep = std::function<void(const QStringList& args)>;

// Recreates idOrName from request (its name defaults to the old one's); returns the new id.
// On failure the old container is back under its name, in its old state, and the error says so.
Result<std::string> recreateContainer(engine::Engine& engine, const std::string& idOrName, RunRequest request,
                                      const RecreateStep& step);

} // namespace berth::ui
