#include "runtime/shim_memory.h"

#include "support/unique_fd.h"

#include <charconv>
#include <fcntl.h>
#include <malloc.h>
#include <string>
#include <unistd.h>

namespace berth::runtime {

namespace {

std::string_view nextField(std::string_view& s) {
    std::size_t start = s.find_first_not_of(' ');
    if (start == std::string_view::npos) return s = {};
    s.remove_prefix(start);
    std::size_t end = std::min(s.find(' '), s.size());
    std::string_view field = s.substr(0, end);
    s.remove_prefix(end);
    return field;
}

struct Mapping {
    MemoryRange range;
    bool writable = false;
    std::string_view file; // "<device> <inode>", empty for anonymous memory
    std::string_view name; // the path, or "[stack]", "[heap]" …
};

// "7f00-7f10 r-xp 00000000 08:02 1234   /path": false when the line is not a mapping.
bool parseMapping(std::string_view line, Mapping& m) {
    std::string_view range = nextField(line), perms = nextField(line);
    nextField(line); // offset
    std::string_view device = nextField(line), inode = nextField(line);
    std::size_t dash = range.find('-');
    if (dash == std::string_view::npos || perms.size() < 4 || inode.empty()) return false;
    const char* end = range.data() + range.size();
    auto a = std::from_chars(range.data(), range.data() + dash, m.range.start, 16);
    auto b = std::from_chars(range.data() + dash + 1, end, m.range.end, 16);
    if (a.ec != std::errc{} || a.ptr != range.data() + dash || b.ec != std::errc{} || b.ptr != end ||
        m.range.end <= m.range.start)
        return false;
    m.writable = perms[1] == 'w';
    m.file = inode == "0" ? std::string_view{}
                          : std::string_view(device.data(), inode.data() + inode.size() - device.data());
    std::size_t name = line.find_first_not_of(' ');
    m.name = name == std::string_view::npos ? std::string_view{} : line.substr(name);
    return true;
}

std::string readProcFile(const char* path) {
    std::string text;
    UniqueFd fd(::open(path, O_RDONLY | O_CLOEXEC));
    if (!fd.isValid()) return text;
    char buf[8192];
    for (ssize_t n; (n = ::read(fd.get(), buf, sizeof buf)) > 0;)
        text.append(buf, static_cast<std::size_t>(n));
    return text;
}

constexpr std::uint64_t kPresent = 1ull << 63, kSwapped = 1ull << 62, kFilePage = 1ull << 61;

std::vector<Mapping> parseMaps(std::string_view maps) {
    std::vector<Mapping> mappings;
    while (!maps.empty()) {
        std::size_t nl = std::min(maps.find('\n'), maps.size());
        if (Mapping m; parseMapping(maps.substr(0, nl), m)) mappings.push_back(m);
        maps.remove_prefix(std::min(nl + 1, maps.size()));
    }
    return mappings;
}

} // namespace

std::vector<MemoryRange> readOnlyMappingsOf(std::string_view maps, std::uintptr_t address) {
    auto mappings = parseMaps(maps);
    std::string_view file;
    for (auto& m : mappings)
        if (address >= m.range.start && address < m.range.end) file = m.file;
    std::vector<MemoryRange> out;
    if (file.empty()) return out;
    for (auto& m : mappings)
        if (m.file == file && !m.writable) out.push_back(m.range);
    return out;
}

MemoryRange namedMapping(std::string_view maps, std::string_view name) {
    for (auto& m : parseMaps(maps))
        if (m.name == name) return m.range;
    return {};
}

std::vector<MemoryRange> withoutPrivatePages(MemoryRange range, const std::vector<std::uint64_t>& pagemap,
                                             std::size_t pageSize) {
    std::vector<MemoryRange> out;
    std::uintptr_t runStart = range.start;
    for (std::uintptr_t page = range.start; page < range.end; page += pageSize) {
        std::size_t i = (page - range.start) / pageSize;
        // An entry we could not read counts as private: keep the page.
        std::uint64_t e = i < pagemap.size() ? pagemap[i] : kSwapped;
        bool isPrivate = (e & kSwapped) || ((e & kPresent) && !(e & kFilePage));
        if (!isPrivate) continue;
        if (page > runStart) out.push_back({runStart, page});
        runStart = page + pageSize;
    }
    if (range.end > runStart) out.push_back({runStart, range.end});
    return out;
}

IdleRelease prepareIdleRelease(const void* inFile) {
    IdleRelease release;
    {
        const std::size_t pageSize = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        release.pageSize = pageSize;
        std::string maps = readProcFile("/proc/self/maps");
        release.stack = namedMapping(maps, "[stack]");
        UniqueFd pagemap(::open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC));
        auto file = inFile ? reinterpret_cast<std::uintptr_t>(inFile)
                           : reinterpret_cast<std::uintptr_t>(&prepareIdleRelease);
        for (MemoryRange m : readOnlyMappingsOf(maps, file)) {
            if (!pagemap.isValid()) break;
            std::vector<std::uint64_t> entries((m.end - m.start) / pageSize);
            auto bytes = static_cast<ssize_t>(entries.size() * sizeof(std::uint64_t));
            if (::pread(pagemap.get(), entries.data(), static_cast<std::size_t>(bytes),
                        static_cast<off_t>(m.start / pageSize * sizeof(std::uint64_t))) != bytes)
                continue;
            for (MemoryRange r : withoutPrivatePages(m, entries, pageSize))
                if (release.count < IdleRelease::kMaxRanges) release.ranges[release.count++] = r;
        }
    }
    ::malloc_trim(0);
    return release;
}

} // namespace berth::runtime
