#include "runtime/rootless/rootless_paths.h"

#include "support/file_util.h"
#include "support/user_namespace.h"

#include <cerrno>
#include <cstdlib>
#include <pwd.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::runtime {

namespace fs = std::filesystem;

namespace {

fs::path absoluteEnv(const EnvLookup& env, const char* name) {
    const char* v = env(name);
    if (!v || *v != '/') return {};
    return v;
}

std::uint32_t outsideOfZero(const char* mapFile, std::uint32_t fallback) {
    if (!inUserNamespace("/proc/self/uid_map")) return fallback;
    auto text = readFile(mapFile, 1u << 16);
    if (!text) return fallback;
    auto maps = parseIdMappings(*text);
    if (!maps) return fallback;
    std::uint32_t id = outsideId(*maps, 0);
    return id == UINT32_MAX ? fallback : id;
}

} // namespace

RootlessPaths rootlessPaths(const EnvLookup& env, std::uint32_t uid, const fs::path& home,
                            const RuntimeDirBases* bases) {
    RootlessPaths p;
    if (auto data = absoluteEnv(env, "XDG_DATA_HOME"); !data.empty())
        p.storeRoot = data / "berth";
    else {
        fs::path h = absoluteEnv(env, "HOME");
        if (h.empty()) h = home.empty() ? fs::path("/tmp") : home;
        p.storeRoot = h / ".local/share/berth";
    }
    if (auto run = absoluteEnv(env, "XDG_RUNTIME_DIR"); !run.empty()) {
        p.runtimeDir = run / "berth";
        return p;
    }
    const std::string id = std::to_string(uid);
    if (bases && !bases->runUser.empty()) {
        // logind's directory, when a login session made one for us (su and sudo do not set the
        // variable, but the directory is there while any session of the user is).
        const fs::path session = bases->runUser / id;
        struct stat st {};
        if (::lstat(session.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == bases->ownId &&
            (st.st_mode & 077) == 0) {
            p.runtimeDir = session / "berth";
            return p;
        }
    }
    p.runtimeDir = (bases ? bases->tmp : fs::path("/tmp")) / ("berth-run-" + id);
    p.runtimeDirFallback = true;
    return p;
}

RootlessPaths rootlessPaths() {
    std::uint32_t uid = hostUid();
    fs::path home;
    if (const char* h = std::getenv("HOME"); !h || *h != '/')
        if (const passwd* pw = ::getpwuid(uid); pw && pw->pw_dir) home = pw->pw_dir;
    RuntimeDirBases bases;
    bases.ownId = ::geteuid();
    return rootlessPaths([](const char* name) { return std::getenv(name); }, uid, home, &bases);
}

std::uint32_t hostUid() {
    return outsideOfZero("/proc/self/uid_map", ::getuid());
}
std::uint32_t hostGid() {
    return outsideOfZero("/proc/self/gid_map", ::getgid());
}

Status ensureRuntimeDir(const RootlessPaths& paths) {
    const fs::path& dir = paths.runtimeDir;
    if (!paths.runtimeDirFallback) BERTH_CHECK(makeDirs(dir.parent_path()));
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        auto err = sysFail("creating " + dir.string());
        if (paths.runtimeDirFallback)
            err.error().message += " (XDG_RUNTIME_DIR is unset: set it to a private directory of yours)";
        return err;
    }
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) return sysFail(dir.string());
    if (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 077) != 0)
        return fail(ErrorCode::Denied, dir.string() + ": not a private directory of this user (owner " +
                                           std::to_string(st.st_uid) +
                                           ", mode 0700 expected); remove it or set "
                                           "XDG_RUNTIME_DIR to a directory only you can use");
    return {};
}

} // namespace berth::runtime
