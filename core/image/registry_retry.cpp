#include "image/registry_retry.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace berth::image {

namespace {
constexpr int MaxWaitMillis = 60000;
}

Status withRetries(int maxAttempts, int backoffMillis, const RetryObserver& observer,
                   const std::function<Attempt()>& attempt) {
    for (int n = 1;; ++n) {
        Attempt result = attempt();
        if (result.status || !result.retryable || n >= std::max(1, maxAttempts)) return result.status;
        int wait = result.retryAfterMillis >= 0 ? result.retryAfterMillis : n * backoffMillis;
        wait = std::clamp(wait, 0, MaxWaitMillis);
        if (observer) observer(result.status.error().message, n, wait);
        std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    }
}

} // namespace berth::image
