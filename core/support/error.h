#pragma once
// The one error convention of core/: fallible functions return Result<T> (std::expected<T, Error>).
// An Error carries a category, the errno when the kernel said no, and a message whose
// context chain reads outermost first: "pulling busybox: fetching sha256:ab12…: registry answered 500".
// Messages are lowercase, without a trailing period, and name the object.
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace berth {

enum class ErrorCode {
    Internal,
    InvalidArgument, // bad user input: a malformed reference, an unknown flag value
    NotFound,
    AlreadyExists,
    Io,              // the kernel refused (see sysErrno)
    Corrupt,         // content does not match its digest, size or format
    Unsupported,     // valid but not handled (schema1, an unknown algorithm)
    Network,
    Unauthorized,
    Denied,
    LimitExceeded,   // a size or count cap protected us (decompression bomb, huge manifest)
    Breakout,        // an archive tried to write outside its root
    Busy,
    Cancelled,
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    int sysErrno = 0;

    // Prepends what we were doing, so the chain reads outermost first.
    Error& context(std::string_view what) {
        message.insert(0, std::string(what) + ": ");
        return *this;
    }
    const std::string& what() const { return message; }
};

template <class T> using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
    return std::unexpected(Error{code, std::move(message), 0});
}
// An error from the kernel: "what: strerror(errno)". Reads errno at the call.
std::unexpected<Error> sysFail(std::string_view what);
std::unexpected<Error> sysFail(std::string_view what, int err);

// Adds context to a failed result on the way out: return withContext(r, "pulling x").
template <class T> Result<T> withContext(Result<T> r, std::string_view what) {
    if (!r) r.error().context(what);
    return r;
}

const char* errorCodeName(ErrorCode code);

} // namespace berth

// Propagation helpers (GCC/Clang statement expressions): unwrap a Result or return its error.
#define BERTH_TRY(expr)                                                                            \
    ({                                                                                             \
        auto&& berth_try_r_ = (expr);                                                              \
        if (!berth_try_r_) return std::unexpected(std::move(berth_try_r_.error()));                \
        std::move(*berth_try_r_);                                                                  \
    })
#define BERTH_CHECK(expr)                                                                          \
    do {                                                                                           \
        auto&& berth_check_r_ = (expr);                                                            \
        if (!berth_check_r_) return std::unexpected(std::move(berth_check_r_.error()));            \
    } while (0)
