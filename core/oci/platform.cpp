#include "oci/platform.h"

#include <sys/utsname.h>
#include <vector>

namespace berth::oci {

static std::string lower(std::string_view s) {
    std::string r(s);
    for (char& c : r)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
}

Result<Platform> Platform::parse(std::string_view text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        auto slash = text.find('/', start);
        parts.push_back(lower(text.substr(start, slash == std::string_view::npos ? slash : slash - start)));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    for (auto& p : parts)
        if (p.empty() || parts.size() > 3)
            return fail(ErrorCode::InvalidArgument, "invalid platform \"" + std::string(text) +
                                                        "\": expected os/arch[/variant]");
    Platform p;
    if (parts.size() == 1) {
        p.os = "linux";
        p.architecture = parts[0];
    } else {
        p.os = parts[0];
        p.architecture = parts[1];
        if (parts.size() == 3) p.variant = parts[2];
    }
    return p.normalized();
}

Platform Platform::normalized() const {
    Platform p = *this;
    p.os = lower(p.os);
    std::string& a = p.architecture;
    std::string& v = p.variant;
    a = lower(a);
    if (a == "x86_64" || a == "x86-64") {
        a = "amd64";
        if (v == "v1") v.clear();
    } else if (a == "amd64") {
        if (v == "v1") v.clear();
    } else if (a == "i386" || a == "i686") {
        a = "386";
        v.clear();
    } else if (a == "aarch64" || a == "arm64") {
        a = "arm64";
        if (v == "8" || v == "v8" || v == "v8.0") v.clear();
    } else if (a == "armhf") {
        a = "arm";
        v = "v7";
    } else if (a == "armel") {
        a = "arm";
        v = "v6";
    } else if (a == "arm") {
        if (v.empty() || v == "7") v = "v7";
        else if (v == "5" || v == "6" || v == "8") v = "v" + v;
    }
    return p;
}

std::string Platform::str() const {
    std::string s = os + "/" + architecture;
    if (!variant.empty()) s += "/" + variant;
    return s;
}

bool Platform::matches(const Platform& candidate) const {
    Platform want = normalized(), have = candidate.normalized();
    if (want.os != have.os || want.architecture != have.architecture) return false;
    if (want.variant.empty() || have.variant.empty()) return true;
    if (want.variant == have.variant) return true;
    // arm/v7 can run v6 and v5; amd64/v3 can run v2 and v1: a lower variant number is compatible.
    if (want.variant.size() >= 2 && have.variant.size() >= 2 && want.variant[0] == 'v' && have.variant[0] == 'v')
        return have.variant < want.variant && want.architecture != "arm64";
    return false;
}

Platform Platform::host() {
    struct utsname u {};
    ::uname(&u);
    Platform p;
    p.os = "linux";
    p.architecture = u.machine;
    return p.normalized();
}

} // namespace berth::oci
