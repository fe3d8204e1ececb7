#pragma once
// Resource limits for the container's process. Docker sets none by default: the container
// inherits the shim's limits unless --ulimit or the daemon's default-ulimits ask (engine-reference
// §2.6). A request is never allowed to exceed the caller's hard limit: without CAP_SYS_RESOURCE
// setrlimit would fail (machine-notes: hard NOFILE is 20000 on the CI machines, where Podman's
// default of 1048576 breaks every run), so Berth lowers the request and says so.
#include "support/error.h"

#include <string>
#include <string_view>
#include <sys/resource.h>
#include <vector>

namespace berth::runtime {

struct Rlimit {
    int resource = RLIMIT_NOFILE; // RLIMIT_*
    rlim_t soft = 0;
    rlim_t hard = 0;
};

// Docker's defaults: none.
std::vector<Rlimit> defaultRlimits();

// "nofile", "NOFILE" or "RLIMIT_NOFILE" → RLIMIT_NOFILE; the names of docker's --ulimit.
Result<int> parseRlimitName(std::string_view name);
// "nofile" for RLIMIT_NOFILE.
std::string rlimitName(int resource);

// Parses docker's --ulimit value: "nofile=1024:2048", "nofile=1024" (soft = hard), "-1" = unlimited.
Result<Rlimit> parseUlimit(std::string_view text);

struct ClampedRlimit {
    Rlimit limit; // what will be applied
    bool lowered = false;
    std::string warning; // set when lowered: names the limit and both numbers
};

// Caps requested at currentHard (soft follows so that soft <= hard). Never raises anything.
ClampedRlimit clampRlimit(const Rlimit& requested, rlim_t currentHard);

// Applies limits to the calling process, each clamped at its current hard limit. Returns the
// warnings of the lowered ones for the caller to show.
Result<std::vector<std::string>> applyRlimits(const std::vector<Rlimit>& limits);

} // namespace berth::runtime
