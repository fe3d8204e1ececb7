#pragma once
// Docker's rules for turning an image's run config plus `docker run` flags into the process a
// container starts: its argv, environment, working directory and user string (engine-reference
// §1.8; moby daemon/commit.go merge and container/container.go CreateDaemonEnvironment). Pure:
// the host environment is injected, nothing is read from the machine.
#include "oci/image_config.h"
#include "support/error.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace berth::runtime {

// Docker's default PATH for Linux containers (moby oci/defaults.go).
inline constexpr const char* kDefaultPathEnv =
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// What the user asked for on the command line; empty fields mean "use the image's".
struct RunOverrides {
    std::optional<std::vector<std::string>> entrypoint; // set and empty = --entrypoint ""
    std::vector<std::string> cmd;                       // args after the image name
    std::vector<std::string> env; // -e/--env-file: "K=V", or "K" (taken from the host env)
    std::string user;
    std::string workingDir;
    std::string hostname; // becomes HOSTNAME; the caller passes the short container id by default
    bool tty = false;
};

// The process to start, before the user string is resolved (see user_lookup.h).
struct ProcessConfig {
    std::vector<std::string> args;
    std::vector<std::string> env;
    std::string cwd;
    std::string user;
};

// Looks a variable up in the environment of whoever ran the CLI; nullopt when it is unset.
using HostEnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Applies the merge rules:
// - a user entrypoint replaces the image's and drops the image Cmd; `--entrypoint ""` clears the
//   image entrypoint but, as in Docker, still runs the image Cmd when no args are given;
// - args after the image name replace the image Cmd;
// - env is PATH, HOSTNAME, TERM=xterm (tty only), then the image Env and the user env, a later
//   value replacing an earlier one with the same key in place; a user "K" takes the host's value
//   and, when the host has none, removes K altogether (Docker's "unset" form);
// - cwd is the user's, else the image's, else "/", and must be absolute.
// Fails with "no command specified" when no args remain.
Result<ProcessConfig> mergeProcessConfig(const oci::RunConfig& image, const RunOverrides& overrides,
                                         const HostEnvLookup& hostEnv);

} // namespace berth::runtime
