#include "image/registry_session.h"

#include "image/registry_errors.h"

#include <algorithm>
#include <arpa/inet.h>

namespace berth::image {

namespace {

// "host:port", "[v6]:port", "v6" → host without port or brackets.
std::string hostWithoutPort(const std::string& host) {
    if (host.starts_with("[")) return host.substr(1, host.find(']') - 1);
    if (std::count(host.begin(), host.end(), ':') > 1) return host; // bare IPv6
    return host.substr(0, host.find(':'));
}

// The authority of an absolute URL ("https://a:1/x" → "a:1").
std::string urlAuthority(const std::string& url) {
    auto start = url.find("://");
    if (start == std::string::npos) return {};
    start += 3;
    return url.substr(start, url.find_first_of("/?#", start) - start);
}

std::optional<Credentials> lookupCredentials(const RegistryOptions& o, const std::string& registry) {
    return o.credentials ? o.credentials(registry) : std::nullopt;
}

} // namespace

bool isLoopbackRegistry(const std::string& host) {
    std::string name = hostWithoutPort(host);
    if (name == "localhost" || name == "::1") return true;
    in_addr v4{};
    return inet_pton(AF_INET, name.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

std::string apiHostOf(const std::string& registry) {
    if (registry == "docker.io" || registry == "index.docker.io") return "registry-1.docker.io";
    if (!registry.starts_with("[") && std::count(registry.begin(), registry.end(), ':') > 1)
        return "[" + registry + "]";
    return registry;
}

RegistrySession::RegistrySession(std::string registry, std::string repository, RegistryOptions options)
    : m_registry(std::move(registry)), m_repository(std::move(repository)), m_options(std::move(options)),
      m_auth(displayName(), m_repository.empty() ? "" : "repository:" + m_repository + ":pull",
             lookupCredentials(m_options, m_registry),
             [this](const std::string& url) { return makeRequest(url); }) {}

std::string RegistrySession::displayName() const {
    return m_repository.empty() ? m_registry : m_registry + "/" + m_repository;
}

bool RegistrySession::allowsPlainHttp() const {
    const auto& list = m_options.insecureRegistries;
    return isLoopbackRegistry(m_registry) || std::find(list.begin(), list.end(), m_registry) != list.end();
}

HttpRequest RegistrySession::makeRequest(const std::string& url) const {
    HttpRequest rq;
    rq.url = url;
    rq.userAgent = m_options.userAgent;
    rq.connectTimeoutSeconds = m_options.connectTimeoutSeconds;
    rq.lowSpeedTimeoutSeconds = m_options.lowSpeedTimeoutSeconds;
    // Insecure registries skip certificate checks, as Docker's --insecure-registry does.
    std::string authority = urlAuthority(url);
    const auto& list = m_options.insecureRegistries;
    rq.verifyTls =
        !isLoopbackRegistry(authority) && std::find(list.begin(), list.end(), authority) == list.end();
    return rq;
}

HttpResponse RegistrySession::ping(const std::string& baseUrl) {
    HttpRequest rq = makeRequest(baseUrl + "/v2/");
    rq.followRedirects = true;
    return httpGet(rq, nullptr, [](const char*, std::size_t) { return true; });
}

Status RegistrySession::learnChallenge(const HttpResponse& response) {
    std::string header = response.header("www-authenticate");
    auto challenge = preferredChallenge(parseWwwAuthenticate(header));
    if (!challenge)
        return fail(ErrorCode::Unauthorized, "pulling " + displayName() +
                                                 ": registry asks for an unsupported authentication: \"" +
                                                 header + "\"");
    m_auth.setChallenge(*challenge);
    return {};
}

Status RegistrySession::ensureReady() {
    std::lock_guard lock(m_mutex);
    if (!m_baseUrl.empty()) return {};
    std::string host = apiHostOf(m_registry);
    std::string base = "https://" + host;
    HttpResponse answer = ping(base);
    if (answer.failure != TransportFailure::None && allowsPlainHttp()) {
        base = "http://" + host;
        HttpResponse plain = ping(base);
        if (plain.failure != TransportFailure::None)
            answer.failureText += "; over http: " + plain.failureText;
        else
            answer = plain;
    }
    if (answer.status == 401)
        BERTH_CHECK(learnChallenge(answer));
    else if (!answer.isSuccess())
        return std::unexpected(
            responseError(answer, "pulling " + displayName() + ": pinging " + base + "/v2/"));
    m_baseUrl = base;
    return {};
}

Result<HttpResponse> RegistrySession::get(const std::string& path, std::vector<std::string> headers,
                                          bool followRedirects, const StartHandler& onStart,
                                          const BodyHandler& onBody) {
    BERTH_CHECK(ensureReady());
    HttpRequest rq = makeRequest(m_baseUrl + "/v2/" + m_repository + "/" + path);
    rq.followRedirects = followRedirects;
    rq.headers = std::move(headers);
    for (int round = 0;; ++round) {
        std::string auth = BERTH_TRY(m_auth.header());
        HttpRequest attempt = rq;
        if (!auth.empty()) attempt.headers.push_back(auth);
        HttpResponse answer = httpGet(attempt, onStart, onBody);
        if (answer.status != 401 || round == 1) return answer;
        // An expired or revoked token, or a registry that wants auth only here: renew once.
        m_auth.invalidate(auth);
        if (!answer.header("www-authenticate").empty())
            BERTH_CHECK(learnChallenge(answer));
        else if (!m_auth.hasChallenge())
            return answer;
    }
}

Status RegistrySession::verifyLogin() {
    BERTH_CHECK(ensureReady());
    if (!m_auth.hasChallenge()) return {};
    std::string auth = BERTH_TRY(m_auth.header());
    if (m_auth.isBearer()) return {}; // the token endpoint accepted the credentials
    HttpRequest rq = makeRequest(m_baseUrl + "/v2/");
    rq.headers.push_back(auth);
    HttpResponse answer = httpGet(rq, nullptr, [](const char*, std::size_t) { return true; });
    if (answer.status == 401)
        return fail(ErrorCode::Unauthorized,
                    "logging in to " + m_registry + ": the registry refused the credentials");
    if (!answer.isSuccess()) return std::unexpected(responseError(answer, "logging in to " + m_registry));
    return {};
}

} // namespace berth::image
