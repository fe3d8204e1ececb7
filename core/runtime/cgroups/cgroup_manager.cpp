#include "runtime/cgroups/cgroup_manager.h"

#include "runtime/cgroups/cgroup_backends.h"

#include <algorithm>
#include <cmath>

namespace berth::runtime {

CgroupManager::~CgroupManager() = default;

namespace {

Status validateRelativePath(const std::string& relativePath) {
    std::filesystem::path p(relativePath);
    bool bad = relativePath.empty() || p.is_absolute();
    for (const auto& part : p) bad = bad || part == "." || part == ".." || part.empty();
    if (bad) return fail(ErrorCode::InvalidArgument, "cgroup path \"" + relativePath + "\" must be relative and plain");
    return {};
}

Status validateMemory(const Resources& r) {
    if (r.memoryBytes && *r.memoryBytes != -1 && *r.memoryBytes <= 0)
        return fail(ErrorCode::InvalidArgument, "memory limit " + std::to_string(*r.memoryBytes) + " must be positive or -1");
    if (!r.memorySwapBytes) return {};
    std::int64_t swap = *r.memorySwapBytes;
    // Docker: "you should always set the memory limit when using memoryswap limit".
    if (!r.memoryBytes)
        return fail(ErrorCode::InvalidArgument, "memory-swap limit needs a memory limit in the same request");
    if (swap == -1) return {};
    if (swap <= 0 || *r.memoryBytes == -1 || swap < *r.memoryBytes)
        return fail(ErrorCode::InvalidArgument, "memory-swap limit " + std::to_string(swap) +
                                                    " must be -1 or at least the memory limit");
    return {};
}

} // namespace

Status validateResources(const Resources& r) {
    BERTH_CHECK(validateMemory(r));
    if (r.cpus) {
        double c = *r.cpus;
        // The kernel's smallest quota is 1 ms per 100 ms period, hence Docker's 0.01 minimum.
        if (!std::isfinite(c) || c < 0 || (c > 0 && c < 0.01) || c > 1e6)
            return fail(ErrorCode::InvalidArgument, "cpus " + std::to_string(c) + " must be 0 (no limit) or at least 0.01");
    }
    return {};
}

std::uint64_t cpuWeightFromShares(std::uint64_t shares) {
    shares = std::clamp<std::uint64_t>(shares, 2, 262144);
    return 1 + ((shares - 2) * 9999) / 262142;
}

Result<std::int64_t> swapMaxFromMemorySwap(std::int64_t memorySwap, std::int64_t memory) {
    if (memorySwap == -1) return -1;
    if (memory <= 0 || memorySwap < memory)
        return fail(ErrorCode::InvalidArgument, "memory-swap limit " + std::to_string(memorySwap) +
                                                    " must be -1 or at least the memory limit");
    return memorySwap - memory;
}

std::int64_t cpuQuotaFromCpus(double cpus) {
    if (cpus <= 0) return -1;
    return std::max<std::int64_t>(1000, std::llround(cpus * double(kCpuPeriodUs)));
}

Result<std::unique_ptr<CgroupManager>> makeCgroupManager(const CgroupLayout& layout, std::string relativePath) {
    BERTH_CHECK(validateRelativePath(relativePath));
    switch (backendFor(layout)) {
    case CgroupBackend::V1: return makeCgroupV1Manager(layout, relativePath);
    case CgroupBackend::V2: return makeCgroupV2Manager(layout, relativePath);
    case CgroupBackend::None: break;
    }
    return fail(ErrorCode::Unsupported, "cgroup " + relativePath + ": no cgroup hierarchy is mounted");
}

Result<std::unique_ptr<CgroupManager>> makeContainerCgroupManager(const CgroupPlacement& placement,
                                                                  const std::string& containerId,
                                                                  ContainerProcesses processes,
                                                                  const std::string& containerName) {
    std::string relativePath = "berth/" + containerId;
    BERTH_CHECK(validateRelativePath(relativePath));
    if (containerId.find('/') != std::string::npos)
        return fail(ErrorCode::InvalidArgument, "container id \"" + containerId + "\" must not contain '/'");
    const std::string& name = containerName.empty() ? containerId : containerName;
    switch (placement.mode) {
    case CgroupMode::Host: return makeCgroupManager(placement.layout, relativePath);
    case CgroupMode::Delegated: return makeDelegatedCgroupManager(placement.layout, containerId, name);
    case CgroupMode::ProcessTree: return makeProcessTreeManager(placement.procRoot, name, processes, placement.refusal);
    }
    return fail(ErrorCode::Internal, "container " + containerId + ": unknown cgroup mode");
}

std::vector<LimitRequest> requestedLimits(const Resources& r) {
    std::vector<LimitRequest> out;
    if (r.memoryBytes) out.push_back({"--memory", "memory"});
    if (r.memorySwapBytes) out.push_back({"--memory-swap", "memory"});
    if (r.cpus) out.push_back({"--cpus", "cpu"});
    if (r.cpuShares) out.push_back({"--cpu-shares", "cpu"});
    if (r.pidsLimit) out.push_back({"--pids-limit", "pids"});
    return out;
}

} // namespace berth::runtime
