#pragma once
// What an idle shim gives back. Starting a container runs most of the shim's code once (config and
// state JSON, cgroups, seccomp, network setup) and leaves three things resident for the
// container's whole life: the heap that start-up freed but malloc keeps, the stack its deepest
// calls touched, and the executable's pages that were mapped then. An idle shim returns the free
// heap (malloc_trim), the stack below its current frame, and unmaps its executable's read-only
// pages that were never written (MADV_DONTNEED): those stay in the page cache, shared, and map
// back on the next access, so nothing changes but the idle footprint.
//
//   IdleRelease r = prepareIdleRelease(); // reads /proc/self/{maps,pagemap}, trims the heap
//   r.drop();                             // the madvise calls, and nothing else
//
// Split in two because every page the shim runs after the madvise maps its code back (the kernel
// maps 64 KiB or more around each fault): drop() is inline, so it runs inside the caller's own
// code, and the caller goes straight back to sleep.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <sys/mman.h>
#include <vector>

namespace berth::runtime {

struct MemoryRange {
    std::uintptr_t start = 0;
    std::uintptr_t end = 0;
    friend bool operator==(const MemoryRange&, const MemoryRange&) = default;
};

// The read-only mappings, in maps text (the format of /proc/<pid>/maps), of the file mapped at
// `address` (same device and inode): where the executable's code and constants are.
std::vector<MemoryRange> readOnlyMappingsOf(std::string_view maps, std::uintptr_t address);

// The mapping named `name` ("[stack]": the main thread's stack); empty when there is none.
MemoryRange namedMapping(std::string_view maps, std::string_view name);

// `range` minus its pages that hold private copies (an anonymous page in a file mapping, e.g. a
// relocated GOT page under RELRO, present or swapped out): dropping those would lose what was
// written to them. pagemap: one /proc/<pid>/pagemap entry per page of the range.
std::vector<MemoryRange> withoutPrivatePages(MemoryRange range, const std::vector<std::uint64_t>& pagemap,
                                             std::size_t pageSize);

struct IdleRelease {
    static constexpr std::size_t kMaxRanges = 32;
    MemoryRange ranges[kMaxRanges];
    std::size_t count = 0;
    MemoryRange stack; // the main thread's
    std::size_t pageSize = 4096;

    // Also drops the main thread's stack below the caller's frame (two pages of margin for the
    // calls made from here): what start-up's deeper calls left there is dead. Called on another
    // thread, it leaves the stack alone.
    void drop() const {
        for (std::size_t i = 0; i < count; ++i)
            ::madvise(reinterpret_cast<void*>(ranges[i].start), ranges[i].end - ranges[i].start,
                      MADV_DONTNEED);
        char here = 0;
        auto frame = reinterpret_cast<std::uintptr_t>(&here);
        if (frame <= stack.start || frame >= stack.end) return;
        std::uintptr_t below = (frame & ~(pageSize - 1)) - 2 * pageSize;
        if (below > stack.start)
            ::madvise(reinterpret_cast<void*>(stack.start), below - stack.start, MADV_DONTNEED);
    }
};

// Best effort: with /proc unreadable there is nothing to drop, and only the heap is trimmed.
// inFile: an address in the file whose mappings to drop; null: this executable.
IdleRelease prepareIdleRelease(const void* inFile = nullptr);

} // namespace berth::runtime
