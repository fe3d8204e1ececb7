#include "layer/snapshotter.h"

#include "layer/layer_merge.h"
#include "layer/snapshot_key.h"
#include "layer/snapshot_store.h"
#include "support/file_util.h"

namespace berth::layer {

namespace {

// Where overlayfs is missing (some nested or rootless setups): every container gets a full copy
// of its image, flattened with the whiteouts applied. Slow and large, but it always works.
class CopySnapshotter final : public Snapshotter {
public:
    CopySnapshotter(SnapshotStore& store, fs::path activeRoot) : m_store(store), m_activeRoot(std::move(activeRoot)) {}
    const char* name() const override { return "copy"; }

    Result<std::vector<Mount>> prepare(const std::string& key, const std::vector<oci::ChainId>& layers) override {
        BERTH_CHECK(validateKey(key));
        fs::path dir = m_activeRoot / key;
        if (fs::exists(dir)) return fail(ErrorCode::AlreadyExists, "preparing copy snapshot " + key + ": " + dir.string() + " already exists");
        auto built = build(dir / "rootfs", layers);
        if (!built) {
            (void)removeTree(dir);
            return std::unexpected(built.error().context("preparing copy snapshot " + key));
        }
        return std::vector<Mount>{Mount{"bind", (dir / "rootfs").string(), {"rbind", "rw"}, {}}};
    }

    Status remove(const std::string& key) override {
        BERTH_CHECK(validateKey(key));
        return removeTree(m_activeRoot / key);
    }

private:
    Status build(const fs::path& rootfs, const std::vector<oci::ChainId>& layers) {
        BERTH_CHECK(makeDirs(rootfs));
        for (const oci::ChainId& id : layers) { // bottom first, as overlay stacks them
            if (!m_store.has(id)) return fail(ErrorCode::NotFound, "snapshot " + id.str() + " does not exist");
            BERTH_CHECK(mergeLayer(m_store.fsDir(id), rootfs));
        }
        return {};
    }

    SnapshotStore& m_store;
    fs::path m_activeRoot;
};

} // namespace

std::unique_ptr<Snapshotter> makeCopySnapshotter(SnapshotStore& store, std::filesystem::path activeRoot) {
    return std::make_unique<CopySnapshotter>(store, std::move(activeRoot));
}

} // namespace berth::layer
