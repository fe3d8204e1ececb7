#pragma once
// What every request to one repository needs: the API host ("docker.io" → registry-1.docker.io),
// the scheme, learned once by pinging /v2/ (HTTPS; loopback and insecure registries fall back to
// plain HTTP when TLS or the connection fails, as Docker does, and keep that choice), and the
// Authorization header (RegistryAuth), renewed once when a request is refused with 401.
// Thread-safe; used by RegistryClient and checkLogin.
#include "image/http_transfer.h"
#include "image/registry_auth.h"
#include "image/registry_client.h"

#include <mutex>
#include <string>
#include <vector>

namespace berth::image {

class RegistrySession {
public:
    // repository may be empty (login: no scope).
    RegistrySession(std::string registry, std::string repository, RegistryOptions options);

    const std::string& registry() const { return m_registry; }
    const std::string& repository() const { return m_repository; }
    const RegistryOptions& options() const { return m_options; }
    // "registry/repository", the name errors use.
    std::string displayName() const;

    // Pings /v2/ once (scheme and challenge); later calls return at once.
    Status ensureReady();
    // GET /v2/<repository>/<path> with authorization. Errors are auth failures only; HTTP answers
    // (401 after one renewal included) come back as responses.
    Result<HttpResponse> get(const std::string& path, std::vector<std::string> headers, bool followRedirects,
                             const StartHandler& onStart, const BodyHandler& onBody);
    // For `berth login`: the challenge's credentials check (token fetch, or an authorized /v2/).
    Status verifyLogin();

private:
    HttpResponse ping(const std::string& baseUrl);
    Status learnChallenge(const HttpResponse& response);
    HttpRequest makeRequest(const std::string& url) const;
    bool allowsPlainHttp() const;

    std::string m_registry;
    std::string m_repository;
    RegistryOptions m_options;
    RegistryAuth m_auth;
    std::mutex m_mutex;
    std::string m_baseUrl; // "https://host:port", empty until the first ping
};

// "docker.io" and "index.docker.io" → "registry-1.docker.io"; bare IPv6 gets brackets.
std::string apiHostOf(const std::string& registry);

} // namespace berth::image
