#pragma once
// Reads a container's insides through the engine and the filesystem, on a bridge worker thread;
// each returns a plain value for the GUI (details_types.h). Blocking and short.
#include "bridge/details_types.h"
#include "engine/engine.h"

#include <QHash>
#include <QJsonObject>

namespace berth::ui {

// The fields `berth container inspect` prints (Docker's names), as a JSON object; endpoints are
// the networks it is on (NetworkSettings.Networks, with their addresses while it runs).
QJsonObject inspectObject(const runtime::Container& container,
                          const std::vector<engine::ContainerEndpoint>& endpoints = {});

// The overlay stack of a container; sizes are cached by ChainId (image layers never change).
RunningStack readRunningStack(engine::Engine& engine, const QString& id, QHash<QString, quint64>& sizeCache);

// Namespaces of the container's pid 1 against this process's, plus limits and usage.
IsolationInfo readIsolation(engine::Engine& engine, const QString& id);

// The inode of a /proc/<pid>/ns/<type> link ("net:[4026531840]"); 0 when unreadable.
quint64 namespaceInode(const QString& link);

} // namespace berth::ui
