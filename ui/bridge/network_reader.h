#pragma once
// Reads the networks and who is on them, for the network bridge's worker thread. Pure reads
// through the engine; no Qt threads involved, so tests call it directly.
#include "bridge/network_types.h"
#include "engine/engine.h"

#include <filesystem>
#include <string>

namespace berth::ui {

// Every network (built-in ones first), each with its members: the running endpoints the engine
// reports, then the stopped containers that will join it when they start.
Result<QList<NetworkInfo>> readNetworks(engine::Engine& engine);

// A cheap fingerprint of the records a listing depends on (file names, sizes and modification
// times under <root>/networks and of every container's config, state and networks file): when it
// is unchanged, so is the listing.
std::string networkRecordsSignature(const std::filesystem::path& root);

} // namespace berth::ui
