#pragma once
// Wall-clock time as the specs write it.
#include <string>

namespace berth {

// Now, in RFC 3339 UTC with second precision ("2026-11-23T07:30:00Z"), as image configs,
// annotations and our own metadata record times.
std::string utcNowRfc3339();

} // namespace berth
