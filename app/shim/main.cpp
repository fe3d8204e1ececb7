// berth-shim: the per-container supervisor (see core/runtime/shim.h). Started by berth (or the
// app) as `berth-shim --root DIR --id ID --ready-fd N`; not meant to be run by hand.
#include "runtime/rootless/rootless_join.h"
#include "runtime/shim.h"

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
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
