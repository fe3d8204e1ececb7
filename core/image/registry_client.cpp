#include "image/registry_client.h"

#include "image/blob_download.h"
#include "image/manifest_fetch.h"
#include "image/registry_retry.h"
#include "image/registry_session.h"
#include "support/sha256.h"

#include <mutex>

namespace berth::image {

struct RegistryClient::Impl {
    RegistrySession session;
    std::mutex observerMutex;
    RetryObserver observer;

    Impl(std::string registry, std::string repository, RegistryOptions options)
        : session(std::move(registry), std::move(repository), std::move(options)) {}

    RetryObserver currentObserver() {
        std::lock_guard lock(observerMutex);
        return observer;
    }

    Status retrying(const std::function<Attempt()>& attempt) {
        const RegistryOptions& o = session.options();
        return withRetries(o.maxAttempts, o.backoffMillis, currentObserver(), attempt);
    }
};

RegistryClient::RegistryClient(std::string registry, std::string repository, RegistryOptions options)
    : m_impl(std::make_unique<Impl>(std::move(registry), std::move(repository), std::move(options))) {}

RegistryClient::~RegistryClient() = default;

const std::string& RegistryClient::registry() const {
    return m_impl->session.registry();
}
const std::string& RegistryClient::repository() const {
    return m_impl->session.repository();
}

void RegistryClient::setRetryObserver(std::function<void(const std::string&, int, int)> observer) {
    std::lock_guard lock(m_impl->observerMutex);
    m_impl->observer = std::move(observer);
}

Result<FetchedManifest> RegistryClient::fetchManifest(const std::string& tagOrDigest) {
    FetchedManifest out;
    BERTH_CHECK(m_impl->retrying([&] { return fetchManifestOnce(m_impl->session, tagOrDigest, out); }));
    return out;
}

Status RegistryClient::fetchBlob(const oci::Descriptor& blob, std::uint64_t offset, const Sink& sink) {
    if (blob.size < 0 || offset > static_cast<std::uint64_t>(blob.size))
        return fail(ErrorCode::InvalidArgument, "fetching blob " + blob.digest.str() + ": offset " +
                                                    std::to_string(offset) + " is past its size " +
                                                    std::to_string(blob.size));
    std::uint64_t position = offset;
    if (position == static_cast<std::uint64_t>(blob.size)) return {};
    return m_impl->retrying([&] { return downloadBlobOnce(m_impl->session, blob, position, sink); });
}

Result<std::string> RegistryClient::fetchBlobBytes(const oci::Descriptor& blob, std::size_t maxBytes) {
    std::string what = "fetching blob " + blob.digest.str();
    if (!blob.digest.isSha256())
        return fail(ErrorCode::Unsupported,
                    what + ": cannot verify digest algorithm " + blob.digest.algorithm());
    if (blob.size < 0 || static_cast<std::uint64_t>(blob.size) > maxBytes)
        return fail(ErrorCode::LimitExceeded, what + ": " + std::to_string(blob.size) +
                                                  " bytes exceed the limit of " + std::to_string(maxBytes));
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(blob.size));
    BERTH_CHECK(fetchBlob(blob, 0, [&](const char* data, std::size_t size) -> Status {
        bytes.append(data, size);
        return {};
    }));
    if (bytes.size() != static_cast<std::size_t>(blob.size))
        return fail(ErrorCode::Corrupt, what + ": got " + std::to_string(bytes.size()) +
                                            " bytes, the descriptor says " + std::to_string(blob.size));
    std::string actual = Sha256::hexOf(bytes);
    if (actual != blob.digest.encoded())
        return fail(ErrorCode::Corrupt,
                    "blob " + blob.digest.str() + " does not match its digest (got sha256:" + actual + ")");
    return bytes;
}

Status checkLogin(const std::string& registry, const Credentials& credentials,
                  const RegistryOptions& options) {
    RegistryOptions withCredentials = options;
    withCredentials.credentials = [credentials](const std::string&) {
        return std::optional<Credentials>(credentials);
    };
    RegistrySession session(registry, "", std::move(withCredentials));
    return session.verifyLogin();
}

} // namespace berth::image
