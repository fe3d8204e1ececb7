#include "bridge/engine_bridge.h"

#include "bridge/engine_worker.h"
#include "bridge/snapshot_reader.h"
#include "models/layer_diff.h"

#include <QThread>

#include <chrono>
#include <map>

namespace berth::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString errorText(const Error& e) { return qs(e.message); }

PullEvent toEvent(const image::PullProgress& p) {
    PullEvent e;
    e.kind = static_cast<PullEvent::Kind>(static_cast<int>(p.kind));
    e.id = qs(p.id);
    e.digest = p.digest.isEmpty() ? QString() : qs(p.digest.str());
    e.current = p.current;
    e.total = p.total;
    e.message = qs(p.message);
    return e;
}

// Byte counters arrive once per chunk; a bar needs a few updates a second, not thousands.
class ProgressThrottle {
public:
    bool shouldSend(const image::PullProgress& p) {
        using K = image::PullProgress::Kind;
        if (p.kind != K::Downloading && p.kind != K::Extracting) return true;
        if (p.total != 0 && p.current >= p.total) return true;
        auto now = std::chrono::steady_clock::now();
        auto& last = m_last[p.id];
        if (now - last < std::chrono::milliseconds(80)) return false;
        last = now;
        return true;
    }

private:
    std::map<std::string, std::chrono::steady_clock::time_point> m_last;
};

// What the CLI prints after "Loaded image:": the familiar name, or the id when unnamed.
QString familiarName(const image::LoadedImage& loaded) {
    if (loaded.name.empty()) return qs(loaded.imageId.str());
    auto ref = image::Reference::parse(loaded.name);
    return ref ? qs(ref->familiar()) : qs(loaded.name);
}

std::vector<std::string> toStd(const QStringList& list) {
    std::vector<std::string> out;
    for (const auto& s : list) out.push_back(s.toStdString());
    return out;
}

} // namespace

EngineBridge::EngineBridge(const QString& root, QObject* parent)
    : QObject(parent), m_root(root), m_thread(new QThread(this)), m_pullThread(new QThread(this)) {
    qRegisterMetaType<StoreSnapshot>();
    qRegisterMetaType<EngineSummary>();
    qRegisterMetaType<PullEvent>();
    qRegisterMetaType<QList<LayerFileEntry>>();
    std::filesystem::path p = root.isEmpty() ? engine::Engine::defaultRoot() : std::filesystem::path(root.toStdString());
    if (m_root.isEmpty()) m_root = qs(p.string());
    m_worker = new EngineWorker(p);
    m_pullWorker = new EngineWorker(p);
    startThread(m_thread, m_worker);
    startThread(m_pullThread, m_pullWorker);

    // Generation checks happen here on the GUI thread, where the generation counters live.
    connect(this, &EngineBridge::snapshotRead, this, [this](const StoreSnapshot& s) {
        if (s.generation == m_refreshGeneration) emit snapshotReady(s);
    });
    connect(this, &EngineBridge::layerFilesRead, this,
            [this](quint64 generation, const QString& chainId, const QList<LayerFileEntry>& files) {
                if (generation == m_filesGeneration) emit layerFilesReady(chainId, files);
            });
    // Anything that changes the store is followed by a fresh listing.
    connect(this, &EngineBridge::pullFinished, this, [this] { m_pulling = false; refresh(); });
    connect(this, &EngineBridge::pullFailed, this, [this] { m_pulling = false; });
    connect(this, &EngineBridge::removed, this, [this] { refresh(); });
    connect(this, &EngineBridge::pruned, this, [this] { refresh(); });
    connect(this, &EngineBridge::loaded, this, [this] { refresh(); });
}

EngineBridge::~EngineBridge() {
    cancelPull();
    for (QThread* t : {m_thread, m_pullThread}) {
        t->quit();
        t->wait();
    }
    delete m_worker;
    delete m_pullWorker;
}

void EngineBridge::startThread(QThread* thread, EngineWorker* worker) {
    worker->moveToThread(thread);
    thread->start();
}

