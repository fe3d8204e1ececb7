#pragma once
// The Authorization header for one repository of one registry, learned from a 401 challenge:
// Basic sends the stored credentials on every request; Bearer trades them (or nothing, for
// anonymous pulls) for a token at the challenge's realm (distribution token spec, engine-reference
// §1.1 step 2) and keeps it until it expires (expires_in, 60 s when absent). Thread-safe: the
// layer downloads of one pull share the token under a mutex.
#include "image/http_transfer.h"
#include "image/registry_client.h"
#include "image/www_authenticate.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace berth::image {

class RegistryAuth {
public:
    using RequestFactory = std::function<HttpRequest(const std::string& url)>;

    // name: "registry/repository" for messages; scope: "repository:<repo>:pull", or "" for a login.
    RegistryAuth(std::string name, std::string scope, std::optional<Credentials> credentials,
                 RequestFactory makeRequest);

    // Remembers the challenge of a 401 (from /v2/ or from any later request).
    void setChallenge(const AuthChallenge& challenge);
    bool hasChallenge() const;
    bool isBearer() const;
    // The Authorization header line for the next request, "" when none is needed. Fetches a
    // token when there is none or it has expired.
    Result<std::string> header();
    // A request that carried `header` was refused: drop that token so header() fetches another.
    void invalidate(const std::string& header);

private:
    using Clock = std::chrono::steady_clock;
    Result<std::string> fetchToken(const AuthChallenge& challenge);
    std::string tokenUrl(const AuthChallenge& challenge) const;

    std::string m_name;
    std::string m_scope;
    std::optional<Credentials> m_credentials;
    RequestFactory m_makeRequest;
    mutable std::mutex m_mutex;
    std::optional<AuthChallenge> m_challenge;
    std::string m_header;
    Clock::time_point m_expiry{};
};

} // namespace berth::image
