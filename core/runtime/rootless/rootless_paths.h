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
    // XDG_RUNTIME_DIR was unset and logind's /run/user/<uid> is not there: runtimeDir is
    // /tmp/berth-run-<uid>, which does not go away at logout.
    bool runtimeDirFallback = false;
};

// Where the runtime directory is looked for when XDG_RUNTIME_DIR is unset (as Podman does):
// <runUser>/<uid> when it is a directory of ours (ownId: how our own files show, geteuid(), which
// is 0 inside the user namespace) with no access for others, else <tmp>/berth-run-<uid>.
struct RuntimeDirBases {
    std::filesystem::path runUser = "/run/user";
    std::filesystem::path tmp = "/tmp";
    std::uint32_t ownId = 0;
};

// getenv, injected so tests can give any environment.
using EnvLookup = std::function<const char*(const char*)>;

// XDG_DATA_HOME, else HOME (else home) /.local/share; XDG_RUNTIME_DIR, else the bases' choice.
// Relative XDG values are ignored, as the XDG base directory spec says. Without bases it is pure
// and the fallback is /tmp/berth-run-<uid>.
RootlessPaths rootlessPaths(const EnvLookup& env, std::uint32_t hostUid, const std::filesystem::path& home,
                            const RuntimeDirBases* bases = nullptr);
// From this process's environment, hostUid() and the password database.
RootlessPaths rootlessPaths();

// The user this process acts for on the host: getuid(), or inside a user namespace the host uid
// that 0 maps to (read from /proc/self/uid_map).
std::uint32_t hostUid();
std::uint32_t hostGid();

// Creates runtimeDir (mode 0700). The /tmp fallback must be a directory we own with no access for
// others: anyone can create names in /tmp, so one made by someone else is refused. When /tmp is
// not writable for the user the error says in one line to set XDG_RUNTIME_DIR.
Status ensureRuntimeDir(const RootlessPaths& paths);

} // namespace berth::runtime
