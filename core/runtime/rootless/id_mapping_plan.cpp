#include "runtime/rootless/id_mapping_plan.h"

#include <algorithm>

namespace berth::runtime {

namespace {

// Sorted, merged ranges as [start, end) in 64 bits so that the last id does not overflow.
struct Span {
    std::uint64_t begin, end;
};

std::vector<Span> normalize(std::vector<IdRange> ranges, std::uint32_t own) {
    std::sort(ranges.begin(), ranges.end(), [](auto& a, auto& b) { return a.start < b.start; });
    std::vector<Span> merged;
    for (auto& r : ranges) {
        Span s{r.start, std::uint64_t(r.start) + r.count};
        if (!merged.empty() && s.begin <= merged.back().end)
            merged.back().end = std::max(merged.back().end, s.end);
        else
            merged.push_back(s);
    }
    // The own id is already mapped to 0; mapping it twice is an overlap the kernel refuses.
    std::vector<Span> out;
    for (auto& s : merged) {
        if (own < s.begin || own >= s.end) {
            out.push_back(s);
            continue;
        }
        if (own > s.begin) out.push_back({s.begin, own});
        if (own + 1 < s.end) out.push_back({std::uint64_t(own) + 1, s.end});
    }
    return out;
}

} // namespace

std::vector<IdMapping> planIds(std::uint32_t own, std::vector<IdRange> ranges) {
    std::vector<IdMapping> out{{0, own, 1}};
    const std::uint64_t lastInside = 4294967294u;
    std::uint64_t inside = 1;
    for (auto& s : normalize(std::move(ranges), own)) {
        if (out.size() == MaxIdMapLines || inside > lastInside) break;
        std::uint64_t count = std::min(s.end - s.begin, lastInside + 1 - inside);
        out.push_back({static_cast<std::uint32_t>(inside), static_cast<std::uint32_t>(s.begin),
                       static_cast<std::uint32_t>(count)});
        inside += count;
    }
    return out;
}

IdMappingPlan planIdMappings(std::uint32_t uid, std::uint32_t gid, const std::vector<IdRange>& subuids,
                             const std::vector<IdRange>& subgids) {
    // newuidmap and newgidmap go together: with only one kind of range both maps are single-id.
    if (subuids.empty() || subgids.empty()) return {planIds(uid, {}), planIds(gid, {})};
    return {planIds(uid, subuids), planIds(gid, subgids)};
}

std::string idMapText(const std::vector<IdMapping>& mappings) {
    std::string out;
    for (auto& m : mappings)
        out +=
            std::to_string(m.inside) + ' ' + std::to_string(m.outside) + ' ' + std::to_string(m.count) + '\n';
    return out;
}

std::vector<std::string> newIdMapArgs(pid_t pid, const std::vector<IdMapping>& mappings) {
    std::vector<std::string> out{std::to_string(pid)};
    for (auto& m : mappings) {
        out.push_back(std::to_string(m.inside));
        out.push_back(std::to_string(m.outside));
        out.push_back(std::to_string(m.count));
    }
    return out;
}

} // namespace berth::runtime
