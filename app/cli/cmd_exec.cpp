// exec: run a command in a running container (Docker's `exec` / `container exec`).
#include "command.h"

#include "runtime/exec_process.h"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace berth::cli {

namespace {

// "K" without a value takes K from our environment and is dropped when unset, as Docker's CLI.
void addEnv(std::vector<std::string>& env, const std::string& entry) {
    if (entry.find('=') != std::string::npos) {
        env.push_back(entry);
    } else if (const char* v = std::getenv(entry.c_str())) {
        env.push_back(entry + "=" + v);
    }
}

std::optional<UsageError> buildOptions(const ParsedArgs& a, engine::ExecOptions& o) {
    o.cmd.assign(a.positional.begin() + 1, a.positional.end());
    for (const auto& file : a.all("env-file")) {
        std::ifstream in(file);
        if (!in) return UsageError{"open " + file + ": no such file or directory"};
        for (std::string line; std::getline(in, line);)
            if (!line.empty() && line[0] != '#') addEnv(o.env, line);
    }
    for (const auto& e : a.all("env")) addEnv(o.env, e);
    o.user = a.value("user");
    o.workingDir = a.value("workdir");
    o.interactive = a.has("interactive");
    o.tty = a.has("tty");
    o.detach = a.has("detach");
    if (o.tty && o.interactive && !o.detach && !::isatty(STDIN_FILENO))
        return UsageError{"the input device is not a TTY"};
    return std::nullopt;
}

int runExec(Context& ctx, const ParsedArgs& a) {
    engine::ExecOptions o;
    if (auto err = buildOptions(a, o)) {
        std::cerr << (err->message == "the input device is not a TTY" ? "" : "Error: ") << err->message << '\n';
        return err->message == "the input device is not a TTY" ? ExitFailure : ExitUsage;
    }
    auto* engine = ctx.engine();
    // With -t the command has a pty of its own; with -i our terminal is in raw mode and ^C reaches
    // it as a key. Without -i a ^C on our terminal must not end the relay: we stay to report the
    // command's exit code.
    if (o.tty && !o.detach) {
        std::signal(SIGINT, SIG_IGN);
        std::signal(SIGQUIT, SIG_IGN);
    }
    std::cout.flush();
    auto code = engine->execInContainer(a.positional[0], o);
    if (!code) {
        if (int failed = runtime::execFailureExitCode(code.error())) {
            std::cerr << code.error().message << '\n';
            return failed;
        }
        return reportError(code.error());
    }
    return *code;
}

} // namespace

std::vector<Command> execCommands() {
    std::vector<FlagSpec> flags = {
        {"detach", 'd', false, "Detached mode: run command in the background"},
        {"env", 'e', true, "Set environment variables"},
        {"env-file", 0, true, "Read in a file of environment variables"},
        {"interactive", 'i', false, "Keep STDIN open even if not attached"},
        {"tty", 't', false, "Allocate a pseudo-TTY"},
        {"user", 'u', true, "Username or UID (format: \"<name|uid>[:<group|gid>]\")"},
        {"workdir", 'w', true, "Working directory inside the container"},
    };
    std::vector<Command> c;
    for (const char* n : {"exec", "container exec"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container",
                     flags, runExec, 2, static_cast<std::size_t>(-1), true});
    return c;
}

} // namespace berth::cli
