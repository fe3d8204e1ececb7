#include "runtime/cgroups/cgroup_layout.h"

#include "support/text.h"

#include "support/file_util.h"

#include <algorithm>
#include <optional>

namespace berth::runtime {

namespace {

// mountinfo writes space, tab, newline and backslash in paths as \ooo octal (proc(5)).
std::string unescapeOctal(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool octal = s[i] == '\\' && i + 3 < s.size() &&
                     std::all_of(s.begin() + i + 1, s.begin() + i + 4, [](char c) { return c >= '0' && c <= '7'; });
        if (octal) {
            out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

Result<MountInfoEntry> parseMountInfoLine(std::string_view line) {
    auto words = splitWords(line);
    // id parent major:minor root mountpoint options [optional…] - fstype source superoptions
    auto dash = std::find(words.begin(), words.end(), std::string_view("-"));
    if (words.size() < 10 || dash - words.begin() < 6 || words.end() - dash < 4)
        return fail(ErrorCode::Corrupt, "malformed mountinfo line \"" + std::string(line) + "\"");
    MountInfoEntry e;
    e.root = unescapeOctal(words[3]);
    e.mountPoint = unescapeOctal(words[4]);
    e.fsType = std::string(dash[1]);
    e.superOptions = std::string(dash[3]);
    return e;
}

bool isV1Option(std::string_view opt) {
    // Mount options of the v1 cgroup filesystem that are not controllers (cgroup-v1.rst, "mount").
    static constexpr std::string_view kOptions[] = {"rw", "ro", "noprefix", "clone_children", "xattr",
                                                    "cpuset_v2_mode", "none", "all", "favordynmods"};
    return std::find(std::begin(kOptions), std::end(kOptions), opt) != std::end(kOptions) ||
           opt.starts_with("release_agent=");
}

} // namespace

Result<std::vector<MountInfoEntry>> parseMountInfo(std::string_view text) {
    std::vector<MountInfoEntry> out;
    std::optional<Error> error;
    forEachLine(text, [&](std::string_view line) {
        if (error || line.find_first_not_of(" \t") == std::string_view::npos) return;
        auto entry = parseMountInfoLine(line);
        if (entry) out.push_back(std::move(*entry));
        else error = entry.error();
    });
    if (error) return std::unexpected(*error);
    return out;
}

std::set<std::string> parseControllerList(std::string_view text) {
    std::set<std::string> out;
    for (auto word : splitWords(text)) {
        while (!word.empty() && (word.back() == '\n' || word.back() == '\r')) word.remove_suffix(1);
        if (!word.empty()) out.emplace(word);
    }
    return out;
}

std::set<std::string> v1ControllersOf(std::string_view superOptions) {
    std::set<std::string> out;
    std::size_t pos = 0;
    while (pos <= superOptions.size()) {
        std::size_t end = superOptions.find(',', pos);
        if (end == std::string_view::npos) end = superOptions.size();
        auto opt = superOptions.substr(pos, end - pos);
        if (!opt.empty() && !isV1Option(opt)) out.emplace(opt);
        pos = end + 1;
    }
    return out;
}

CgroupLayout layoutFromMounts(const std::vector<MountInfoEntry>& mounts, std::string_view unifiedControllers) {
    CgroupLayout layout;
    bool haveV1Controller = false;
    for (const auto& m : mounts) {
        if (m.fsType == "cgroup2" && layout.unifiedRoot.empty()) {
            layout.unifiedRoot = m.mountPoint;
        } else if (m.fsType == "cgroup") {
            // The first mount of a hierarchy wins; later ones are bind mounts or container views.
            for (const auto& c : v1ControllersOf(m.superOptions)) {
                if (layout.v1Mounts.emplace(c, m.mountPoint).second && !c.starts_with("name="))
                    haveV1Controller = true;
            }
        }
    }
    if (!layout.unifiedRoot.empty()) layout.v2Controllers = parseControllerList(unifiedControllers);
    if (haveV1Controller) layout.version = layout.unifiedRoot.empty() ? CgroupVersion::V1 : CgroupVersion::Hybrid;
    else if (!layout.unifiedRoot.empty()) layout.version = CgroupVersion::V2;
    return layout;
}

Result<CgroupLayout> parseCgroupLayout(std::string_view mountinfo, std::string_view unifiedControllers) {
    auto mounts = BERTH_TRY(parseMountInfo(mountinfo));
    return layoutFromMounts(mounts, unifiedControllers);
}

CgroupBackend backendFor(const CgroupLayout& layout) {
    bool unifiedUsable = layout.v2Controllers.contains("memory") && layout.v2Controllers.contains("cpu");
    switch (layout.version) {
    case CgroupVersion::None: return CgroupBackend::None;
    case CgroupVersion::V1: return CgroupBackend::V1;
    case CgroupVersion::Hybrid: return unifiedUsable ? CgroupBackend::V2 : CgroupBackend::V1;
    // A pure v2 system has nothing else; missing controllers surface as errors when a limit needs one.
    case CgroupVersion::V2: return CgroupBackend::V2;
    }
    return CgroupBackend::None;
}

Result<std::map<std::string, std::string>> parseProcCgroup(std::string_view text) {
    std::map<std::string, std::string> out;
    std::optional<Error> error;
    forEachLine(text, [&](std::string_view line) {
        if (error || line.empty()) return;
        auto first = line.find(':');
        auto second = first == std::string_view::npos ? first : line.find(':', first + 1);
        if (second == std::string_view::npos) {
            error = fail(ErrorCode::Corrupt, "malformed cgroup line \"" + std::string(line) + "\"").error();
            return;
        }
        out[std::string(line.substr(first + 1, second - first - 1))] = std::string(line.substr(second + 1));
    });
    if (error) return std::unexpected(*error);
    return out;
}

Result<CgroupLayout> detectLayout(const std::filesystem::path& mountinfoPath) {
    auto text = BERTH_TRY(readFile(mountinfoPath));
    auto mounts = BERTH_TRY(withContext(parseMountInfo(text), "reading " + mountinfoPath.string()));
    std::string controllers;
    for (const auto& m : mounts) {
        if (m.fsType != "cgroup2") continue;
        auto r = readFile(m.mountPoint / "cgroup.controllers");
        if (r) controllers = std::move(*r);
        else if (r.error().code != ErrorCode::NotFound) return std::unexpected(r.error());
        break;
    }
    return layoutFromMounts(mounts, controllers);
}

Result<CgroupLayout> detectHostLayout() { return detectLayout("/proc/self/mountinfo"); }

const char* cgroupVersionName(CgroupVersion version) {
    switch (version) {
    case CgroupVersion::None: return "none";
    case CgroupVersion::V1: return "v1";
    case CgroupVersion::Hybrid: return "hybrid";
    case CgroupVersion::V2: return "v2";
    }
    return "unknown";
}

} // namespace berth::runtime
