// berth-shim: the per-container supervisor (see core/runtime/shim.h). Started by berth (or the
// app) as `berth-shim --root DIR --id ID --ready-fd N`; not meant to be run by hand.
#include "runtime/rootless/rootless_join.h"
#include "runtime/shim.h"

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <malloc.h>
#include <string>
#include <unistd.h>

// glibc keeps up to 7 freed blocks of each small size per thread (its tcache) where malloc_trim
// cannot reach them; in the shim they pin about 80 KiB of start-up's heap for the container's
// whole life (see runtime/shim_memory.h). glibc reads that setting only from the environment at
// start: the launcher passes it, and a shim started without it executes itself again, once, with
// it added. The container's own processes get the environment their config gives.
static void restartWithoutMallocCache(char** argv) {
    static const char kSetting[] = "glibc.malloc.tcache_count=";
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, kSetting)) return;
    std::string value = tunables && *tunables ? std::string(tunables) + ":" : std::string();
    value += std::string(kSetting) + "0";
    if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
    ::execv("/proc/self/exe", argv); // returns only on failure: then the shim runs as it is
}

// --detach 1 (the launcher's): fork once and let the first process exit at once, so that the shim
// is re-parented away from berth or the app, which only wait for that first process.
static void detachFromLauncher(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; i += 2)
        if (!std::strcmp(argv[i], "--detach") && !std::strcmp(argv[i + 1], "1")) {
            pid_t pid = ::fork();
            if (pid > 0) ::_exit(0);
            if (pid < 0) ::_exit(125); // the launcher then reads no report, and says so
            return;
        }
}

int main(int argc, char** argv) {
    restartWithoutMallocCache(argv);
    detachFromLauncher(argc, argv);
    // One heap for all threads: the embedded DNS server's thread (user networks) would otherwise
    // get an arena of its own.
    ::mallopt(M_ARENA_MAX, 1);
    // berth and the app start the shim from inside the rootless user namespace, so this is a no-op
    // (euid 0 there); it only matters for a shim started by hand as an ordinary user.
    if (auto joined = berth::runtime::joinRootlessUserNamespace(); !joined) {
        std::cerr << "berth-shim: " << joined.error().message << '\n';
        return 125;
    }
    std::string root, id;
    int readyFd = -1;
    bool attach = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--root")) root = argv[i + 1];
        else if (!std::strcmp(argv[i], "--id")) id = argv[i + 1];
        else if (!std::strcmp(argv[i], "--ready-fd")) readyFd = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--attach")) attach = !std::strcmp(argv[i + 1], "1");
    }
    if (root.empty() || id.empty()) {
        std::cerr << "usage: berth-shim --root DIR --id CONTAINER [--ready-fd N]\n";
        return 2;
    }
    return berth::runtime::runShim(root, id, readyFd, attach);
}
