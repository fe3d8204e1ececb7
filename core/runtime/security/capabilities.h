#pragma once
// Linux capabilities with Docker's semantics (engine-reference §2.4): the 14 defaults, the
// --cap-add/--cap-drop arithmetic, and applying a set to the calling process. Names are written
// "CAP_CHOWN"; parsing also takes "chown" and any case, as the docker CLI does.
#include "support/error.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace berth::runtime {

// Docker's 14 default capabilities (moby oci/caps/defaults.go), in bit order.
const std::vector<std::string>& defaultCapabilities();

// Every capability this kernel knows (bits 0..cap_last_cap) that has a name, in bit order.
std::vector<std::string> capabilityNames();

// The highest capability bit of the running kernel (/proc/sys/kernel/cap_last_cap).
int lastCapability();

// "chown", "CAP_CHOWN", "Cap_Chown" → the bit number (0). Unknown names fail, naming the input.
Result<int> parseCapabilityName(std::string_view name);

// The canonical "CAP_…" name of a bit, or "CAP_<n>" for a bit newer than Berth knows.
std::string capabilityName(int bit);

// Bit mask of a list of names, as /proc/<pid>/status prints it (CapEff: 00000000a80425fb).
Result<std::uint64_t> capabilityMask(const std::vector<std::string>& names);

// Docker's TweakCapabilities without --privileged: "ALL" in add grants every known capability
// except the dropped ones; "ALL" in drop starts from nothing and grants only add; otherwise the
// defaults minus drop plus add. Result in bit order without duplicates.
Result<std::vector<std::string>> resolveCapabilities(const std::vector<std::string>& add,
                                                     const std::vector<std::string>& drop);

// Restricts the calling process to caps: bounding = permitted = effective = caps, inheritable
// empty (CVE-2022-24769, CVE-2022-29162), ambient cleared. For the container's init right before
// execve, as uid 0 or after a setuid() done under PR_SET_KEEPCAPS (dropping the bounding set needs
// CAP_SETPCAP in the permitted set). Fails, naming them, when caps holds capabilities this process
// does not have (e.g. CAP_SYS_RESOURCE on a restricted host). For a non-root user the kernel clears
// effective and permitted again at execve; the bounding set is what remains.
Status applyCapabilities(const std::vector<std::string>& caps);

} // namespace berth::runtime
