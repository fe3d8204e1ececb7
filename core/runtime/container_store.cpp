#include "runtime/container_store.h"

#include "support/clock.h"
#include "support/file_util.h"

#include <algorithm>
#include <random>

namespace berth::runtime {

namespace fs = std::filesystem;

Result<ContainerStore> ContainerStore::open(fs::path root) {
    BERTH_CHECK(makeDirs(root / "containers"));
    return ContainerStore(std::move(root));
}

bool isValidContainerName(std::string_view n) {
    // Docker: [a-zA-Z0-9][a-zA-Z0-9_.-]+
    if (n.size() < 2 || !std::isalnum(static_cast<unsigned char>(n[0]))) return false;
    return std::all_of(n.begin(), n.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    });
}

std::string generateContainerName() {
    static const char* adjectives[] = {"brave", "calm", "clever", "eager", "gentle", "happy", "keen", "kind",
                                       "lucid", "merry", "nimble", "patient", "quiet", "steady", "swift", "witty"};
    static const char* names[] = {"curie", "hopper", "lovelace", "turing", "noether", "sejong", "shannon", "ritchie",
                                  "knuth", "lamarr", "dijkstra", "goodall", "hypatia", "yonath", "euler", "gauss"};
    std::random_device rd;
    return std::string(adjectives[rd() % 16]) + "_" + names[rd() % 16];
}

bool ContainerStore::nameTaken(const std::string& name) const {
    std::error_code ec;
    for (auto& e : fs::directory_iterator(m_root / "containers", ec)) {
        auto c = readConfig(e.path().filename().string());
        if (c && c->name == name) return true;
    }
    return false;
}

Result<ContainerConfig> ContainerStore::create(ContainerConfig config) {
    auto lock = BERTH_TRY(FileLock::acquire(m_root / "containers.lock", FileLock::Mode::Exclusive));
    if (config.id.empty()) config.id = randomHex(32);
    if (config.name.empty()) {
        do config.name = generateContainerName();
        while (nameTaken(config.name));
    } else {
        if (config.name.front() == '/') config.name.erase(0, 1);
        if (!isValidContainerName(config.name))
            return fail(ErrorCode::InvalidArgument, "invalid container name \"" + config.name +
                                                        "\", only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        if (nameTaken(config.name))
            return fail(ErrorCode::AlreadyExists, "conflict: the container name \"/" + config.name + "\" is already in use");
    }
    if (config.created.empty()) config.created = utcNowRfc3339();
    fs::path d = dir(config.id);
    BERTH_CHECK(makeDirs(d));
    // The state is the shim's to keep right (see writeFileReplacing); the config defines the
    // container and goes last, with fsync.
    BERTH_CHECK(writeFileReplacing(d / "state.json", toJson(ContainerState{})));
    BERTH_CHECK(writeFileAtomic(d / "config.json", toJson(config)));
    return config;
}

Result<ContainerConfig> ContainerStore::readConfig(const std::string& id) const {
    auto text = BERTH_TRY(readFile(dir(id) / "config.json", 4u << 20));
    return withContext(parseContainerConfig(text), "container " + id.substr(0, 12));
}

Result<ContainerState> ContainerStore::readState(const std::string& id) const {
    auto text = BERTH_TRY(readFile(dir(id) / "state.json", 1u << 20));
    // Written without fsync (writeFileReplacing): a power cut can leave it empty. The container
    // then reads as exited, so it still lists and can be started or removed.
    if (text.empty()) {
        ContainerState lost;
        lost.status = ContainerStatus::Exited;
        lost.error = "its state was lost (empty state.json, after a crash)";
        return lost;
    }
    return withContext(parseContainerState(text), "container " + id.substr(0, 12));
}

Status ContainerStore::writeState(const std::string& id, const ContainerState& state) {
    return writeFileReplacing(dir(id) / "state.json", toJson(state));
}

Result<FileLock> ContainerStore::lock(const std::string& id) const {
    return FileLock::acquire(dir(id) / "lock", FileLock::Mode::Exclusive);
}

// A container whose shim is gone cannot be running: its pid 1 died with it (PR_SET_PDEATHSIG),
// so the state is put right instead of staying "running" forever.
static bool shimAlive(int pid) {
    if (pid <= 0) return false;
    auto comm = readFile("/proc/" + std::to_string(pid) + "/comm", 256);
    return comm && comm->rfind("berth-shim", 0) == 0;
}

static ContainerState reconcile(const ContainerStore& store, const std::string& id, ContainerState state) {
    bool live = state.isRunning() || state.status == ContainerStatus::Restarting;
    if (!live || shimAlive(state.shimPid)) return state;
    auto lock = store.lock(id);
    auto fresh = store.readState(id);
    if (!lock || !fresh) return state;
    if (!(fresh->isRunning() || fresh->status == ContainerStatus::Restarting) || shimAlive(fresh->shimPid)) return *fresh;
    fresh->status = ContainerStatus::Exited;
    fresh->exitCode = 137;
    fresh->pid = 0;
    fresh->finishedAt = utcNowRfc3339();
    fresh->error = "the container's supervisor (berth-shim) died";
    (void)writeFileReplacing(store.dir(id) / "state.json", toJson(*fresh));
    return *fresh;
}

Result<std::vector<Container>> ContainerStore::list() const {
    std::vector<Container> out;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(m_root / "containers", ec)) {
        std::string id = e.path().filename().string();
        auto config = readConfig(id);
        auto state = readState(id);
        if (!config || !state) continue; // half-created or being removed
        out.push_back({std::move(*config), reconcile(*this, id, std::move(*state))});
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.config.created > b.config.created; });
    return out;
}

