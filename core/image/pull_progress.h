#pragma once
// What a pull reports as it goes, per layer: the CLI draws Docker-like lines from it, the GUI
// draws one bar per layer. Plain values, delivered from worker threads (one at a time).
#include "oci/digest.h"

#include <cstdint>
#include <functional>
#include <string>

namespace berth::image {

struct PullProgress {
    enum class Kind {
        Resolving,     // talking to the registry about the name
        Waiting,       // layer queued
        Downloading,   // current/total compressed bytes received
        Extracting,    // current/total compressed bytes unpacked
        Retrying,      // message says why and when
        DownloadComplete,
        PullComplete,  // layer committed
        AlreadyExists, // layer found in the store (shared with another image)
        Failed,
    };
    Kind kind = Kind::Resolving;
    std::string id;     // 12-hex short id of the layer blob; empty for image-level events
    oci::Digest digest;
    std::uint64_t current = 0;
    std::uint64_t total = 0;
    std::string message;
};

using PullProgressFn = std::function<void(const PullProgress&)>;

const char* progressKindText(PullProgress::Kind kind); // "Downloading", "Pull complete", …

} // namespace berth::image
