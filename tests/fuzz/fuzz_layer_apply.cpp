// Layer blobs are attacker-controlled: applying any byte string must fail cleanly or succeed,
// and never write outside the layer directory. The directory sits inside a sentinel directory;
// anything appearing beside it is a breakout.
#include "layer/layer_applier.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fs::path base = [] {
        char tmpl[] = "/tmp/berth-fuzz-XXXXXX";
        return fs::path(::mkdtemp(tmpl));
    }();
    fs::path dest = base / "layer";
    std::error_code ec;
    fs::remove_all(dest, ec);
    fs::create_directory(dest);
    auto source = berth::memorySource(std::string(reinterpret_cast<const char*>(data), size));
    berth::layer::ApplyOptions opts;
    opts.limits.maxUncompressedBytes = 64u << 20;
    opts.limits.maxEntries = 10000;
    (void)berth::layer::applyLayer(*source, dest, opts);
    for (auto& e : fs::directory_iterator(base))
        if (e.path() != dest) std::abort(); // written outside the layer
    return 0;
}
