#pragma once
// One file per group of verbs; each verb is a function taking its arguments and the context.
#include "cli_args.h"
#include "engine/engine.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace berth::cli {

// Exit codes as Docker's CLI: 0 ok, 1 the operation failed, 125 bad usage.
inline constexpr int ExitOk = 0;
inline constexpr int ExitFailure = 1;
inline constexpr int ExitUsage = 125;

struct Context {
    engine::EngineOptions options;
    std::unique_ptr<engine::Engine> engineInstance;
    // Opens the engine on first use (so `berth version` works without a store).
    engine::Engine* engine();
};

struct Command {
    std::string name;      // "pull", "image inspect"
    std::string usage;     // "pull [OPTIONS] NAME[:TAG|@DIGEST]"
    std::string summary;
    std::vector<FlagSpec> flags;
    std::function<int(Context&, const ParsedArgs&)> run;
    std::size_t minArgs = 0;
    std::size_t maxArgs = static_cast<std::size_t>(-1);
    bool optionsEndAtFirstArg = false; // run IMAGE CMD --flag: flags after IMAGE belong to CMD
};

// Prints "Error: <message>" to stderr and returns ExitFailure.
int reportError(const Error& e);

std::vector<Command> imageCommands();
std::vector<Command> archiveCommands();
std::vector<Command> systemCommands();
std::vector<Command> runCommands();
std::vector<Command> containerCommands();
std::vector<Command> observeCommands();
std::vector<Command> execCommands();  // exec
std::vector<Command> fileCommands();  // cp, diff
std::vector<Command> networkCommands(); // network create, ls, inspect, rm, prune, connect, disconnect
// `image inspect`, reused by the generic `inspect`.
int imageInspect(Context& ctx, const ParsedArgs& args);

} // namespace berth::cli
