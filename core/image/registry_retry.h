#pragma once
// The retry loop shared by manifest and blob fetches: attempt n that failed transiently waits
// n * backoffMillis (or the registry's Retry-After on 429, capped at a minute) and tries again,
// at most maxAttempts times in all (Docker: 5 attempts, linear backoff; engine-reference §1.5).
#include "support/error.h"

#include <functional>
#include <string>

namespace berth::image {

struct Attempt {
    Status status;
    bool retryable = false;
    int retryAfterMillis = -1; // from Retry-After, -1 when the registry gave none
};

using RetryObserver = std::function<void(const std::string& what, int attempt, int waitMillis)>;

Status withRetries(int maxAttempts, int backoffMillis, const RetryObserver& observer,
                   const std::function<Attempt()>& attempt);

} // namespace berth::image
