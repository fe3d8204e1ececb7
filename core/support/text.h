#pragma once
// Walking the line- and word-oriented text the kernel and Docker's files are made of
// (/proc, cgroupfs, /etc/hosts, resolv.conf). Views point into the caller's text.
#include <string_view>
#include <vector>

namespace berth {

// Calls fn for each line of text, without its '\n'; a final line without '\n' counts too.
template <class Fn> void forEachLine(std::string_view text, Fn fn) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        fn(text.substr(pos, end - pos));
        pos = end + 1;
    }
}

// The whitespace-separated words of text (spaces, tabs, newlines).
inline std::vector<std::string_view> splitWords(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t start = text.find_first_not_of(" \t\r\n", pos);
        if (start == std::string_view::npos) break;
        std::size_t end = text.find_first_of(" \t\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        pos = end;
    }
    return out;
}

} // namespace berth
