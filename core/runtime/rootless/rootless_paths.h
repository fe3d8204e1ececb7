#pragma once
// Where rootless Berth keeps its files: the store under the XDG data directory
// (~/.local/share/berth), runtime state (the pause process's pid file and lock) under
// $XDG_RUNTIME_DIR/berth. Rootful Berth uses /var/lib/berth; the two stores never mix.
// Inside the user namespace geteuid() is 0, so these come from the environment (which survives
// the join) and from the host uid that 0 maps to, never from geteuid().
#include "support/error.h"

#include <cstdint>
#include <filesystem>
#include <functional>

namespace berth::runtime {

struct RootlessPaths {
    std::filesystem::path storeRoot;
    std::filesystem::path runtimeDir;
    // XDG_RUNTIME_DIR was unset: runtimeDir is /tmp/berth-<uid>, which does not go away at logout.
    bool runtimeDirFallback = false;
};

// getenv, injected so tests can give any environment.
using EnvLookup = std::function<const char*(const char*)>;

// Pure: XDG_DATA_HOME, else HOME (else home) /.local/share; XDG_RUNTIME_DIR, else /tmp/berth-<uid>.
// Relative XDG values are ignored, as the XDG base directory spec says.
RootlessPaths rootlessPaths(const EnvLookup& env, std::uint32_t hostUid, const std::filesystem::path& home);
// From this process's environment, hostUid() and the password database.
RootlessPaths rootlessPaths();

// The user this process acts for on the host: getuid(), or inside a user namespace the host uid
// that 0 maps to (read from /proc/self/uid_map).
std::uint32_t hostUid();
std::uint32_t hostGid();

// Creates runtimeDir (mode 0700). The /tmp fallback must be a directory we own with no access for
// others: anyone can create names in /tmp, so one made by someone else is refused.
Status ensureRuntimeDir(const RootlessPaths& paths);

} // namespace berth::runtime