template <class Fn> void EngineBridge::post(EngineWorker* worker, Fn fn) {
    QMetaObject::invokeMethod(
        worker,
        [this, worker, fn = std::move(fn)]() mutable {
            auto engine = worker->engine();
            if (!engine) {
                emit failed(errorText(engine.error()));
                return;
            }
            fn(**engine);
        },
        Qt::QueuedConnection);
}

void EngineBridge::open() {
    post(m_worker, [this](engine::Engine& e) {
        auto info = e.info();
        emit opened(EngineSummary{qs(info.version), qs(info.root.string()), qs(info.snapshotter),
                                  qs(info.platform), info.rootless});
    });
}

quint64 EngineBridge::refresh() {
    quint64 generation = ++m_refreshGeneration;
    post(m_worker, [this, generation](engine::Engine& e) {
        auto snapshot = readStoreSnapshot(e);
        if (!snapshot) return emit failed(errorText(snapshot.error()));
        snapshot->generation = generation;
        emit snapshotRead(*snapshot, QPrivateSignal());
    });
    return generation;
}

void EngineBridge::pull(const QString& reference) {
    m_pulling = true;
    m_pullCancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_pullCancel;
    QMetaObject::invokeMethod(
        m_pullWorker,
        [this, reference, cancel] {
            auto engine = m_pullWorker->engine();
            if (!engine) return emit pullFailed(errorText(engine.error()));
            image::PullOptions options;
            options.cancel = cancel.get();
            auto throttle = std::make_shared<ProgressThrottle>();
            options.progress = [this, throttle](const image::PullProgress& p) {
                if (throttle->shouldSend(p)) emit pullProgress(toEvent(p));
            };
            auto result = (*engine)->pull(reference.toStdString(), options);
            if (!result) return emit pullFailed(errorText(result.error()));
            emit pullFinished(qs(result->reference.familiar()), qs(result->image.imageId.str()), result->upToDate);
        },
        Qt::QueuedConnection);
}

void EngineBridge::cancelPull() {
    if (m_pullCancel) m_pullCancel->store(true);
}

void EngineBridge::removeImage(const QString& reference, bool force) {
    post(m_worker, [this, reference, force](engine::Engine& e) {
        auto report = e.removeImage(reference.toStdString(), force);
        if (!report) return emit failed(errorText(report.error()));
        QStringList untagged, deleted;
        for (const auto& s : report->untagged) untagged << qs(s);
        for (const auto& s : report->deleted) deleted << qs(s);
        emit removed(untagged, deleted);
    });
}

void EngineBridge::prune(bool all) {
    post(m_worker, [this, all](engine::Engine& e) {
        auto report = e.pruneImages(all);
        if (!report) return emit failed(errorText(report.error()));
        QStringList deleted;
        for (const auto& s : report->deleted) deleted << qs(s);
        emit pruned(deleted, report->reclaimedBytes);
    });
}

void EngineBridge::save(const QStringList& references, const QString& path) {
    post(m_worker, [this, references, path](engine::Engine& e) {
        auto status = e.save(toStd(references), path.toStdString());
        if (!status) return emit failed(errorText(status.error()));
        emit saved(path);
    });
}

void EngineBridge::load(const QString& path) {
    post(m_worker, [this, path](engine::Engine& e) {
        auto images = e.load(path.toStdString());
        if (!images) return emit failed(errorText(images.error()));
        QStringList names;
        for (const auto& i : *images) names << familiarName(i);
        emit loaded(path, names);
    });
}

quint64 EngineBridge::listLayerFiles(const QStringList& chainIds) {
    quint64 generation = ++m_filesGeneration;
    if (chainIds.isEmpty()) return generation;
    post(m_worker, [this, generation, chainIds](engine::Engine& e) {
        std::vector<std::filesystem::path> dirs; // bottom first
        for (const auto& c : chainIds) {
            auto id = oci::Digest::parse(c.toStdString());
            if (!id) return emit failed(errorText(id.error()));
            dirs.push_back(e.store().snapshots().fsDir(*id));
        }
        std::vector<std::filesystem::path> lowers(dirs.rbegin() + 1, dirs.rend());
        emit layerFilesRead(generation, chainIds.last(), classifyLayer(dirs.back(), lowers), QPrivateSignal());
    });
    return generation;
}

} // namespace berth::ui
