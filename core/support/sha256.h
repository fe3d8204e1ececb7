#pragma once
// Incremental SHA-256 (OpenSSL libcrypto), the hash behind every Digest and DiffId.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace berth {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;

    void update(const void* data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    // Lowercase hex of the digest; the hasher is spent afterwards.
    std::string finalHex();

    static std::string hexOf(std::string_view data);

private:
    struct Ctx;
    std::unique_ptr<Ctx> m_ctx;
};

} // namespace berth
