#pragma once
// A content address, "algorithm:encoded" (image-spec descriptor.md "Digests"). A Digest names
// bytes as stored (a compressed layer blob, a manifest); a DiffId names an uncompressed layer tar
// and a ChainId a stack of layers (config.md). All three are sha256 Digests with different roles,
// so they get distinct names at every use site.
#include "support/error.h"

#include <string>
#include <string_view>

namespace berth::oci {

class Digest {
public:
    Digest() = default;
    // Validates the grammar; sha256 must be 64 lowercase hex characters. sha512 is accepted
    // syntactically (128 hex) but cannot be verified by this engine.
    static Result<Digest> parse(std::string_view text);
    static Digest fromSha256Hex(std::string hex);
    static Digest sha256Of(std::string_view bytes);

    const std::string& algorithm() const { return m_algorithm; }
    const std::string& encoded() const { return m_encoded; }
    std::string str() const { return m_algorithm + ":" + m_encoded; }
    // The 12-character id Docker shows (IMAGE ID, layer ids in pull progress).
    std::string shortId() const { return m_encoded.substr(0, 12); }
    bool isEmpty() const { return m_encoded.empty(); }
    bool isSha256() const { return m_algorithm == "sha256"; }

    friend bool operator==(const Digest&, const Digest&) = default;
    friend auto operator<=>(const Digest&, const Digest&) = default;

private:
    std::string m_algorithm;
    std::string m_encoded;
};

using DiffId = Digest;
using ChainId = Digest;

// ChainID(L0) = DiffID(L0); ChainID(L0..n) = sha256(ChainID(L0..n-1) + " " + DiffID(Ln)).
ChainId chainIdOf(const ChainId& parent, const DiffId& diffId);

} // namespace berth::oci
