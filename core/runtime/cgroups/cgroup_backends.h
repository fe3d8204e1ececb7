#pragma once
// The CgroupManager implementations; only makeCgroupManager() and makeContainerCgroupManager()
// construct them.
#include "runtime/cgroups/cgroup_manager.h"

namespace berth::runtime {

// relativePath has been validated: relative, no "." or ".." components.
std::unique_ptr<CgroupManager> makeCgroupV1Manager(const CgroupLayout& layout,
                                                   const std::filesystem::path& relativePath);
// devicePolicy false skips the BPF device program: in a user namespace the kernel refuses to load
// one (BPF_PROG_TYPE_CGROUP_DEVICE needs CAP_SYS_ADMIN in the initial user namespace), and the user
// namespace already keeps devices out (no mknod; bind-mounted nodes keep the host's permissions).
std::unique_ptr<CgroupManager> makeCgroupV2Manager(const CgroupLayout& layout,
                                                   const std::filesystem::path& relativePath,
                                                   bool devicePolicy = true);
// A v2 manager in a directory delegated to the user: refuses a limit whose controller the
// delegation lacks with advice on what to do, then does what the v2 manager does. name is for
// messages.
std::unique_ptr<CgroupManager> makeDelegatedCgroupManager(const CgroupLayout& layout,
                                                          const std::string& containerId,
                                                          const std::string& name);
// No cgroup at all: the container's processes are its init and what descends from it, read from
// procRoot. refusal completes "container <name>: --memory " for any limit asked of it.
std::unique_ptr<CgroupManager> makeProcessTreeManager(const std::filesystem::path& procRoot,
                                                      const std::string& name, ContainerProcesses processes,
                                                      std::string refusal);

} // namespace berth::runtime
