#include "support/error.h"

#include <cerrno>
#include <cstring>

namespace berth {

std::unexpected<Error> sysFail(std::string_view what, int err) {
    std::string msg(what);
    msg += ": ";
    msg += std::strerror(err);
    return std::unexpected(Error{ErrorCode::Io, std::move(msg), err});
}

std::unexpected<Error> sysFail(std::string_view what) { return sysFail(what, errno); }

const char* errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::Internal: return "internal";
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::NotFound: return "not found";
    case ErrorCode::AlreadyExists: return "already exists";
    case ErrorCode::Io: return "i/o";
    case ErrorCode::Corrupt: return "corrupt";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Network: return "network";
    case ErrorCode::Unauthorized: return "unauthorized";
    case ErrorCode::Denied: return "denied";
    case ErrorCode::LimitExceeded: return "limit exceeded";
    case ErrorCode::Breakout: return "breakout";
    case ErrorCode::Busy: return "busy";
    case ErrorCode::Cancelled: return "cancelled";
    }
    return "unknown";
}

} // namespace berth
