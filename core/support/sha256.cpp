#include "support/sha256.h"

// OpenSSL's SHA256_* functions, deprecated in 3.0 in favour of EVP but kept for the 3.x series:
// EVP's first use loads the provider machinery and its configuration, ~0.8 ms that every berth
// command paid to check one small manifest, while SHA256_* runs the same assembly (about
// 1.2 GB/s here, as `openssl dgst`) with nothing to set up.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace berth {

struct Sha256::Ctx {
    SHA256_CTX sha;
};

Sha256::Sha256() : m_ctx(std::make_unique<Ctx>()) { SHA256_Init(&m_ctx->sha); }
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(const void* data, std::size_t size) { SHA256_Update(&m_ctx->sha, data, size); }

std::string Sha256::finalHex() {
    unsigned char out[SHA256_DIGEST_LENGTH];
    const unsigned len = SHA256_DIGEST_LENGTH;
    SHA256_Final(out, &m_ctx->sha);
    static const char* hex = "0123456789abcdef";
    std::string s;
    s.reserve(len * 2);
    for (unsigned i = 0; i < len; ++i) {
        s.push_back(hex[out[i] >> 4]);
        s.push_back(hex[out[i] & 15]);
    }
    return s;
}

std::string Sha256::hexOf(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.finalHex();
}

} // namespace berth
