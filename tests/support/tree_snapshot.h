#pragma once
// Describes a directory tree file by file (type, mode, owner, size, content hash, link target,
// user.* xattrs) so two trees — ours and a reference tool's — can be compared with a readable diff.
#include <filesystem>
#include <map>
#include <string>

namespace berth::test {

// path (relative, "/"-joined) → one-line description
using TreeDescription = std::map<std::string, std::string>;

TreeDescription describeTree(const std::filesystem::path& root);
// Empty when equal; otherwise the first differences, one per line.
std::string diffTrees(const TreeDescription& ours, const TreeDescription& reference, std::size_t maxLines = 20);

} // namespace berth::test
