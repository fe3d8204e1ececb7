#include "layer/entry_path.h"

namespace berth::layer {

namespace {

// Calls emit(component) for every component that is not empty or ".".
template <class F> void forEachComponent(std::string_view path, F&& emit) {
    std::size_t pos = 0;
    while (pos <= path.size()) {
        std::size_t slash = path.find('/', pos);
        if (slash == std::string_view::npos) slash = path.size();
        std::string_view part = path.substr(pos, slash - pos);
        if (!part.empty() && part != ".") emit(part);
        pos = slash + 1;
    }
}

// Drops the last component of out; false when out is already the root.
bool popComponent(std::string& out) {
    if (out.empty()) return false;
    auto slash = out.rfind('/');
    out.resize(slash == std::string::npos ? 0 : slash);
    return true;
}

void pushComponent(std::string& out, std::string_view part) {
    if (!out.empty()) out.push_back('/');
    out.append(part);
}

} // namespace

Status cleanEntryPath(std::string_view name, std::string& out) {
    out.clear();
    bool escapes = false;
    forEachComponent(name, [&](std::string_view part) {
        if (part == "..") {
            if (!popComponent(out)) escapes = true;
        } else if (!escapes) {
            pushComponent(out, part);
        }
    });
    if (escapes) return fail(ErrorCode::Breakout, "path escapes the layer root");
    return {};
}

void cleanLinkTarget(std::string_view target, std::string& out) {
    out.clear();
    forEachComponent(target, [&](std::string_view part) {
        if (part == "..") popComponent(out);
        else pushComponent(out, part);
    });
}

WhiteoutKind whiteoutKind(std::string_view base) {
    if (!base.starts_with(kWhiteoutPrefix)) return WhiteoutKind::None;
    std::string_view rest = base.substr(kWhiteoutPrefix.size());
    if (rest.empty() || rest == "." || rest == "..") return WhiteoutKind::Invalid;
    if (rest == ".wh..opq") return WhiteoutKind::Opaque;
    if (rest.starts_with(kWhiteoutPrefix)) return WhiteoutKind::AufsMeta;
    return WhiteoutKind::Whiteout;
}

} // namespace berth::layer
