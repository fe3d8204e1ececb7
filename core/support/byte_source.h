#pragma once
// A pull-based stream of bytes: the shape in which layer blobs reach the extractor, whether they
// come from the network (while downloading), from a blob file, or from an archive being loaded.
#include "support/error.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace berth {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Fills up to cap bytes; returns 0 at the end of the stream.
    virtual Result<std::size_t> read(char* buf, std::size_t cap) = 0;
};

// Reads a regular file from the start.
Result<std::unique_ptr<ByteSource>> openFileSource(const std::filesystem::path& path);
// Reads from memory (tests, small blobs). The string is copied.
std::unique_ptr<ByteSource> memorySource(std::string data);

} // namespace berth