Result<Container> ContainerStore::find(std::string_view text) const {
    std::string key(text);
    if (!key.empty() && key.front() == '/') key.erase(0, 1);
    // A full id (what the CLI, the shim and the app mostly pass) needs no scan of every container.
    if (key.size() == 64 && key.find('/') == std::string::npos && fs::exists(dir(key))) {
        auto config = readConfig(key);
        auto state = readState(key);
        if (config && state) return Container{std::move(*config), reconcile(*this, key, std::move(*state))};
    }
    auto all = BERTH_TRY(list());
    for (auto& c : all)
        if (c.config.id == key || c.config.name == key) return c;
    std::vector<const Container*> matches;
    for (auto& c : all)
        if (!key.empty() && c.config.id.rfind(key, 0) == 0) matches.push_back(&c);
    if (matches.size() == 1) return *matches.front();
    if (matches.size() > 1)
        return fail(ErrorCode::InvalidArgument, "multiple containers found with provided prefix: " + key);
    return fail(ErrorCode::NotFound, "no such container: " + key);
}

Status ContainerStore::rename(const std::string& id, const std::string& newName) {
    auto lock = BERTH_TRY(FileLock::acquire(m_root / "containers.lock", FileLock::Mode::Exclusive));
    if (!isValidContainerName(newName))
        return fail(ErrorCode::InvalidArgument, "invalid container name \"" + newName + "\"");
    if (nameTaken(newName))
        return fail(ErrorCode::AlreadyExists, "conflict: the container name \"/" + newName + "\" is already in use");
    auto config = BERTH_TRY(readConfig(id));
    config.name = newName;
    return writeFileAtomic(dir(id) / "config.json", toJson(config));
}

Status ContainerStore::remove(const std::string& id) {
    auto lock = BERTH_TRY(FileLock::acquire(m_root / "containers.lock", FileLock::Mode::Exclusive));
    // Rename first so a half-removed container never lists (moby's "-removing" pattern).
    fs::path gone = m_root / "containers" / (".removing-" + id);
    std::error_code ec;
    fs::rename(dir(id), gone, ec);
    if (ec) return sysFail("removing container " + id.substr(0, 12), ec.value());
    return removeTree(gone);
}

} // namespace berth::runtime

namespace berth::runtime {

Result<ContainerState> ContainerStore::liveState(const std::string& id) const {
    auto state = BERTH_TRY(readState(id));
    return reconcile(*this, id, std::move(state));
}

} // namespace berth::runtime
