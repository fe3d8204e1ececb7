#pragma once
// A Descriptor points at content by media type, digest and size (image-spec descriptor.md).
#include "oci/digest.h"
#include "oci/platform.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berth::oci {

using Annotations = std::map<std::string, std::string>;

struct Descriptor {
    std::string mediaType;
    Digest digest;
    std::int64_t size = 0;
    std::vector<std::string> urls;
    Annotations annotations;
    std::optional<Platform> platform;
    std::string artifactType;
};

// Standard annotation keys.
inline constexpr const char* AnnotationRefName = "org.opencontainers.image.ref.name";
inline constexpr const char* AnnotationCreated = "org.opencontainers.image.created";
// The full image name, as containerd and Docker 25+ record it in index.json.
inline constexpr const char* AnnotationImageName = "io.containerd.image.name";

} // namespace berth::oci
