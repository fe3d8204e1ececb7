#pragma once
// Docker's time arguments (events --since/--until, prune --filter until=): a Unix time
// (seconds[.nanoseconds]), an RFC 3339 time or date, or a Go duration ago ("10m", "1h30m", "0s").
#include <cstdint>
#include <optional>
#include <string>

namespace berth::cli {

// Nanoseconds since the epoch; nullopt if unreadable. Durations count back from nowNano.
std::optional<std::int64_t> parseTimeArg(const std::string& text, std::int64_t nowNano);
std::int64_t nowNanos();

} // namespace berth::cli
