#include "pull_display.h"

#include "format.h"

namespace berth::cli {

using Kind = image::PullProgress::Kind;

static std::string bar(std::uint64_t cur, std::uint64_t total) {
    if (total == 0) return {};
    const int width = 50;
    int filled = static_cast<int>(width * std::min<std::uint64_t>(cur, total) / total);
    std::string b = "[";
    for (int i = 0; i < width; ++i) b += i < filled - 1 ? '=' : (i == filled - 1 ? '>' : ' ');
    return b + "] " + humanSize(static_cast<double>(cur)) + "/" + humanSize(static_cast<double>(total));
}

std::string PullDisplay::lineFor(const image::PullProgress& p) const {
    std::string text = p.kind == Kind::Waiting ? "Pulling fs layer" : image::progressKindText(p.kind);
    if (m_tty && (p.kind == Kind::Downloading || p.kind == Kind::Extracting)) text += "  " + bar(p.current, p.total);
    return p.id + ": " + text;
}

void PullDisplay::redraw(std::size_t index) {
    std::size_t up = m_order.size() - index;
    m_out << "\x1b[" << up << "A\r\x1b[2K" << m_lines[m_order[index]] << "\x1b[" << up << "B\r";
    m_out.flush();
}

void PullDisplay::update(const image::PullProgress& p) {
    if (p.id.empty()) {
        if (p.kind == Kind::Retrying) m_out << p.message << '\n';
        return;
    }
    bool isNew = !m_lines.count(p.id);
    if (!m_tty) {
        // One line per state change; byte counts are for terminals.
        auto last = m_last.find(p.id);
        if (last != m_last.end() && last->second == p.kind) return;
        m_last[p.id] = p.kind;
        m_out << lineFor(p) << '\n';
        return;
    }
    m_lines[p.id] = lineFor(p);
    if (isNew) {
        m_order.push_back(p.id);
        m_out << m_lines[p.id] << '\n';
        m_out.flush();
        return;
    }
    for (std::size_t i = 0; i < m_order.size(); ++i)
        if (m_order[i] == p.id) redraw(i);
}

void PullDisplay::finish() { m_out.flush(); }

} // namespace berth::cli
