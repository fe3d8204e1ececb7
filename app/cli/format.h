#pragma once
// Docker's output conventions: tabwriter-like tables (min width 10, padding 3), sizes in decimal
// units with 3 significant digits ("4.26MB"), ages as "4 months ago".
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace berth::cli {

std::string humanSize(double bytes);
std::string humanDuration(std::int64_t seconds);
// "2024-05-01T12:00:00Z" (RFC 3339, any fraction or zone) → seconds since the epoch; -1 if invalid.
std::int64_t parseRfc3339(const std::string& text);
// "4 months ago", or "N/A" when the time is unknown.
std::string ago(const std::string& rfc3339);
std::string truncate(const std::string& s, std::size_t max);

class Table {
public:
    explicit Table(std::vector<std::string> header) { m_rows.push_back(std::move(header)); }
    void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
    void print(std::ostream& out) const;

private:
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace berth::cli
