#pragma once
// Checks a Berth store the way fsck checks a file system, for crash tests: every blob hashes to
// its name, every named image has its manifest, config and layer blobs and all its snapshots,
// every committed snapshot is complete. Returns the problems found, one per line ("" = healthy).
#include <filesystem>
#include <string>

namespace berth::test {

std::string checkStore(const std::filesystem::path& root);

} // namespace berth::test
