#pragma once
// Parses the WWW-Authenticate header of a 401 (RFC 7235 §4.1, auth-params as in RFC 6750 §3):
//   Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"
// One header may carry several challenges separated by commas, and quoted values may contain
// commas and backslash escapes. A pure function, so the tricky cases live in a data-driven test.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::image {

struct AuthChallenge {
    std::string scheme;                        // lowercased: "bearer", "basic", …
    std::map<std::string, std::string> params; // names lowercased; a token68 is stored under ""

    // The parameter's value, or "" when absent.
    std::string param(const std::string& name) const;
};

// Challenges in header order. Malformed tails are dropped, never thrown at the caller.
std::vector<AuthChallenge> parseWwwAuthenticate(std::string_view header);

// Bearer beats Basic (containerd's order); other schemes are ignored. nullopt when none is usable.
std::optional<AuthChallenge> preferredChallenge(const std::vector<AuthChallenge>& challenges);

} // namespace berth::image
