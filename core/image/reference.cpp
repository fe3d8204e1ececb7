#include "image/reference.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace berth::image {

namespace {

bool isAlnumLower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// One path component: [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
bool isValidComponent(std::string_view s) {
    if (s.empty() || !isAlnumLower(s.front()) || !isAlnumLower(s.back())) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (isAlnumLower(c)) continue;
        if (c == '.') {
            if (!isAlnumLower(s[i + 1])) return false;
        } else if (c == '_') {
            if (s[i + 1] == '_') ++i;
            if (!isAlnumLower(s[i + 1])) return false;
        } else if (c == '-') {
            while (s[i + 1] == '-') ++i;
            if (!isAlnumLower(s[i + 1])) return false;
        } else {
            return false;
        }
    }
    return true;
}

bool isValidDomain(std::string_view d) {
    if (d.empty()) return false;
    for (char c : d)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
            return false;
    return true;
}

Result<Reference> bad(std::string_view text, const std::string& why) {
    return fail(ErrorCode::InvalidArgument, "invalid reference format \"" + std::string(text) + "\": " + why);
}

} // namespace

bool isValidTag(std::string_view t) {
    if (t.empty() || t.size() > 128) return false;
    auto ok = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'; };
    if (!(std::isalnum(static_cast<unsigned char>(t[0])) || t[0] == '_')) return false;
    for (char c : t)
        if (!ok(c)) return false;
    return true;
}

Result<Reference> Reference::parse(std::string_view text) {
    if (text.empty()) return bad(text, "empty");
    Reference r;
    std::string_view rest = text;
    if (auto at = rest.find('@'); at != std::string_view::npos) {
        auto d = oci::Digest::parse(rest.substr(at + 1));
        if (!d) return bad(text, d.error().message);
        r.digest = *d;
        rest = rest.substr(0, at);
    }
    // A tag is after the last ':' that comes after the last '/'.
    auto slash = rest.rfind('/');
    auto colon = rest.rfind(':');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
        r.tag = std::string(rest.substr(colon + 1));
        rest = rest.substr(0, colon);
        if (!isValidTag(r.tag)) return bad(text, "invalid tag \"" + r.tag + "\"");
    }
    auto first = rest.find('/');
    std::string_view head = rest.substr(0, first);
    bool hasDomain = first != std::string_view::npos &&
                     (head.find_first_of(".:") != std::string_view::npos || head == "localhost" ||
                      std::any_of(head.begin(), head.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
    if (hasDomain) {
        r.domain = std::string(head);
        r.path = std::string(rest.substr(first + 1));
        if (!isValidDomain(r.domain)) return bad(text, "invalid registry host \"" + r.domain + "\"");
    } else {
        r.domain = "docker.io";
        r.path = std::string(rest);
    }
    if (r.domain == "index.docker.io") r.domain = "docker.io";
    if (r.domain == "docker.io" && r.path.find('/') == std::string::npos) r.path = "library/" + r.path;
    for (char c : r.path)
        if (c >= 'A' && c <= 'Z') return bad(text, "repository name must be lowercase");
    std::size_t start = 0;
    while (true) {
        auto next = r.path.find('/', start);
        std::string_view comp = std::string_view(r.path).substr(start, next == std::string::npos ? next : next - start);
        if (!isValidComponent(comp)) return bad(text, "invalid repository name \"" + r.path + "\"");
        if (next == std::string::npos) break;
        start = next + 1;
    }
    if (r.repository().size() > 255) return bad(text, "repository name longer than 255 characters");
    if (r.tag.empty() && !r.digest) r.tag = "latest";
    return r;
}

std::string Reference::str() const {
    std::string s = repository();
    if (!tag.empty()) s += ":" + tag;
    if (digest) s += "@" + digest->str();
    return s;
}

std::string Reference::familiarRepository() const {
    if (domain != "docker.io") return repository();
    if (path.rfind("library/", 0) == 0 && path.find('/', 8) == std::string::npos) return path.substr(8);
    return path;
}

std::string Reference::familiar() const {
    std::string s = familiarRepository();
    if (!tag.empty()) s += ":" + tag;
    if (digest) s += "@" + digest->str();
    return s;
}

} // namespace berth::image
