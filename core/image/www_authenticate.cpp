#include "image/www_authenticate.h"

#include <algorithm>
#include <cctype>

namespace berth::image {

namespace {

bool isTokenChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("!#$%&'*+-.^_`|~/:").find(c) != std::string_view::npos;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// A cursor over the header with the few lexical steps the grammar needs.
class Lexer {
public:
    explicit Lexer(std::string_view text) : m_text(text) {}
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void skipSpace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    void skipSpaceAndCommas() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ','))
            ++m_pos;
    }
    std::string token() {
        std::size_t start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return std::string(m_text.substr(start, m_pos - start));
    }
    std::size_t pos() const { return m_pos; }
    void rewind(std::size_t pos) { m_pos = pos; }
    void advance() { ++m_pos; }
    // A quoted-string after its opening quote; backslash escapes the next character.
    std::string quoted() {
        std::string out;
        while (!atEnd() && peek() != '"') {
            if (peek() == '\\' && m_pos + 1 < m_text.size()) ++m_pos;
            out += m_text[m_pos++];
        }
        if (!atEnd()) ++m_pos;
        return out;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// Reads "name=value" at the cursor. Returns false (cursor unchanged) when the next item is not a
// parameter, i.e. it is the scheme of the next challenge.
bool readParam(Lexer& lx, AuthChallenge& ch) {
    std::size_t start = lx.pos();
    std::string name = lx.token();
    lx.skipSpace();
    if (name.empty() || lx.peek() != '=') {
        lx.rewind(start);
        return false;
    }
    lx.advance();
    lx.skipSpace();
    bool quoted = lx.peek() == '"';
    std::string value = quoted ? (lx.advance(), lx.quoted()) : lx.token();
    if (!quoted && value.empty()) { // "name==" is token68 padding, not a parameter
        lx.rewind(start);
        return false;
    }
    ch.params[lower(name)] = value;
    return true;
}

// token68 ("Basic dXNlcg==") — a token followed only by '=' padding up to a comma or the end.
bool readToken68(Lexer& lx, AuthChallenge& ch) {
    std::size_t start = lx.pos();
    std::string value = lx.token();
    while (lx.peek() == '=') {
        value += '=';
        lx.advance();
    }
    lx.skipSpace();
    if (!value.empty() && (lx.atEnd() || lx.peek() == ',')) {
        ch.params[""] = value;
        return true;
    }
    lx.rewind(start);
    return false;
}

} // namespace

std::string AuthChallenge::param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

std::vector<AuthChallenge> parseWwwAuthenticate(std::string_view header) {
    std::vector<AuthChallenge> out;
    Lexer lx(header);
    while (true) {
        lx.skipSpaceAndCommas();
        if (lx.atEnd()) break;
        std::string scheme = lx.token();
        if (scheme.empty()) break; // garbage: keep what we have
        AuthChallenge ch{lower(scheme), {}};
        lx.skipSpace();
        if (!readParam(lx, ch)) readToken68(lx, ch);
        while (true) {
            lx.skipSpace();
            if (lx.peek() != ',') break;
            std::size_t beforeComma = lx.pos();
            lx.skipSpaceAndCommas();
            if (!readParam(lx, ch)) {
                lx.rewind(beforeComma);
                break;
            }
        }
        out.push_back(std::move(ch));
    }
    return out;
}

std::optional<AuthChallenge> preferredChallenge(const std::vector<AuthChallenge>& challenges) {
    for (const char* scheme : {"bearer", "basic"})
        for (const AuthChallenge& c : challenges)
            if (c.scheme == scheme) return c;
    return std::nullopt;
}

} // namespace berth::image
