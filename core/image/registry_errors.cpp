#include "image/registry_errors.h"

#include <nlohmann/json.hpp>

namespace berth::image {

namespace {

const char* standardReason(long status) {
    switch (status) {
    case 400:
        return "bad request";
    case 401:
        return "unauthorized";
    case 403:
        return "forbidden";
    case 404:
        return "not found";
    case 405:
        return "method not allowed";
    case 408:
        return "request timeout";
    case 416:
        return "range not satisfiable";
    case 429:
        return "too many requests";
    case 500:
        return "internal server error";
    case 502:
        return "bad gateway";
    case 503:
        return "service unavailable";
    case 504:
        return "gateway timeout";
    default:
        return "";
    }
}

ErrorCode codeForStatus(long status) {
    switch (status) {
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Denied;
    case 404:
        return ErrorCode::NotFound;
    default:
        return ErrorCode::Network;
    }
}

// A string member, "" when absent or of another type (error bodies come from anywhere).
std::string stringField(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::string describeStatus(const HttpResponse& response) {
    std::string reason = response.reason.empty() ? standardReason(response.status) : response.reason;
    std::string text = std::to_string(response.status);
    return reason.empty() ? text : text + " " + reason;
}

std::string registryErrorText(const std::string& body) {
    auto doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("errors") || !doc["errors"].is_array())
        return {};
    std::string out;
    for (const auto& e : doc["errors"]) {
        if (!e.is_object()) continue;
        std::string code = stringField(e, "code");
        std::string message = stringField(e, "message");
        if (code.empty() && message.empty()) continue;
        if (!out.empty()) out += "; ";
        out += code.empty() ? message : message.empty() ? code : code + ": " + message;
    }
    return out;
}

Error responseError(const HttpResponse& response, const std::string& what) {
    if (response.failure != TransportFailure::None)
        return Error{ErrorCode::Network, what + ": " + response.failureText, 0};
    std::string message = what + ": registry answered " + describeStatus(response);
    std::string detail = registryErrorText(response.errorBody);
    if (!detail.empty()) message += " (" + detail + ")";
    return Error{codeForStatus(response.status), std::move(message), 0};
}

bool isRetryable(const HttpResponse& response) {
    switch (response.failure) {
    case TransportFailure::None:
        break;
    case TransportFailure::Connect:
    case TransportFailure::Timeout:
    case TransportFailure::Interrupted:
        return true;
    default:
        return false;
    }
    return response.status >= 500 || response.status == 408 || response.status == 429;
}

int retryAfterMillis(const HttpResponse& response) {
    std::string value = response.header("retry-after");
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || value.size() > 5)
        return -1;
    return std::stoi(value) * 1000;
}

} // namespace berth::image
