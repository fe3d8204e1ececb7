#pragma once
// Turns a registry's answer into an Error: the status as words ("500 internal server error"), the
// codes and messages of the JSON error body (distribution-spec "Error Codes", engine-reference
// §1.7), and whether the request is worth retrying.
#include "image/http_transfer.h"
#include "support/error.h"

#include <string>

namespace berth::image {

// "404 not found", using the status line's reason phrase when the registry sent one.
std::string describeStatus(const HttpResponse& response);

// `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}` →
// "MANIFEST_UNKNOWN: manifest unknown". Empty when the body is not such a document.
std::string registryErrorText(const std::string& body);

// "<what>: registry answered 500 internal server error (UNKNOWN: …)", or the transport failure.
// 401 → Unauthorized, 403 → Denied, 404 → NotFound, otherwise Network.
Error responseError(const HttpResponse& response, const std::string& what);

// 5xx, 408, 429 and broken or stalled connections are transient; other 4xx are not.
bool isRetryable(const HttpResponse& response);

// Retry-After in milliseconds (seconds form only), or -1 when absent.
int retryAfterMillis(const HttpResponse& response);

} // namespace berth::image
