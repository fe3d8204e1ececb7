#include "image/registry_auth.h"

#include "image/base64.h"
#include "image/registry_errors.h"

#include <nlohmann/json.hpp>

namespace berth::image {

namespace {

constexpr std::size_t MaxTokenResponse = 1u << 20;
constexpr long DefaultTokenSeconds = 60;

std::string percentEncode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string basicHeader(const Credentials& c) {
    return "Authorization: Basic " + base64Encode(c.username + ":" + c.password);
}

} // namespace

RegistryAuth::RegistryAuth(std::string name, std::string scope, std::optional<Credentials> credentials,
                           RequestFactory makeRequest)
    : m_name(std::move(name)), m_scope(std::move(scope)), m_credentials(std::move(credentials)),
      m_makeRequest(std::move(makeRequest)) {
    if (m_credentials && m_credentials->isEmpty()) m_credentials.reset();
}

void RegistryAuth::setChallenge(const AuthChallenge& challenge) {
    std::lock_guard lock(m_mutex);
    m_challenge = challenge;
    m_header.clear();
}

bool RegistryAuth::hasChallenge() const {
    std::lock_guard lock(m_mutex);
    return m_challenge.has_value();
}

bool RegistryAuth::isBearer() const {
    std::lock_guard lock(m_mutex);
    return m_challenge && m_challenge->scheme == "bearer";
}

void RegistryAuth::invalidate(const std::string& header) {
    std::lock_guard lock(m_mutex);
    if (m_header == header) m_header.clear();
}

Result<std::string> RegistryAuth::header() {
    std::lock_guard lock(m_mutex);
    if (!m_challenge) return std::string();
    if (m_challenge->scheme == "basic") {
        if (!m_credentials)
            return fail(ErrorCode::Unauthorized,
                        "pulling " + m_name +
                            ": the registry asks for a user name and password (berth login)");
        return basicHeader(*m_credentials);
    }
    if (!m_header.empty() && Clock::now() < m_expiry) return m_header;
    // Fetching under the lock makes concurrent downloads wait for one token instead of each asking.
    m_header = BERTH_TRY(fetchToken(*m_challenge));
    return m_header;
}

std::string RegistryAuth::tokenUrl(const AuthChallenge& challenge) const {
    std::string url = challenge.param("realm");
    std::vector<std::string> query;
    if (!challenge.param("service").empty())
        query.push_back("service=" + percentEncode(challenge.param("service")));
    if (!m_scope.empty()) query.push_back("scope=" + percentEncode(m_scope));
    for (std::size_t i = 0; i < query.size(); ++i)
        url += (i == 0 && url.find('?') == std::string::npos ? "?" : "&") + query[i];
    return url;
}

Result<std::string> RegistryAuth::fetchToken(const AuthChallenge& challenge) {
    std::string realm = challenge.param("realm");
    if (!realm.starts_with("https://") && !realm.starts_with("http://"))
        return fail(ErrorCode::Unauthorized,
                    "pulling " + m_name + ": bearer challenge has no usable realm \"" + realm + "\"");
    HttpRequest rq = m_makeRequest(tokenUrl(challenge));
    if (m_credentials) rq.headers.push_back(basicHeader(*m_credentials));
    BufferedResponse got = httpGetBuffered(rq, MaxTokenResponse);
    if (got.overLimit)
        return fail(ErrorCode::LimitExceeded, "pulling " + m_name + ": token response exceeds 1 MiB");
    if (got.response.failure != TransportFailure::None)
        return fail(ErrorCode::Network,
                    "pulling " + m_name + ": token endpoint: " + got.response.failureText);
    if (!got.response.isSuccess()) {
        ErrorCode code = got.response.status == 401 || got.response.status == 403 ? ErrorCode::Unauthorized
                                                                                  : ErrorCode::Network;
        return fail(code, "pulling " + m_name + ": token endpoint answered " + describeStatus(got.response));
    }
    auto doc = nlohmann::json::parse(got.body, nullptr, false);
    std::string token;
    for (const char* key : {"token", "access_token"})
        if (token.empty() && doc.is_object() && doc.contains(key) && doc[key].is_string())
            token = doc[key].get<std::string>();
    if (token.empty())
        return fail(ErrorCode::Unauthorized, "pulling " + m_name + ": token endpoint sent no token");
    long seconds = DefaultTokenSeconds;
    if (doc.contains("expires_in") && doc["expires_in"].is_number_integer() &&
        doc["expires_in"].get<long>() > 0)
        seconds = doc["expires_in"].get<long>();
    // Renew a little early so a token does not expire between our check and the registry's.
    m_expiry = Clock::now() + std::chrono::seconds(seconds) -
               std::chrono::milliseconds(std::min(seconds * 100, 5000L));
    return "Authorization: Bearer " + token;
}

} // namespace berth::image
