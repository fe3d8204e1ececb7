#include "runtime/security/rlimits.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

namespace berth::runtime {

namespace {

// The names docker's --ulimit accepts (go-units ulimit.go), lowercase without RLIMIT_.
constexpr std::pair<std::string_view, int> kNames[] = {
    {"as", RLIMIT_AS},           {"core", RLIMIT_CORE},         {"cpu", RLIMIT_CPU},
    {"data", RLIMIT_DATA},       {"fsize", RLIMIT_FSIZE},       {"locks", RLIMIT_LOCKS},
    {"memlock", RLIMIT_MEMLOCK}, {"msgqueue", RLIMIT_MSGQUEUE}, {"nice", RLIMIT_NICE},
    {"nofile", RLIMIT_NOFILE},   {"nproc", RLIMIT_NPROC},       {"rss", RLIMIT_RSS},
    {"rtprio", RLIMIT_RTPRIO},   {"rttime", RLIMIT_RTTIME},     {"sigpending", RLIMIT_SIGPENDING},
    {"stack", RLIMIT_STACK},
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

Result<rlim_t> parseValue(std::string_view s, std::string_view whole) {
    if (s == "-1") return RLIM_INFINITY;
    unsigned long long v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        return fail(ErrorCode::InvalidArgument, "invalid ulimit value in \"" + std::string(whole) + "\"");
    return static_cast<rlim_t>(v);
}

std::string show(rlim_t v) {
    return v == RLIM_INFINITY ? std::string("unlimited") : std::to_string(v);
}

} // namespace

std::vector<Rlimit> defaultRlimits() {
    return {};
}

Result<int> parseRlimitName(std::string_view name) {
    std::string key = lower(name);
    if (key.starts_with("rlimit_")) key.erase(0, 7);
    for (const auto& [n, resource] : kNames)
        if (n == key) return resource;
    return fail(ErrorCode::InvalidArgument, "invalid ulimit type: " + std::string(name));
}

std::string rlimitName(int resource) {
    for (const auto& [n, r] : kNames)
        if (r == resource) return std::string(n);
    return "rlimit " + std::to_string(resource);
}

Result<Rlimit> parseUlimit(std::string_view text) {
    std::size_t eq = text.find('=');
    if (eq == std::string_view::npos)
        return fail(ErrorCode::InvalidArgument, "invalid ulimit argument: " + std::string(text));
    Rlimit limit;
    limit.resource = BERTH_TRY(parseRlimitName(text.substr(0, eq)));
    std::string_view values = text.substr(eq + 1);
    std::size_t colon = values.find(':');
    limit.soft = BERTH_TRY(parseValue(values.substr(0, colon), text));
    limit.hard =
        colon == std::string_view::npos ? limit.soft : BERTH_TRY(parseValue(values.substr(colon + 1), text));
    // RLIM_INFINITY is the largest rlim_t, so "unlimited" compares correctly here.
    if (limit.soft > limit.hard)
        return fail(ErrorCode::InvalidArgument,
                    "ulimit soft limit must be less than or equal to hard limit: " + std::string(text));
    return limit;
}

ClampedRlimit clampRlimit(const Rlimit& requested, rlim_t currentHard) {
    ClampedRlimit out{requested, false, {}};
    if (requested.hard > currentHard) {
        out.limit.hard = currentHard;
        out.lowered = true;
        out.warning = "ulimit " + rlimitName(requested.resource) + ": requested hard limit " +
                      show(requested.hard) + " is above this process's hard limit " + show(currentHard) +
                      "; using " + show(currentHard);
    }
    out.limit.soft = std::min(out.limit.soft, out.limit.hard);
    return out;
}

Result<std::vector<std::string>> applyRlimits(const std::vector<Rlimit>& limits) {
    std::vector<std::string> warnings;
    for (const Rlimit& requested : limits) {
        rlimit current{};
        if (::getrlimit(requested.resource, &current) != 0)
            return sysFail("reading ulimit " + rlimitName(requested.resource));
        ClampedRlimit c = clampRlimit(requested, current.rlim_max);
        rlimit next{c.limit.soft, c.limit.hard};
        if (::setrlimit(requested.resource, &next) != 0)
            return sysFail("setting ulimit " + rlimitName(requested.resource) + " to " + show(c.limit.soft) +
                           ":" + show(c.limit.hard));
        if (c.lowered) warnings.push_back(std::move(c.warning));
    }
    return warnings;
}

} // namespace berth::runtime
