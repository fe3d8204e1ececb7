#pragma once
// os/architecture[/variant] of an image (image-index.md "platform"), normalised as containerd's
// platforms package does: x86_64 → amd64, aarch64 → arm64, armhf → arm/v7.
#include "support/error.h"

#include <string>

namespace berth::oci {

struct Platform {
    std::string os;
    std::string architecture;
    std::string variant;
    std::string osVersion;

    // "linux/amd64", "linux/arm64/v8", "arm64" (os defaults to linux).
    static Result<Platform> parse(std::string_view text);
    // The platform this binary runs on.
    static Platform host();
    Platform normalized() const;
    std::string str() const;
    // True when an index entry with platform `candidate` can run where this platform is wanted.
    bool matches(const Platform& candidate) const;
    friend bool operator==(const Platform&, const Platform&) = default;
};

} // namespace berth::oci
