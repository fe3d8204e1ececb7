#pragma once
// Standard base64 (RFC 4648 §4, with padding): the encoding of HTTP Basic credentials and of the
// "auth" field in Docker's config.json.
#include "support/error.h"

#include <string>
#include <string_view>

namespace berth::image {

std::string base64Encode(std::string_view bytes);
// Accepts padded or unpadded input; any other character is Corrupt.
Result<std::string> base64Decode(std::string_view text);

} // namespace berth::image
