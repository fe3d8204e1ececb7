// save and load: images as a tar file (Docker archive + OCI layout in one).
#include "command.h"

#include <iostream>
#include <unistd.h>

namespace berth::cli {

namespace {

int runSave(Context& ctx, const ParsedArgs& a) {
    std::string out = a.value("output", "-");
    if (out == "-" && ::isatty(STDOUT_FILENO)) {
        std::cerr << "Error: cowardly refusing to save to a terminal. Use the -o flag or redirect\n";
        return ExitFailure;
    }
    auto st = ctx.engine()->save(a.positional, out);
    return st ? ExitOk : reportError(st.error());
}

int runLoad(Context& ctx, const ParsedArgs& a) {
    std::string in = a.value("input", "-");
    if (in == "-" && ::isatty(STDIN_FILENO)) {
        std::cerr << "Error: requested load from stdin, but stdin is empty\n";
        return ExitFailure;
    }
    auto r = ctx.engine()->load(in);
    if (!r) return reportError(r.error());
    for (auto& img : *r) {
        if (img.name.empty()) {
            std::cout << "Loaded image ID: " << img.imageId.str() << '\n';
        } else {
            auto ref = image::Reference::parse(img.name);
            std::cout << "Loaded image: " << (ref ? ref->familiar() : img.name) << '\n';
        }
    }
    return ExitOk;
}

} // namespace

std::vector<Command> archiveCommands() {
    const std::vector<FlagSpec> saveFlags = {{"output", 'o', true, "Write to a file, instead of STDOUT"}};
    const std::vector<FlagSpec> loadFlags = {{"input", 'i', true, "Read from tar archive file, instead of STDIN"},
                                             {"quiet", 'q', false, "Suppress the load output"}};
    std::vector<Command> c;
    for (const char* n : {"save", "image save"})
        c.push_back({n, std::string(n) + " [OPTIONS] IMAGE [IMAGE...]",
                     "Save one or more images to a tar archive (streamed to STDOUT by default)", saveFlags, runSave, 1});
    for (const char* n : {"load", "image load"})
        c.push_back({n, std::string(n) + " [OPTIONS]", "Load an image from a tar archive or STDIN", loadFlags, runLoad, 0, 0});
    return c;
}

} // namespace berth::cli
