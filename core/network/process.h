#pragma once
// Runs a helper binary (nft) with input on stdin and collects its output. Internal to network/.
#include "support/error.h"

#include <string>
#include <vector>

namespace berth::network {

struct ProcessResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// argv[0] is looked up in PATH. Fails only when the program could not be started.
Result<ProcessResult> runProcess(const std::vector<std::string>& argv, const std::string& input);

} // namespace berth::network
