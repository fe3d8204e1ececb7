#include "image/http_transfer.h"

#include "image/curl_library.h"

#include <algorithm>
#include <cctype>
#include <memory>

namespace berth::image {

namespace {

constexpr std::size_t MaxErrorBody = 1u << 20;
constexpr long ReceiveBufferBytes = 512L * 1024;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return std::string(s);
}

// State shared with curl's callbacks for one transfer.
struct Transfer {
    HttpResponse response;
    const StartHandler* onStart = nullptr;
    const BodyHandler* onBody = nullptr;
    bool started = false;
    bool aborted = false;
};

// Each response (redirect hops included) starts with its status line: keep only the last one's headers.
void takeHeaderLine(Transfer& t, std::string_view line) {
    line = std::string_view(line.data(), line.find_last_not_of("\r\n") + 1);
    if (line.starts_with("HTTP/")) {
        t.response.headers.clear();
        auto sp = line.find(' ');
        if (sp == std::string_view::npos) return;
        std::string rest(line.substr(sp + 1));
        t.response.status = std::strtol(rest.c_str(), nullptr, 10);
        auto sp2 = rest.find(' ');
        t.response.reason = sp2 == std::string::npos ? "" : lower(trim(rest.substr(sp2 + 1)));
        return;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    std::string name = lower(trim(line.substr(0, colon)));
    std::string value = trim(line.substr(colon + 1));
    auto [it, inserted] = t.response.headers.emplace(name, value);
    if (!inserted) it->second += ", " + value;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    takeHeaderLine(*static_cast<Transfer*>(user), std::string_view(data, size * count));
    return size * count;
}

size_t onWrite(char* data, size_t size, size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    std::size_t n = size * count;
    if (t.response.status < 200 || t.response.status >= 300) {
        std::size_t room = MaxErrorBody - std::min(MaxErrorBody, t.response.errorBody.size());
        t.response.errorBody.append(data, std::min(room, n));
        return n;
    }
    if (!t.started) {
        t.started = true;
        if (*t.onStart && !(*t.onStart)(t.response)) {
            t.aborted = true;
            return 0;
        }
    }
    if (!(*t.onBody)(data, n)) {
        t.aborted = true;
        return 0;
    }
    return n;
}

TransportFailure classify(CURLcode rc) {
    switch (rc) {
    case CURLE_OK:
        return TransportFailure::None;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return TransportFailure::Connect;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
        return TransportFailure::Tls;
    case CURLE_OPERATION_TIMEDOUT:
        return TransportFailure::Timeout;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return TransportFailure::Interrupted;
    case CURLE_WRITE_ERROR:
    case CURLE_ABORTED_BY_CALLBACK:
        return TransportFailure::Aborted;
    default:
        return TransportFailure::Other;
    }
}

using CurlPtr = std::unique_ptr<CURL, void (*)(CURL*)>;
using HeaderList = std::unique_ptr<curl_slist, void (*)(curl_slist*)>;

void configure(const CurlLibrary& curl, CURL* h, const HttpRequest& rq, curl_slist* headers, Transfer& t,
               char* errorBuffer) {
    curl.easySetopt(h, CURLOPT_URL, rq.url.c_str());
    curl.easySetopt(h, CURLOPT_HTTPHEADER, headers);
    curl.easySetopt(h, CURLOPT_USERAGENT, rq.userAgent.c_str());
    curl.easySetopt(h, CURLOPT_NOSIGNAL, 1L);
    curl.easySetopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl.easySetopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl.easySetopt(h, CURLOPT_NOPROXY, "localhost,127.0.0.0/8,::1");
    curl.easySetopt(h, CURLOPT_FOLLOWLOCATION, rq.followRedirects ? 1L : 0L);
    curl.easySetopt(h, CURLOPT_MAXREDIRS, 10L);
    curl.easySetopt(h, CURLOPT_UNRESTRICTED_AUTH, 0L);
    curl.easySetopt(h, CURLOPT_SSL_VERIFYPEER, rq.verifyTls ? 1L : 0L);
    curl.easySetopt(h, CURLOPT_SSL_VERIFYHOST, rq.verifyTls ? 2L : 0L);
    curl.easySetopt(h, CURLOPT_CONNECTTIMEOUT, rq.connectTimeoutSeconds);
    curl.easySetopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl.easySetopt(h, CURLOPT_LOW_SPEED_TIME, rq.lowSpeedTimeoutSeconds);
    curl.easySetopt(h, CURLOPT_BUFFERSIZE, ReceiveBufferBytes);
    curl.easySetopt(h, CURLOPT_TCP_NODELAY, 1L);
    curl.easySetopt(h, CURLOPT_ERRORBUFFER, errorBuffer);
    curl.easySetopt(h, CURLOPT_HEADERFUNCTION, onHeader);
    curl.easySetopt(h, CURLOPT_HEADERDATA, &t);
    curl.easySetopt(h, CURLOPT_WRITEFUNCTION, onWrite);
    curl.easySetopt(h, CURLOPT_WRITEDATA, &t);
}

} // namespace

std::string HttpResponse::header(const std::string& lowercaseName) const {
    auto it = headers.find(lowercaseName);
    return it == headers.end() ? std::string() : it->second;
}

HttpResponse httpGet(const HttpRequest& request, const StartHandler& onStart, const BodyHandler& onBody) {
    Transfer t;
    t.onStart = &onStart;
    t.onBody = &onBody;
    auto library = curlLibrary();
    if (!library) {
        t.response.failure = TransportFailure::Other;
        t.response.failureText = library.error().message;
        return t.response;
    }
    const CurlLibrary& curl = **library;
    CurlPtr handle(curl.easyInit(), curl.easyCleanup);
    if (!handle) {
        t.response.failure = TransportFailure::Other;
        t.response.failureText = "cannot create a curl handle";
        return t.response;
    }
    HeaderList headers(nullptr, curl.slistFreeAll);
    for (const std::string& h : request.headers)
        headers.reset(curl.slistAppend(headers.release(), h.c_str()));
    char errorBuffer[CURL_ERROR_SIZE] = {};
    configure(curl, handle.get(), request, headers.get(), t, errorBuffer);
    CURLcode rc = curl.easyPerform(handle.get());
    char* effective = nullptr;
    if (curl.easyGetinfo(handle.get(), CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective)
        t.response.effectiveUrl = effective;
    t.response.failure = t.aborted ? TransportFailure::Aborted : classify(rc);
    if (t.response.failure != TransportFailure::None)
        t.response.failureText = errorBuffer[0] ? lower(errorBuffer) : lower(curl.easyStrerror(rc));
    return t.response;
}

BufferedResponse httpGetBuffered(const HttpRequest& request, std::size_t maxBytes) {
    BufferedResponse out;
    out.response = httpGet(request, nullptr, [&](const char* data, std::size_t n) {
        if (out.body.size() + n > maxBytes) {
            out.overLimit = true;
            return false;
        }
        out.body.append(data, n);
        return true;
    });
    return out;
}

} // namespace berth::image
