#pragma once
// Draws pull progress as Docker does: on a terminal, one line per layer redrawn in place with a
// bar; otherwise one line per state change ("a1b2c3d4e5f6: Pull complete").
#include "image/pull_progress.h"

#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

namespace berth::cli {

class PullDisplay {
public:
    PullDisplay(std::ostream& out, bool isTerminal) : m_out(out), m_tty(isTerminal) {}
    void update(const image::PullProgress& p);
    void finish();

private:
    std::string lineFor(const image::PullProgress& p) const;
    void redraw(std::size_t index);

    std::ostream& m_out;
    bool m_tty;
    std::vector<std::string> m_order;              // layer ids in first-seen order
    std::map<std::string, std::string> m_lines;    // id → current line
    std::map<std::string, image::PullProgress::Kind> m_last;
};

} // namespace berth::cli
