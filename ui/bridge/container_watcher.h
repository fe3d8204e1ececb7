#pragma once
// Lives on the container bridge's watch thread with its own Engine. It does nothing while nothing
// changes: inotify (QFileSystemWatcher) on the events log, the containers directory and each
// container's directory says when the CLI, a shim or this app changed something, and only then
// are the new events read and the containers listed again (within ~100 ms, well inside the issue's
// one second). Every second it samples the cgroups of the containers some view asked for
// (setSampled: the rows in the table's viewport and the selected one), checks that the running
// containers' shims are alive (a killed shim writes nothing; listing reconciles it), and stats
// the events log and the followed log as a fallback for a missed notification. It also follows
// one container's json log. It only reads: verbs run on the bridge's action thread.
#include "bridge/container_types.h"
#include "bridge/engine_worker.h"
#include "bridge/usage_sampler.h"

#include <QObject>
#include <QSet>

#include <map>
#include <optional>

class QFileSystemWatcher;
class QTimer;

namespace berth::ui {

class ContainerWatcher : public QObject {
    Q_OBJECT
public:
    explicit ContainerWatcher(std::filesystem::path root) : m_worker(std::move(root)) {}

    // Called on the watch thread (queued): watches the store, starts sampling every sampleMs and
    // lists at once.
    void startWatching(int sampleMs);
    // Called on the watch thread: follow this container's log from the start ("" stops).
    void follow(const QString& id);
    // Called on the watch thread as it finishes: deletes the timers and the file watcher where
    // they were created.
    void stopWatching();
    // Called on the watch thread: list now (after a verb, without waiting for the notification).
    void poll();
    // Called on the watch thread: the containers client wants sampled; the union over clients is
    // sampled. Until the first call every running container is (a bridge without views).
    void setSampled(const QString& client, const QStringList& ids);

signals:
    void containersRead(const QList<berth::ui::ContainerInfo>& containers);
    void usageRead(const berth::ui::UsageById& usage);
    void eventsRead(const QList<berth::ui::ContainerEvent>& events);
    void logRead(const QString& id, const QString& text, bool reset);
    void failed(const QString& message);

private:
    enum Pending { ListPending = 1, LogPending = 2, EventsPending = 4 };
    void schedule(int pending);
    void settle();
    void tick();
    bool readEvents(engine::Engine& e);
    void list(engine::Engine& e);
    void watchStore(engine::Engine& e);
    void sample(const std::optional<QSet<QString>>& only = std::nullopt);
    void readLog(engine::Engine& e);
    bool shimsAlive() const;
    engine::Engine* engineOrReport();

    EngineWorker m_worker;
    QFileSystemWatcher* m_files = nullptr;
    QTimer* m_settle = nullptr; // coalesces a burst of notifications into one read
    QTimer* m_timer = nullptr;  // sampling and the fallback checks
    int m_pending = 0;
    std::uint64_t m_eventOffset = 0;
    bool m_eventsPrimed = false;
    QList<ContainerInfo> m_last;
    bool m_listed = false;
    std::map<QString, runtime::ContainerState> m_live; // running, paused or restarting, by id
    std::map<QString, QSet<QString>> m_clients;        // setSampled, by client
    QSet<QString> m_wanted;                            // their union
    bool m_sampleAll = true;                           // no client has asked yet
    UsageSampler m_sampler;
    UsageById m_usage; // as last sent
    QString m_logId;
    std::uint64_t m_logOffset = 0;
    QString m_lastError;
};

} // namespace berth::ui
