// cp and diff: files of a container.
#include "command.h"
#include "format.h"

#include "runtime/container_files.h"

#include <iostream>
#include <unistd.h>

namespace berth::cli {

namespace {

namespace fs = std::filesystem;

struct CpArg {
    std::string container; // empty for a host path
    std::string path;
};

// Docker's rule: an absolute path is local; otherwise "NAME:PATH" names a container path
// (a local path containing ':' can be written "./a:b").
CpArg splitCpArg(const std::string& arg) {
    if (arg.empty() || arg.front() == '/' || arg.front() == '.') return {{}, arg};
    auto colon = arg.find(':');
    if (colon == std::string::npos || colon == 0) return {{}, arg};
    return {arg.substr(0, colon), arg.substr(colon + 1)};
}

bool contentsOnly(const std::string& p) { return p == "." || p.ends_with("/."); }

std::string baseName(std::string p) {
    while (p.size() > 1 && p.ends_with('/')) p.pop_back();
    auto slash = p.rfind('/');
    return slash == std::string::npos ? p : p.substr(slash + 1);
}

void reportCopied(const ParsedArgs& a, std::uint64_t bytes, const std::string& to) {
    if (!a.has("quiet")) std::cerr << "Successfully copied " << humanSize(static_cast<double>(bytes)) << " to " << to << '\n';
}

int runCp(Context& ctx, const ParsedArgs& a) {
    const CpArg src = splitCpArg(a.positional[0]), dst = splitCpArg(a.positional[1]);
    if (!src.container.empty() && !dst.container.empty()) {
        std::cerr << "Error: copying between containers is not supported\n";
        return ExitFailure;
    }
    if (src.container.empty() && dst.container.empty()) {
        std::cerr << "Error: must specify at least one container source\n";
        return ExitFailure;
    }
    engine::CopyOptions options;
    options.archive = a.has("archive");
    options.followLink = a.has("follow-link");
    if (!src.container.empty()) {
        if (dst.path == "-") { // a tar of SRC on stdout, and nothing else (as Docker)
            auto s = ctx.engine()->copyFromContainerAsTar(src.container, src.path, STDOUT_FILENO, options);
            return s ? ExitOk : reportError(s.error());
        }
        // What the copy will produce on the host, to report its size as Docker does.
        std::error_code ec;
        fs::path result = dst.path;
        if (fs::is_directory(dst.path, ec) && !contentsOnly(src.path)) result /= baseName(src.path);
        if (auto s = ctx.engine()->copyFromContainer(src.container, src.path, dst.path, options); !s) return reportError(s.error());
        reportCopied(a, runtime::tarStreamSize(result) + 1024, dst.path);
        return ExitOk;
    }
    if (src.path == "-") { // a tar from stdin into the directory DEST; Docker counts nothing here (0B)
        if (auto s = ctx.engine()->copyTarToContainer(dst.container, STDIN_FILENO, dst.path, options); !s) return reportError(s.error());
        reportCopied(a, 0, dst.container + ":" + dst.path);
        return ExitOk;
    }
    if (auto s = ctx.engine()->copyToContainer(dst.container, src.path, dst.path, options); !s) return reportError(s.error());
    reportCopied(a, runtime::tarStreamSize(src.path) + 1024, dst.container + ":" + dst.path);
    return ExitOk;
}

int runDiff(Context& ctx, const ParsedArgs& a) {
    auto rows = ctx.engine()->containerChanges(a.positional[0]);
    if (!rows) return reportError(rows.error());
    for (auto& r : *rows) std::cout << r.kind << ' ' << r.path << '\n';
    return ExitOk;
}

} // namespace

std::vector<Command> fileCommands() {
    const std::vector<FlagSpec> cpFlags = {{"archive", 'a', false, "Archive mode (copy all uid/gid information)"},
                                           {"follow-link", 'L', false, "Always follow symbol link in SRC_PATH"},
                                           {"quiet", 'q', false, "Suppress progress output during copy"}};
    std::vector<Command> c;
    for (const char* n : {"cp", "container cp"})
        c.push_back({n, std::string(n) + " [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n       berth " + n + " [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
                     "Copy files/folders between a container and the local filesystem", cpFlags, runCp, 2, 2});
    for (const char* n : {"diff", "container diff"})
        c.push_back({n, std::string(n) + " CONTAINER", "Inspect changes to files or directories on a container's filesystem", {}, runDiff, 1, 1});
    return c;
}

} // namespace berth::cli
