#pragma once
// Private to core/oci: Descriptor and Platform to and from nlohmann::json.
#include "oci/descriptor.h"

#include <nlohmann/json.hpp>

namespace berth::oci::detail {

Result<Descriptor> descriptorFromJson(const nlohmann::json& j, std::string_view what);
nlohmann::json descriptorToJson(const Descriptor& d);
Annotations annotationsFromJson(const nlohmann::json& j);

} // namespace berth::oci::detail
