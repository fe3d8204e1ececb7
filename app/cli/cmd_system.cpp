// version, info, login, logout.
#include "command.h"
#include "format.h"

#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace berth::cli {

namespace {

int runVersion(Context& ctx, const ParsedArgs&) {
    (void)ctx;
    std::cout << "Client: Berth\n Version:           " << engine::Engine::version()
              << "\n OS/Arch:           " << oci::Platform::host().str() << "\n\nEngine: Berth (in-process)\n Version:           "
              << engine::Engine::version() << "\n Store:             "
              << (ctx.options.root.empty() ? engine::Engine::defaultRoot() : ctx.options.root).string() << '\n';
    return ExitOk;
}

std::string mapText(const std::vector<IdMapping>& maps) {
    std::string out;
    for (auto& m : maps)
        out += (out.empty() ? "" : ", ") + std::to_string(m.inside) + " " + std::to_string(m.outside) + " " +
               std::to_string(m.count);
    return out.empty() ? "none" : out;
}

// The rootless section: the maps ("inside outside count", as /proc/self/uid_map), where state
// lives, what works, and each failed check with the command that fixes it.
void printRootless(const runtime::RootlessInfo& r, const std::string& snapshotter) {
    std::cout << " Rootless Mode:\n  ID Mapping: "
              << (r.singleId() ? "single-id (only uid and gid 0 exist in containers)" : "subordinate ids")
              << "\n  UID Map: " << mapText(r.uidMap) << "\n  GID Map: " << mapText(r.gidMap)
              << "\n  Runtime Dir: " << r.runtimeDir.string()
              << "\n  Pause Process: " << (r.pausePid ? std::to_string(r.pausePid) : std::string("none"))
              << "\n  Overlay: "
              << (snapshotter == "overlay" ? "in the user namespace" : "not available, layers are copied")
              << "\n  Cgroups: " << r.cgroups << "\n  Network: " << r.network << '\n';
    for (auto& c : r.checks) {
        if (c.ok) continue;
        std::cout << "  WARNING: " << c.name << ": " << c.detail << "\n    fix: " << c.fix << '\n';
    }
}

int runInfo(Context& ctx, const ParsedArgs&) {
    auto i = ctx.engine()->info();
    std::cout << "Client: Berth\n Version:    " << i.version << "\n\nServer:\n Images: " << i.images
              << "\n Layers: " << i.layers << "\n Storage Driver: " << i.snapshotter << "\n Berth Root Dir: " << i.root.string()
              << "\n Rootless: " << (i.rootless ? "true" : "false") << '\n';
    if (i.rootless) printRootless(i.rootlessDetails, i.snapshotter);
    std::cout << " Default Network: " << i.defaultNetwork << "\n Architecture: " << i.platform << '\n';
    return ExitOk;
}

std::string readPassword() {
    termios old {};
    bool tty = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string p;
    std::getline(std::cin, p);
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::cout << '\n';
    }
    return p;
}

int runLogin(Context& ctx, const ParsedArgs& a) {
    std::string server = a.positional.empty() ? "docker.io" : a.positional[0];
    image::Credentials c;
    c.username = a.value("username");
    if (a.has("password-stdin")) {
        if (a.has("password")) {
            std::cerr << "Error: --password and --password-stdin are mutually exclusive\n";
            return ExitUsage;
        }
        std::getline(std::cin, c.password);
        while (!c.password.empty() && (c.password.back() == '\n' || c.password.back() == '\r')) c.password.pop_back();
    } else if (a.has("password")) {
        std::cerr << "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n";
        c.password = a.value("password");
    }
    if (c.username.empty()) {
        std::cout << "Username: " << std::flush;
        std::getline(std::cin, c.username);
    }
    if (c.password.empty()) {
        std::cout << "Password: " << std::flush;
        c.password = readPassword();
    }
    if (c.username.empty()) {
        std::cerr << "Error: Cannot perform an interactive login from a non TTY device\n";
        return ExitFailure;
    }
    auto st = ctx.engine()->login(server, c);
    if (!st) return reportError(st.error());
    std::cout << "Login Succeeded\n";
    return ExitOk;
}

int runLogout(Context& ctx, const ParsedArgs& a) {
    std::string server = a.positional.empty() ? "docker.io" : a.positional[0];
    auto st = ctx.engine()->logout(server);
    if (!st && st.error().code == ErrorCode::NotFound) {
        std::cout << "Not logged in to " << server << '\n';
        return ExitOk;
    }
    if (!st) return reportError(st.error());
    std::cout << "Removing login credentials for " << server << '\n';
    return ExitOk;
}

} // namespace

std::vector<Command> systemCommands() {
    const std::vector<FlagSpec> loginFlags = {{"username", 'u', true, "Username"},
                                              {"password", 'p', true, "Password"},
                                              {"password-stdin", 0, false, "Take the password from stdin"}};
    return {
        {"version", "version", "Show the Berth version information", {}, runVersion, 0, 0},
        {"info", "info", "Display system-wide information", {}, runInfo, 0, 0},
        {"system info", "system info", "Display system-wide information", {}, runInfo, 0, 0},
        {"login", "login [OPTIONS] [SERVER]", "Log in to a registry", loginFlags, runLogin, 0, 1},
        {"logout", "logout [SERVER]", "Log out from a registry", {}, runLogout, 0, 1},
    };
}

} // namespace berth::cli
