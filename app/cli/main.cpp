// berth: a Docker-compatible command line on Berth's engine.
#include "command.h"
#include "runtime/rootless/rootless_join.h"
#include "support/file_util.h"
#include "support/user_namespace.h"

#include <cstdlib>
#include <iostream>
#include <optional>

using namespace berth;
using namespace berth::cli;

namespace {

// Why rootless mode could not be entered; reported by the first command that needs the engine, so
// that --help and version still answer on a machine without user namespaces.
std::optional<berth::Error> rootlessError;

} // namespace

namespace berth::cli {

engine::Engine* Context::engine() {
    if (!engineInstance) {
        if (rootlessError) {
            reportError(*rootlessError);
            std::exit(ExitFailure);
        }
        auto e = engine::Engine::open(options);
        if (!e) {
            reportError(e.error());
            std::exit(ExitFailure);
        }
        engineInstance = std::move(*e);
    }
    return engineInstance.get();
}

int reportError(const Error& e) {
    std::cerr << "Error: " << e.message;
    auto uidMap = parseIdMappings(readFile("/proc/self/uid_map", 1u << 16).value_or(""));
    if (auto hint = runtime::singleIdHint(e, uidMap.value_or(std::vector<IdMapping>{})); !hint.empty())
        std::cerr << "; " << hint;
    std::cerr << '\n';
    return ExitFailure;
}

} // namespace berth::cli

namespace {

const std::vector<FlagSpec> globalFlags = {
    {"root", 0, true, "Store directory (default /var/lib/berth as root, ~/.local/share/berth otherwise; env BERTH_ROOT)"},
    {"insecure-registry", 0, true, "Allow plain HTTP for this registry (repeatable)"},
    {"help", 'h', false, "Print usage"},
    {"version", 'v', false, "Print version information and quit"},
};

void printMainUsage(const std::vector<Command>& cmds) {
    std::cout << "\nUsage:  berth [OPTIONS] COMMAND\n\nA container manager for Linux: images, layers and containers.\n\nCommands:\n";
    for (auto& c : cmds) {
        std::string n = "  " + c.name;
        n.resize(std::max<std::size_t>(n.size() + 1, 20), ' ');
        std::cout << n << c.summary << '\n';
    }
    std::cout << "\nGlobal Options:\n";
    for (auto& f : globalFlags) std::cout << "      --" << f.longName << (f.takesValue ? " string" : "") << "\t" << f.help << '\n';
    std::cout << "\nRun 'berth COMMAND --help' for more information on a command.\n";
}

// Finds the longest command name matching the first words ("image inspect" before "image").
const Command* findCommand(const std::vector<Command>& cmds, const std::vector<std::string>& words, std::size_t& used) {
    const Command* best = nullptr;
    for (auto& c : cmds) {
        std::size_t n = 0, start = 0;
        bool ok = true;
        while (start <= c.name.size()) {
            auto sp = c.name.find(' ', start);
            std::string w = c.name.substr(start, sp == std::string::npos ? sp : sp - start);
            if (n >= words.size() || words[n] != w) {
                ok = false;
                break;
            }
            ++n;
            if (sp == std::string::npos) break;
            start = sp + 1;
        }
        if (ok && (!best || n > used)) {
            best = &c;
            used = n;
        }
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    // An ordinary user's berth runs in its user namespace (core/runtime/rootless); setns needs a
    // single-threaded process, so this comes before anything else.
    if (auto joined = runtime::joinRootlessUserNamespace(); !joined) rootlessError = joined.error();
    else if (joined->createdPause && !joined->notice.empty()) std::cerr << "berth: " << joined->notice << '\n';
    std::vector<std::string> args(argv + 1, argv + argc);
    std::vector<Command> cmds;
    for (auto group : {imageCommands(), archiveCommands(), systemCommands(), runCommands(), containerCommands(), observeCommands(), execCommands(), fileCommands(), networkCommands()})
        for (auto& c : group) cmds.push_back(c);

    ParsedArgs global;
    if (auto err = parseArgs(args, globalFlags, global, true)) {
        std::cerr << err->message << "\nSee 'berth --help'.\n";
        return ExitUsage;
    }
    Context ctx;
    ctx.options.root = global.value("root");
    ctx.options.insecureRegistries = global.all("insecure-registry");
    if (const char* env = std::getenv("BERTH_INSECURE_REGISTRIES"))
        for (std::string s = env; !s.empty();) {
            auto comma = s.find(',');
            ctx.options.insecureRegistries.push_back(s.substr(0, comma));
            s = comma == std::string::npos ? "" : s.substr(comma + 1);
        }
    if (global.has("version")) global.positional.insert(global.positional.begin(), "version");
    if (global.positional.empty() || global.has("help")) {
        printMainUsage(cmds);
        return global.positional.empty() && !global.has("help") ? ExitUsage : ExitOk;
    }
    std::size_t used = 0;
    const Command* cmd = findCommand(cmds, global.positional, used);
    if (!cmd) {
        std::cerr << "berth: '" << global.positional[0] << "' is not a berth command.\nSee 'berth --help'\n";
        return ExitUsage;
    }
    std::vector<std::string> rest(global.positional.begin() + static_cast<long>(used), global.positional.end());
    auto flags = cmd->flags;
    flags.push_back({"help", 0, false, "Print usage"});
    ParsedArgs parsed;
    if (auto err = parseArgs(rest, flags, parsed, cmd->optionsEndAtFirstArg)) {
        std::cerr << err->message << "\nSee 'berth " << cmd->name << " --help'.\n";
        return ExitUsage;
    }
    if (parsed.has("help")) {
        std::cout << usageText(cmd->usage, cmd->summary, cmd->flags);
        return ExitOk;
    }
    if (parsed.positional.size() < cmd->minArgs || parsed.positional.size() > cmd->maxArgs) {
        std::cerr << "\"berth " << cmd->name << "\" requires "
                  << (cmd->minArgs == cmd->maxArgs ? "exactly " : "at least ") << cmd->minArgs << " argument"
                  << (cmd->minArgs == 1 ? "" : "s") << ".\nSee 'berth " << cmd->name << " --help'.\n\nUsage:  berth "
                  << cmd->usage << "\n\n" << cmd->summary << '\n';
        return ExitUsage;
    }
    return cmd->run(ctx, parsed);
}
