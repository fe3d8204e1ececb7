#pragma once
// A temp store with both demo images loaded through the engine directly (no bridge), and the
// StoreSnapshot the UI would receive for it.
#include "bridge/snapshot_reader.h"
#include "test_env.h"

#include <QTest>

#include <sched.h>

namespace berth::test {

inline std::filesystem::path demoArchive(const char* name) { return demoDir() / name; }

// Loads berth-demo-hello.tar and berth-demo-web.tar into root; QFAILs (returns empty) on error.
inline ui::StoreSnapshot loadDemoStore(const std::filesystem::path& root) {
    auto engine = engine::Engine::open(engine::EngineOptions{root});
    if (!engine) {
        qWarning("opening the store: %s", engine.error().message.c_str());
        return {};
    }
    for (const char* name : {"berth-demo-hello.tar", "berth-demo-web.tar"}) {
        auto loaded = (*engine)->load(demoArchive(name));
        if (!loaded) {
            qWarning("loading %s: %s", name, loaded.error().message.c_str());
            return {};
        }
    }
    auto snapshot = ui::readStoreSnapshot(**engine);
    return snapshot ? *snapshot : ui::StoreSnapshot{};
}

// As root: moves this process into a network namespace of its own with `lo` up, so the bridges,
// veths and nft rules the test's containers make never touch the host's. Call it before any
// thread starts (initTestCase): later threads, and the shims they fork, inherit it.
inline bool enterOwnNetworkNamespace() {
    return isRoot() && ::unshare(CLONE_NEWNET) == 0 &&
           run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                                      QStringLiteral("up")})
                   .exitCode == 0;
}

// Removes every container of the store when the test ends, passed or not.
struct ContainerCleanup {
    engine::Engine* engine;
    ~ContainerCleanup() {
        if (auto all = engine->listContainers())
            for (const auto& c : *all)
                (void)engine->removeContainer(c.config.id, true);
    }
};

inline const ui::ImageInfo* findImage(const ui::StoreSnapshot& s, const QString& reference) {
    for (const auto& image : s.images)
        if (image.reference() == reference) return &image;
    return nullptr;
}

} // namespace berth::test
