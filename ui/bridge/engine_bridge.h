#pragma once
// EngineBridge: the desktop app's only door to the engine. Every request returns at once; the
// blocking engine call runs on a worker thread and its answer arrives as a queued signal on the
// GUI thread. Two workers, each with its own Engine on the same root: pulls run on one, so a
// long download never holds up listing, removing or loading on the other (the store's file
// locks order the two, as they do between two CLI processes).
//
// Refreshes and layer file listings carry a generation id: only the answer to the latest request
// is delivered, so a slow old answer never overwrites a newer one.
#include "bridge/bridge_types.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

namespace berth::ui {

class EngineWorker;

class EngineBridge : public QObject {
    Q_OBJECT
public:
    // root: the store directory; empty means the engine's default (/var/lib/berth as root).
    explicit EngineBridge(const QString& root, QObject* parent = nullptr);
    // Cancels a running pull and waits for the workers to finish their current call.
    ~EngineBridge() override;

    QString root() const { return m_root; }
    bool isPulling() const { return m_pulling; }

    void open();
    quint64 refresh();
    void pull(const QString& reference);
    void cancelPull();
    void removeImage(const QString& reference, bool force);
    void prune(bool all);
    void save(const QStringList& references, const QString& path);
    void load(const QString& path);
    // chainIds: the selected layer's stack, bottom first; the last one is classified.
    quint64 listLayerFiles(const QStringList& chainIds);

signals:
    void opened(const berth::ui::EngineSummary& summary);
    void snapshotReady(const berth::ui::StoreSnapshot& snapshot);
    void pullProgress(const berth::ui::PullEvent& event);
    void pullFinished(const QString& reference, const QString& imageId, bool upToDate);
    void pullFailed(const QString& message);
    void removed(const QStringList& untagged, const QStringList& deleted);
    void pruned(const QStringList& deleted, quint64 reclaimedBytes);
    void saved(const QString& path);
    void loaded(const QString& path, const QStringList& names);
    void layerFilesReady(const QString& chainId, const QList<berth::ui::LayerFileEntry>& files);
    // Any job but a pull failed; the message is the engine's, context first.
    void failed(const QString& message);

    // Worker → bridge, before the generation check (internal).
    void snapshotRead(const berth::ui::StoreSnapshot& snapshot, QPrivateSignal);
    void layerFilesRead(quint64 generation, const QString& chainId,
                        const QList<berth::ui::LayerFileEntry>& files, QPrivateSignal);

private:
    template <class Fn> void post(EngineWorker* worker, Fn fn);
    void startThread(QThread* thread, EngineWorker* worker);

    QString m_root;
    QThread* m_thread = nullptr;
    QThread* m_pullThread = nullptr;
    EngineWorker* m_worker = nullptr;
    EngineWorker* m_pullWorker = nullptr;
    quint64 m_refreshGeneration = 0;
    quint64 m_filesGeneration = 0;
    bool m_pulling = false;
    std::shared_ptr<std::atomic<bool>> m_pullCancel;
};

} // namespace berth::ui
