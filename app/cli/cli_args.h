#pragma once
// A small Docker-style argument parser: "-q", "-aq", "--all", "--platform P", "--platform=P",
// "-o FILE", "--" ends options. Unknown flags are usage errors (exit 125, as Docker's CLI).
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berth::cli {

struct FlagSpec {
    std::string longName;  // "platform"
    char shortName = 0;    // 'q'
    bool takesValue = false;
    std::string help;
};

struct ParsedArgs {
    std::map<std::string, std::vector<std::string>> values; // by long name; bools get "true"
    std::vector<std::string> positional;
    bool has(const std::string& name) const { return values.count(name) > 0; }
    std::string value(const std::string& name, const std::string& fallback = {}) const {
        auto it = values.find(name);
        return it == values.end() || it->second.empty() ? fallback : it->second.back();
    }
    const std::vector<std::string>& all(const std::string& name) const;
};

struct UsageError {
    std::string message;
};

// Parses args (without the command words); on error returns a UsageError message.
std::optional<UsageError> parseArgs(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                    ParsedArgs& out, bool stopAtFirstPositional = false);

std::string usageText(const std::string& usage, const std::string& summary, const std::vector<FlagSpec>& specs);

} // namespace berth::cli
