#pragma once
// File and directory operations on a cgroup filesystem, shared by the v1 and v2 backends.
// Writes never create files: a missing interface file means the kernel (or controller) lacks the
// feature, and the error names the file. Tests point these at temp-dir fixture trees.
#include "support/error.h"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::runtime {

namespace fs = std::filesystem;

bool hasCgroupFile(const fs::path& dir, std::string_view name);
Result<std::string> readCgroupFile(const fs::path& dir, std::string_view name);
// One write(2) of value, so the kernel sees the whole value at once (it parses per write).
Status writeCgroupFile(const fs::path& dir, std::string_view name, std::string_view value);
// A single-number file; "max" reads as 0 (unlimited), like parseLimitValue.
Result<std::uint64_t> readCgroupNumber(const fs::path& dir, std::string_view name);
// The pids in dir/cgroup.procs.
Result<std::vector<pid_t>> readCgroupProcs(const fs::path& dir);
// readCgroupProcs for destroy: a directory (or cgroup.procs) that is already gone holds nobody.
Result<std::vector<pid_t>> readRemainingProcs(const fs::path& dir);

// Makes base/relative and any missing directories between, appending each one it made to created
// (outermost first). Retries when a concurrent destroy removed a shared parent under us.
Status makeCgroupDirs(const fs::path& base, const fs::path& relative, std::vector<fs::path>& created);
// rmdir of one cgroup (a missing one is fine); Busy while it holds processes or child cgroups.
Status removeCgroupDir(const fs::path& dir);
// rmdir of each directory in created, deepest first, skipping any that are not empty: parents are
// shared with other containers, and removing one fails while any sibling lives, as it should.
void removeEmptyCgroupDirs(const std::vector<fs::path>& created);
// Reads a file that only some kernels or controllers have: NotFound reads as "".
Result<std::string> readOptionalCgroupFile(const fs::path& dir, std::string_view name);

// Polls settled() until it answers true, sleeping 1 ms growing to 20 ms between tries. An error from
// settled() ends the wait; a timeout is Busy, with what in the message.
Status waitForCgroupState(const std::function<Result<bool>()>& settled, std::string_view what,
                          std::chrono::milliseconds timeout = std::chrono::seconds(5));

std::string pidListText(const std::vector<pid_t>& pids);

} // namespace berth::runtime
