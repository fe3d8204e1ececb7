#include "runtime/process_config.h"

#include <algorithm>
#include <filesystem>

namespace berth::runtime {

namespace {

std::string_view envKey(std::string_view entry) {
    return entry.substr(0, entry.find('='));
}

// An environment that keeps first-seen order and lets a later value for a key replace the
// earlier one in place, as moby's ReplaceOrAppendEnvValues does.
class EnvList {
public:
    void set(std::string entry) {
        auto it = find(envKey(entry));
        if (it != m_entries.end())
            *it = std::move(entry);
        else
            m_entries.push_back(std::move(entry));
    }
    void unset(std::string_view key) {
        auto it = find(key);
        if (it != m_entries.end()) m_entries.erase(it);
    }
    std::vector<std::string> take() { return std::move(m_entries); }

private:
    std::vector<std::string>::iterator find(std::string_view key) {
        return std::find_if(m_entries.begin(), m_entries.end(),
                            [key](const std::string& e) { return envKey(e) == key; });
    }
    std::vector<std::string> m_entries;
};

Status applyUserEnv(EnvList& env, const std::vector<std::string>& userEnv, const HostEnvLookup& hostEnv) {
    for (const std::string& entry : userEnv) {
        if (entry.empty() || entry.front() == '=')
            return fail(ErrorCode::InvalidArgument, "invalid environment variable: " + entry);
        if (entry.find('=') != std::string::npos) {
            env.set(entry);
            continue;
        }
        // "K" alone: the CLI fills it from its own environment; unset there means "remove K".
        std::optional<std::string> value = hostEnv ? hostEnv(entry) : std::nullopt;
        if (value)
            env.set(entry + "=" + *value);
        else
            env.unset(entry);
    }
    return {};
}

Result<std::vector<std::string>> mergeEnv(const oci::RunConfig& image, const RunOverrides& overrides,
                                          const HostEnvLookup& hostEnv) {
    EnvList env;
    env.set(kDefaultPathEnv);
    if (!overrides.hostname.empty()) env.set("HOSTNAME=" + overrides.hostname);
    if (overrides.tty) env.set("TERM=xterm");
    for (const std::string& entry : image.env) // a malformed image entry is ignored, not fatal
        if (entry.find('=') != std::string::npos && entry.front() != '=') env.set(entry);
    BERTH_CHECK(applyUserEnv(env, overrides.env, hostEnv));
    return env.take();
}

std::vector<std::string> mergeArgs(const oci::RunConfig& image, const RunOverrides& overrides) {
    std::vector<std::string> args;
    const bool userEntrypoint = overrides.entrypoint && !overrides.entrypoint->empty();
    if (userEntrypoint) {
        args = *overrides.entrypoint; // the image Cmd belongs to the image entrypoint: drop it
        args.insert(args.end(), overrides.cmd.begin(), overrides.cmd.end());
        return args;
    }
    // No entrypoint given, or `--entrypoint ""` (which only clears the image's entrypoint).
    if (!overrides.entrypoint) args = image.entrypoint;
    const std::vector<std::string>& cmd = overrides.cmd.empty() ? image.cmd : overrides.cmd;
    args.insert(args.end(), cmd.begin(), cmd.end());
    return args;
}

Result<std::string> mergeCwd(const oci::RunConfig& image, const RunOverrides& overrides) {
    std::string cwd = !overrides.workingDir.empty() ? overrides.workingDir : image.workingDir;
    if (cwd.empty()) return std::string("/");
    if (cwd.front() != '/')
        return fail(ErrorCode::InvalidArgument,
                    "the working directory '" + cwd + "' is invalid, it needs to be an absolute path");
    std::string clean = std::filesystem::path(cwd).lexically_normal().string();
    if (clean.size() > 1 && clean.back() == '/') clean.pop_back();
    return clean;
}

} // namespace

Result<ProcessConfig> mergeProcessConfig(const oci::RunConfig& image, const RunOverrides& overrides,
                                         const HostEnvLookup& hostEnv) {
    ProcessConfig process;
    process.args = mergeArgs(image, overrides);
    if (process.args.empty()) return fail(ErrorCode::InvalidArgument, "no command specified");
    process.env = BERTH_TRY(mergeEnv(image, overrides, hostEnv));
    process.cwd = BERTH_TRY(mergeCwd(image, overrides));
    process.user = !overrides.user.empty() ? overrides.user : image.user;
    return process;
}

} // namespace berth::runtime
