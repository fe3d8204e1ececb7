#include "time_arg.h"

#include "format.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace berth::cli {

std::optional<std::int64_t> parseTimeArg(const std::string& v, std::int64_t nowNano) {
    if (v.empty()) return std::nullopt;
    if (v.find_first_not_of("0123456789.") == std::string::npos) {
        auto dot = v.find('.');
        std::string frac = dot == std::string::npos ? "" : v.substr(dot + 1);
        if (frac.find('.') != std::string::npos || dot == 0 || std::min(dot, v.size()) > 12)
            return std::nullopt;
        frac = (frac + "000000000").substr(0, 9);
        return std::stoll(v.substr(0, dot)) * 1000000000 + std::stoll(frac);
    }
    if (v.size() >= 10 && v[4] == '-' && v[7] == '-') {
        std::string text = v.size() == 10 ? v + "T00:00:00Z" : v;
        std::int64_t secs = parseRfc3339(text);
        if (secs < 0) return std::nullopt;
        std::int64_t nanos = 0;
        if (text.size() > 19 && text[19] == '.') {
            std::size_t end = text.find_first_not_of("0123456789", 20);
            std::string frac =
                (text.substr(20, end == std::string::npos ? end : end - 20) + "000000000").substr(0, 9);
            nanos = std::stoll(frac);
        }
        return secs * 1000000000 + nanos;
    }
    // Go durations: a sequence of number+unit.
    static const std::pair<const char*, double> units[] = {{"ns", 1},  {"us", 1e3}, {"µs", 1e3},  {"ms", 1e6},
                                                           {"s", 1e9}, {"m", 60e9}, {"h", 3600e9}};
    double total = 0;
    std::size_t pos = 0;
    while (pos < v.size()) {
        std::size_t end = v.find_first_not_of("0123456789.", pos);
        if (end == pos || end == std::string::npos) return std::nullopt;
        double n = std::strtod(v.substr(pos, end - pos).c_str(), nullptr);
        const std::pair<const char*, double>* unit = nullptr;
        for (auto& u : units)
            if (v.compare(end, std::strlen(u.first), u.first) == 0 &&
                (!unit || std::strlen(u.first) > std::strlen(unit->first)))
                unit = &u;
        if (!unit) return std::nullopt;
        total += n * unit->second;
        pos = end + std::strlen(unit->first);
    }
    return nowNano - static_cast<std::int64_t>(total);
}

std::int64_t nowNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace berth::cli
