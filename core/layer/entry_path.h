#pragma once
// Lexical cleaning of the names found in a layer tar, before anything touches the disk.
// Entry names are relative to the layer root whatever they look like ("/etc/x", "./etc/x" and
// "etc//x" are all "etc/x"). A name whose ".." climbs above the root is refused (moby's
// TestUntarParentTraversalContained); a hardlink target that climbs is clamped at the root
// instead, like a path resolved inside a chroot (containerd's TestBreakouts).
#include "support/error.h"

#include <string>
#include <string_view>

namespace berth::layer {

// Cleans an entry name into out ("" is the root itself); Breakout when ".." escapes.
Status cleanEntryPath(std::string_view name, std::string& out);
// Cleans a hardlink target: absolute means root-relative, ".." stops at the root.
void cleanLinkTarget(std::string_view target, std::string& out);

// Splits a cleaned path at its last slash: parent ("" for top level) and base name.
inline std::pair<std::string_view, std::string_view> splitParent(std::string_view path) {
    auto slash = path.rfind('/');
    if (slash == std::string_view::npos) return {std::string_view(), path};
    return {path.substr(0, slash), path.substr(slash + 1)};
}

// What a base name means in the image-spec's whiteout convention (layer.md "Whiteouts").
enum class WhiteoutKind {
    None,        // an ordinary name
    Whiteout,    // ".wh.<name>": <name> is deleted from the layers below
    Opaque,      // ".wh..wh..opq": the directory hides everything below it
    AufsMeta,    // ".wh..wh.<x>": AUFS bookkeeping, never part of the image's tree
    Invalid,     // ".wh.", ".wh..", ".wh...": no name to delete
};
WhiteoutKind whiteoutKind(std::string_view base);
inline constexpr std::string_view kWhiteoutPrefix = ".wh.";

} // namespace berth::layer
