#pragma once
// A container's processes and their usage read from /proc alone, for the backend that has no cgroup
// to ask (ProcessTreeManager, rootless on a host that delegates none). proc(5) describes the files.
// Every function takes the proc root, so tests feed fixture trees.
#include "support/error.h"

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace berth::runtime {

// The fields of /proc/<pid>/stat this backend uses. Times are clock ticks (sysconf(_SC_CLK_TCK)).
struct ProcessStat {
    pid_t pid = 0, ppid = 0;
    char state = '?'; // R, S, D, T (stopped), t (traced), Z, X…
    std::uint64_t userTicks = 0, systemTicks = 0;
    // What reaped children used: a short-lived child's time stays counted once its parent waits.
    std::uint64_t childUserTicks = 0, childSystemTicks = 0;
    std::uint64_t threads = 0;
};

// Parses /proc/<pid>/stat text; the command name may hold spaces and ')' so fields count from the
// last ')'. Corrupt when fields are missing.
Result<ProcessStat> parseProcessStat(std::string_view text);
// The "Pss:" line of /proc/<pid>/smaps_rollup in bytes (shared pages split among their users, so
// a sum over processes counts each page once); 0 when the line is missing.
std::uint64_t parseSmapsRollupPss(std::string_view text);
// The resident pages (second field) of /proc/<pid>/statm, times pageSize; Corrupt when missing.
Result<std::uint64_t> parseStatmResident(std::string_view text, std::uint64_t pageSize);

// Reads procRoot/<pid>/stat; NotFound once the process is gone.
Result<ProcessStat> readProcessStat(const std::filesystem::path& procRoot, pid_t pid);
// The resident memory of one process: Pss from smaps_rollup (kernel ≥ 4.14), else statm's resident
// size; 0 when neither can be read (it exited, or a kernel thread).
std::uint64_t readProcessMemory(const std::filesystem::path& procRoot, pid_t pid, std::uint64_t pageSize);

// root and every process below it, sorted: its descendants by parent pid, and, when root has a pid
// namespace of its own (not procRoot/self's), every process in that namespace, so that processes
// `exec` started there (whose parent is outside) count too. Empty when root is gone.
std::vector<pid_t> processTree(const std::filesystem::path& procRoot, pid_t root);

} // namespace berth::runtime
