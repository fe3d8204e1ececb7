#pragma once
// The image configuration (image-spec config.md): how to run the image and which uncompressed
// layers (DiffIds) make its root filesystem. Unknown fields are kept in `raw` untouched.
#include "oci/digest.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace berth::oci {

struct HistoryEntry {
    std::string created;
    std::string createdBy;
    std::string author;
    std::string comment;
    bool emptyLayer = false;
};

struct RunConfig {
    std::string user;
    std::vector<std::string> env;
    std::vector<std::string> entrypoint;
    bool hasEntrypoint = false;
    std::vector<std::string> cmd;
    bool hasCmd = false;
    std::string workingDir;
    std::map<std::string, std::string> labels;
    std::vector<std::string> exposedPorts; // "80/tcp"
    std::vector<std::string> volumes;
    std::string stopSignal;
};

struct ImageConfig {
    std::string created;
    std::string author;
    std::string os;
    std::string architecture;
    std::string variant;
    RunConfig config;
    std::vector<DiffId> diffIds;
    std::vector<HistoryEntry> history;
    std::string raw; // the exact bytes; their sha256 is the image id
};

// Validates the fields Berth relies on: rootfs.type == "layers", well-formed diff_ids, os and
// architecture present. Extra fields never cause an error.
Result<ImageConfig> parseImageConfig(std::string_view json);

} // namespace berth::oci
