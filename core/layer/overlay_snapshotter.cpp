#include "layer/snapshotter.h"

#include "layer/snapshot_key.h"
#include "layer/snapshot_store.h"
#include "support/file_util.h"
#include "support/user_namespace.h"

#include <cerrno>
#include <map>
#include <mutex>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

namespace berth::layer {

Status validateKey(const std::string& key) {
    if (key.empty() || key == "." || key == ".." || key.find('/') != std::string::npos || key.size() > 255)
        return fail(ErrorCode::InvalidArgument, "snapshot key \"" + key + "\" is not a valid name");
    return {};
}

namespace {

std::string joinOptions(const std::vector<std::string>& options) {
    std::string s;
    for (const std::string& o : options) {
        if (!s.empty()) s.push_back(',');
        s += o;
    }
    return s;
}

class OverlaySnapshotter final : public Snapshotter {
public:
    OverlaySnapshotter(SnapshotStore& store, fs::path activeRoot) : m_store(store), m_activeRoot(std::move(activeRoot)) {}
    const char* name() const override { return "overlay"; }

    Result<std::vector<Mount>> prepare(const std::string& key, const std::vector<oci::ChainId>& layers) override {
        return withContext(prepareMount(key, layers), "preparing overlay snapshot " + key);
    }

    Status remove(const std::string& key) override {
        BERTH_CHECK(validateKey(key));
        return removeTree(m_activeRoot / key);
    }

private:
    Result<std::vector<Mount>> prepareMount(const std::string& key, const std::vector<oci::ChainId>& layers) {
        BERTH_CHECK(validateKey(key));
        if (layers.empty()) return fail(ErrorCode::InvalidArgument, "an image needs at least one layer");
        // Lower dirs by their short link names in <root>/l, top layer first (overlayfs order).
        std::string lower = "lowerdir=";
        for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
            SnapshotInfo info = BERTH_TRY(m_store.info(*it));
            if (it != layers.rbegin()) lower.push_back(':');
            lower += info.shortId;
        }
        fs::path dir = m_activeRoot / key;
        if (fs::exists(dir)) return fail(ErrorCode::AlreadyExists, dir.string() + " already exists");
        BERTH_CHECK(makeDirs(dir / "upper"));
        BERTH_CHECK(makeDirs(dir / "work"));
        Mount m{"overlay", "overlay",
                {lower, "upperdir=" + (dir / "upper").string(), "workdir=" + (dir / "work").string()},
                m_store.linkDir()};
        // In a user namespace overlay may not use trusted.* xattrs: userxattr (kernel >= 5.11)
        // makes it read the user.overlay.* markers the rootless layer writer made.
        if (inUserNamespace()) m.options.push_back("userxattr");
        // The kernel copies mount data into one page; it cuts longer strings silently.
        const std::size_t limit = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) - 1;
        if (std::size_t len = joinOptions(m.options).size(); len > limit) {
            (void)removeTree(dir);
            return fail(ErrorCode::LimitExceeded, "overlay options for " + std::to_string(layers.size()) +
                                                      " layers are " + std::to_string(len) +
                                                      " bytes, over the page-size limit of " + std::to_string(limit));
        }
        return std::vector<Mount>{std::move(m)};
    }

    SnapshotStore& m_store;
    fs::path m_activeRoot;
};

// The trial mount is made in a child with its own mount namespace, as containers mount their
// rootfs: rootless, our own mount namespace belongs to the host and refuses every mount.
bool probeOverlay(const fs::path& scratchDir) {
    auto probe = makeTempDir(scratchDir, ".overlay-probe-");
    if (!probe) return false;
    for (const char* d : {"lower", "upper", "work", "merged"}) (void)makeDirs(*probe / d);
    std::string data = "lowerdir=" + (*probe / "lower").string() + ",upperdir=" + (*probe / "upper").string() +
                       ",workdir=" + (*probe / "work").string();
    if (inUserNamespace()) data += ",userxattr";
    const std::string target = (*probe / "merged").string();
    bool ok = false;
    pid_t pid = ::fork();
    if (pid == 0) {
        if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
            ::_exit(1);
        ::_exit(::mount("overlay", target.c_str(), "overlay", 0, data.c_str()) == 0 ? 0 : 1);
    }
    int status = 0;
    if (pid > 0) {
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    (void)removeTree(*probe);
    return ok;
}

} // namespace

std::unique_ptr<Snapshotter> makeOverlaySnapshotter(SnapshotStore& store, std::filesystem::path activeRoot) {
    return std::make_unique<OverlaySnapshotter>(store, std::move(activeRoot));
}

bool overlaySupported(const std::filesystem::path& scratchDir) {
    static std::mutex mutex;
    static std::map<fs::path, bool> known; // per directory: the filesystem below decides
    std::lock_guard lock(mutex);
    auto it = known.find(scratchDir);
    if (it == known.end()) it = known.emplace(scratchDir, probeOverlay(scratchDir)).first;
    return it->second;
}

} // namespace berth::layer
