// v1 memory controller: admin-guide/cgroup-v1/memory.rst.
#include "runtime/cgroups/cgroup_file.h"
#include "runtime/cgroups/cgroup_stat_parse.h"
#include "runtime/cgroups/cgroup_v1_controllers.h"

namespace berth::runtime::v1 {

namespace {

constexpr std::string_view kLimit = "memory.limit_in_bytes";
constexpr std::string_view kMemswLimit = "memory.memsw.limit_in_bytes";

std::uint64_t asUnsignedLimit(std::int64_t v) { return v < 0 ? UINT64_MAX : static_cast<std::uint64_t>(v); }

std::uint64_t statValue(const std::map<std::string, std::uint64_t>& stat, const std::string& hierarchical,
                        const std::string& local) {
    if (auto it = stat.find(hierarchical); it != stat.end()) return it->second;
    if (auto it = stat.find(local); it != stat.end()) return it->second;
    return 0;
}

} // namespace

Status applyMemory(const fs::path& dir, const Resources& r) {
    if (!r.memoryBytes) return {}; // validateResources: a swap limit always comes with a memory limit
    std::string memory = std::to_string(*r.memoryBytes);
    // memsw exists only with swap accounting (CONFIG_MEMCG_SWAP, swapaccount=1). Without it Docker
    // drops --memory-swap with a warning; we drop it too: there is no swap to limit then.
    if (!r.memorySwapBytes || !hasCgroupFile(dir, kMemswLimit)) return writeCgroupFile(dir, kLimit, memory);
    std::string memsw = std::to_string(*r.memorySwapBytes);
    // The kernel keeps memsw.limit ≥ limit at every step (EINVAL otherwise), so a memory limit above
    // the current memsw limit needs memsw raised first; otherwise memory goes first.
    auto currentMemsw = BERTH_TRY(readCgroupNumber(dir, kMemswLimit)); // 0 = unlimited
    bool memswFirst = currentMemsw != 0 && asUnsignedLimit(*r.memoryBytes) > currentMemsw;
    if (memswFirst) {
        BERTH_CHECK(writeCgroupFile(dir, kMemswLimit, memsw));
        return writeCgroupFile(dir, kLimit, memory);
    }
    BERTH_CHECK(writeCgroupFile(dir, kLimit, memory));
    return writeCgroupFile(dir, kMemswLimit, memsw);
}

Status readMemoryStats(const fs::path& dir, CgroupStats& s) {
    s.memoryUsageRaw = BERTH_TRY(readCgroupNumber(dir, "memory.usage_in_bytes"));
    s.memoryLimit = BERTH_TRY(readCgroupNumber(dir, kLimit));
    if (hasCgroupFile(dir, "memory.max_usage_in_bytes"))
        s.memoryMaxUsage = BERTH_TRY(readCgroupNumber(dir, "memory.max_usage_in_bytes"));
    // total_* count this cgroup and its descendants, which is what the container is.
    auto stat = parseFlatKeyed(BERTH_TRY(readCgroupFile(dir, "memory.stat")));
    s.memoryUsage = usageWithoutInactiveFile(s.memoryUsageRaw, statValue(stat, "total_inactive_file", "inactive_file"));
    s.memoryCache = statValue(stat, "total_cache", "cache");
    // oom_kill appeared in memory.oom_control in Linux 4.13; older kernels only say under_oom.
    auto oom = parseFlatKeyed(BERTH_TRY(readOptionalCgroupFile(dir, "memory.oom_control")));
    s.oomKills = oom.contains("oom_kill") ? oom["oom_kill"] : 0;
    return {};
}

} // namespace berth::runtime::v1
