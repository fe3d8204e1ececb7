#pragma once
// Speaks the OCI distribution spec (pull side) to one repository of one registry, over libcurl:
// ping /v2/, Bearer-token or Basic auth from the WWW-Authenticate challenge, manifest negotiation,
// blob streaming with redirects (Authorization never sent to another host), Range resume and
// retries with backoff on 5xx, 429 and transport errors. Every byte it hands out is verified by
// the caller (digests) — the client itself only bounds sizes.
// One RegistryClient is used by several threads at once (one layer download per thread); each
// call uses its own curl handle, the token is shared under a mutex.
#include "oci/descriptor.h"
#include "support/error.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace berth::image {

struct Credentials {
    std::string username;
    std::string password;      // or an identity token when username is "<token>"
    bool isEmpty() const { return username.empty() && password.empty(); }
};

struct RegistryOptions {
    // Host names (as in references, e.g. "myreg:5000") allowed plain HTTP besides loopback.
    std::vector<std::string> insecureRegistries;
    // Looked up by registry host (e.g. "127.0.0.1:5000", "docker.io").
    std::function<std::optional<Credentials>(const std::string& host)> credentials;
    int maxAttempts = 5;
    int backoffMillis = 500;            // attempt n waits n * backoffMillis (Docker waits n * 5 s)
    long connectTimeoutSeconds = 15;
    long lowSpeedTimeoutSeconds = 30;   // abort a transfer that stalls this long, then retry
    std::size_t maxManifestBytes = 4u << 20;
    std::string userAgent = "berth/0.1";
};

struct FetchedManifest {
    std::string bytes;
    std::string mediaType;     // Content-Type as sent (parameters stripped)
    oci::Digest digest;        // sha256 of bytes, checked against Docker-Content-Digest if present
};

class RegistryClient {
public:
    // registry: a reference's domain ("docker.io" is sent to registry-1.docker.io);
    // repository: its path ("library/busybox").
    RegistryClient(std::string registry, std::string repository, RegistryOptions options = {});
    ~RegistryClient();

    // GET /v2/<repo>/manifests/<tagOrDigest>. When tagOrDigest is a digest the body must hash to
    // it. Fails with a clear message for schema1, for bodies over maxManifestBytes, 404 → NotFound.
    Result<FetchedManifest> fetchManifest(const std::string& tagOrDigest);

    // GET /v2/<repo>/blobs/<digest>, delivering bytes from `offset` on to `sink` in order. Retries
    // resume where the sink left off (Range), so the sink sees each byte exactly once. Delivers at
    // most descriptor.size - offset bytes and fails if more arrive. A sink error aborts at once.
    using Sink = std::function<Status(const char* data, std::size_t size)>;
    Status fetchBlob(const oci::Descriptor& blob, std::uint64_t offset, const Sink& sink);

    // Small blobs (configs) into memory, size and digest verified.
    Result<std::string> fetchBlobBytes(const oci::Descriptor& blob, std::size_t maxBytes = 8u << 20);

    // Called before each retry with a one-line reason (for progress display).
    void setRetryObserver(std::function<void(const std::string& what, int attempt, int waitMillis)> observer);

    const std::string& registry() const;
    const std::string& repository() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Verifies a Basic or Bearer login against the registry's /v2/ (for `berth login`).
Status checkLogin(const std::string& registry, const Credentials& credentials, const RegistryOptions& options);

// True for 127.0.0.0/8, ::1 and localhost, with or without a port.
bool isLoopbackRegistry(const std::string& host);

} // namespace berth::image
