#include "oci/digest.h"

#include "support/sha256.h"

namespace berth::oci {

static bool isLowerHex(std::string_view s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

Result<Digest> Digest::parse(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
        return fail(ErrorCode::InvalidArgument, "invalid digest \"" + std::string(text) + "\": expected algorithm:hex");
    std::string_view alg = text.substr(0, colon), enc = text.substr(colon + 1);
    std::size_t want = 0;
    if (alg == "sha256") want = 64;
    else if (alg == "sha512") want = 128;
    else
        return fail(ErrorCode::Unsupported, "unsupported digest algorithm \"" + std::string(alg) + "\"");
    if (enc.size() != want || !isLowerHex(enc))
        return fail(ErrorCode::InvalidArgument, "invalid digest \"" + std::string(text) + "\": expected " +
                                                    std::to_string(want) + " lowercase hex characters");
    Digest d;
    d.m_algorithm = std::string(alg);
    d.m_encoded = std::string(enc);
    return d;
}

Digest Digest::fromSha256Hex(std::string hex) {
    Digest d;
    d.m_algorithm = "sha256";
    d.m_encoded = std::move(hex);
    return d;
}

Digest Digest::sha256Of(std::string_view bytes) { return fromSha256Hex(Sha256::hexOf(bytes)); }

ChainId chainIdOf(const ChainId& parent, const DiffId& diffId) {
    if (parent.isEmpty()) return diffId;
    return Digest::sha256Of(parent.str() + " " + diffId.str());
}

} // namespace berth::oci
