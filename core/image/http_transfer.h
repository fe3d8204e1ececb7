#pragma once
// The one place that talks to libcurl: a blocking GET with streamed body, run on a fresh easy
// handle per call so any thread may use it. curl's error codes stop here; callers see an
// HttpResponse with a status, the final response's headers and a TransportFailure kind.
// Redirects (when asked) are followed by curl, at most 10, and custom Authorization headers are
// not sent to another host, port or scheme (CURLOPT_UNRESTRICTED_AUTH=0; distribution-spec "API").
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace berth::image {

struct HttpRequest {
    std::string url;
    std::vector<std::string> headers; // "Name: value"
    bool followRedirects = false;
    bool verifyTls = true;
    long connectTimeoutSeconds = 15;
    long lowSpeedTimeoutSeconds = 30; // abort when under 1 byte/s for this long
    std::string userAgent = "berth";
};

enum class TransportFailure {
    None,
    Connect,     // resolving or connecting failed
    Tls,         // the TLS handshake failed (also: plain HTTP answered an HTTPS hello)
    Timeout,     // connect timeout or stalled transfer
    Interrupted, // the connection broke mid-answer (short body, reset)
    Aborted,     // a handler returned false
    Other,
};

struct HttpResponse {
    long status = 0;
    std::string reason;                         // reason phrase of the status line, lowercased
    std::map<std::string, std::string> headers; // final response; names lowercased, repeats joined by ", "
    std::string errorBody;                      // body of a non-2xx answer, at most 1 MiB
    std::string effectiveUrl;
    TransportFailure failure = TransportFailure::None;
    std::string failureText;

    bool isSuccess() const { return failure == TransportFailure::None && status >= 200 && status < 300; }
    // The header's value, "" when absent.
    std::string header(const std::string& lowercaseName) const;
};

// Called once before the first body byte of a 2xx answer; returning false aborts the transfer.
using StartHandler = std::function<bool(const HttpResponse& head)>;
// Receives the body of a 2xx answer in order; returning false aborts the transfer.
using BodyHandler = std::function<bool(const char* data, std::size_t size)>;

HttpResponse httpGet(const HttpRequest& request, const StartHandler& onStart, const BodyHandler& onBody);

// The body of a 2xx answer in memory. More than maxBytes aborts with overLimit set.
struct BufferedResponse {
    HttpResponse response;
    std::string body;
    bool overLimit = false;
};
BufferedResponse httpGetBuffered(const HttpRequest& request, std::size_t maxBytes);

} // namespace berth::image
