#include "support/sha256.h"

#include <openssl/evp.h>

namespace berth {

struct Sha256::Ctx {
    EVP_MD_CTX* md = nullptr;
    ~Ctx() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : m_ctx(std::make_unique<Ctx>()) {
    m_ctx->md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(m_ctx->md, EVP_sha256(), nullptr);
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(const void* data, std::size_t size) { EVP_DigestUpdate(m_ctx->md, data, size); }

std::string Sha256::finalHex() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx->md, out, &len);
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
