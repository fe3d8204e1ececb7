#include "format.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace berth::cli {

std::string humanSize(double bytes) {
    static const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
    int i = 0;
    while (bytes >= 1000.0 && i < 5) {
        bytes /= 1000.0;
        ++i;
    }
    char buf[32];
    // Docker shows 3 significant digits: HumanSizeWithPrecision(size, 3) uses %.*g with 3.
    std::snprintf(buf, sizeof buf, "%.3g%s", bytes, units[i]);
    return buf;
}

std::string humanDuration(std::int64_t s) {
    auto plural = [](std::int64_t n, const char* unit) { return std::to_string(n) + " " + unit + (n == 1 ? "" : "s"); };
    if (s < 1) return "Less than a second";
    if (s == 1) return "1 second";
    if (s < 60) return std::to_string(s) + " seconds";
    std::int64_t m = s / 60;
    if (m == 1) return "About a minute";
    if (m < 60) return std::to_string(m) + " minutes";
    std::int64_t h = static_cast<std::int64_t>(std::llround(s / 3600.0));
    if (h == 1) return "About an hour";
    if (h < 48) return std::to_string(h) + " hours";
    if (h < 24 * 7 * 2) return plural(h / 24, "day");
    if (h < 24 * 30 * 2) return plural(h / 24 / 7, "week");
    if (h < 24 * 365 * 2) return plural(h / 24 / 30, "month");
    return plural(h / 24 / 365, "year");
}

std::int64_t parseRfc3339(const std::string& text) {
    std::tm tm {};
    int y, mo, d, hh, mm, ss;
    if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &hh, &mm, &ss) != 6) return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = hh;
    tm.tm_min = mm;
    tm.tm_sec = ss;
    std::int64_t t = ::timegm(&tm);
    // Zone offset after the seconds (and optional fraction): Z, +hh:mm or -hh:mm.
    auto pos = text.find_first_of("Z+-", 19);
    if (pos != std::string::npos && text[pos] != 'Z') {
        int oh = 0, om = 0;
        std::sscanf(text.c_str() + pos + 1, "%d:%d", &oh, &om);
        std::int64_t off = oh * 3600 + om * 60;
        t += text[pos] == '+' ? -off : off;
    }
    return t;
}

std::string ago(const std::string& rfc3339) {
    std::int64_t t = parseRfc3339(rfc3339);
    if (t < 0) return "N/A";
    std::int64_t now = std::time(nullptr);
    return humanDuration(now - t) + " ago";
}

std::string truncate(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    return s.substr(0, max - 1) + "\u2026";
}

static std::size_t displayWidth(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

void Table::print(std::ostream& out) const {
    std::vector<std::size_t> widths;
    for (auto& row : m_rows)
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], std::max<std::size_t>(displayWidth(row[i]) + 3, 10));
        }
    for (auto& row : m_rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line.append(widths[i] - displayWidth(row[i]), ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
    }
}

} // namespace berth::cli
