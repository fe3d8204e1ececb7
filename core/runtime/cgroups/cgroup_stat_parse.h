#pragma once
// Pure parsers of cgroup interface file formats (cgroup-v2.rst "Interface Files" > "Conventions"):
// flat keyed ("key value" lines), nested keyed (io.stat), v1 blkio tables, and single values.
#include "support/text.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::runtime {

struct IoBytes {
    std::uint64_t read = 0;
    std::uint64_t write = 0;
};

std::optional<std::uint64_t> parseUnsigned(std::string_view word);
// "key value" per line → map; lines that do not fit are skipped (kernels add keys over time).
std::map<std::string, std::uint64_t> parseFlatKeyed(std::string_view text);
// A limit file: "max" and v1's "unlimited" sentinels (≥ 2^62, e.g. 9223372036854771712) read as 0;
// "-1" too. Empty optional for text that is not a number.
std::optional<std::uint64_t> parseLimitValue(std::string_view text);
// v2 io.stat: "8:0 rbytes=1 wbytes=2 rios=…" per device, summed over devices.
IoBytes parseIoStat(std::string_view text);
// v1 blkio.*io_service_bytes*: "8:0 Read 4096" rows per device and op, then "Total n"; summed.
IoBytes parseBlkioServiceBytes(std::string_view text);
// Docker's memory "usage": raw usage minus inactive file pages, unless that would go below zero
// (docker/cli stats_helpers.go calculateMemUsageUnixNoCache).
std::uint64_t usageWithoutInactiveFile(std::uint64_t raw, std::uint64_t inactiveFile);

} // namespace berth::runtime
