// Manifests, indexes and configs come from registries and archives: never crash, and a parsed
// manifest or index serialises back into something that parses.
#include "oci/image_config.h"
#include "oci/manifest.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    if (auto m = berth::oci::parseManifest(text, "application/vnd.oci.image.manifest.v1+json"))
        if (!berth::oci::parseManifest(berth::oci::toJson(*m), m->mediaType)) std::abort();
    if (auto i = berth::oci::parseImageIndex(text, ""))
        if (!berth::oci::parseImageIndex(berth::oci::toJson(*i), i->mediaType)) std::abort();
    (void)berth::oci::parseImageConfig(text);
    return 0;
}
