#pragma once
// An image Manifest (OCI or Docker schema2) and an ImageIndex (OCI index or Docker manifest list).
#include "oci/descriptor.h"

#include <string>
#include <string_view>

namespace berth::oci {

struct Manifest {
    int schemaVersion = 2;
    std::string mediaType; // from the document, or from Content-Type when the document omits it
    Descriptor config;
    std::vector<Descriptor> layers;
    Annotations annotations;
};

struct ImageIndex {
    int schemaVersion = 2;
    std::string mediaType;
    std::vector<Descriptor> manifests;
    Annotations annotations;
};

// Parses a manifest. contentType is the registry's Content-Type (may be empty); when the document
// has a mediaType it must agree. Rejects schema1 and documents that look like an index
// (CVE-2021-41190).
Result<Manifest> parseManifest(std::string_view json, std::string_view contentType = {});
Result<ImageIndex> parseImageIndex(std::string_view json, std::string_view contentType = {});
// Returns the media type of a manifest-ish document: its mediaType field, else Content-Type, else
// a guess from its shape ("manifests" → OCI index, "config" → OCI manifest).
Result<std::string> detectManifestMediaType(std::string_view json, std::string_view contentType);

std::string toJson(const Manifest& m);
std::string toJson(const ImageIndex& i);

} // namespace berth::oci
