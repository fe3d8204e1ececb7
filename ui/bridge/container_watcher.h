#pragma once
// Lives on the container bridge's watch thread with its own Engine. Every 500 ms it reads the
// engine's event log from where it left off; when anything happened (this app, the CLI or a shim
// wrote an event) it lists the containers again. Every second it samples the running containers'
// cgroups (CPU % needs two readings) and relists so the STATUS text ages. It also follows one
// container's json log. It only reads: verbs run on the bridge's action thread.
#include "bridge/container_types.h"
#include "bridge/engine_worker.h"
#include "metrics/usage_calculator.h"

#include <QObject>

#include <map>

class QTimer;

namespace berth::ui {

class ContainerWatcher : public QObject {
    Q_OBJECT
public:
    explicit ContainerWatcher(std::filesystem::path root) : m_worker(std::move(root)) {}

    // Called on the watch thread (queued): starts the timer and lists at once.
    void startWatching(int intervalMs);
    // Called on the watch thread: follow this container's log from the start ("" stops).
    void follow(const QString& id);
    // Called on the watch thread as it finishes: deletes the timer where it was created.
    void stopWatching();
    // Called on the watch thread: list now (after a verb, without waiting for the tick).
    void poll();

signals:
    void containersRead(const QList<berth::ui::ContainerInfo>& containers);
    void usageRead(const berth::ui::UsageById& usage);
    void eventsRead(const QList<berth::ui::ContainerEvent>& events);
    void logRead(const QString& id, const QString& text, bool reset);
    void failed(const QString& message);

private:
    void tick();
    void list(engine::Engine& e);
    void sample(engine::Engine& e);
    void readLog(engine::Engine& e);

    EngineWorker m_worker;
    QTimer* m_timer = nullptr;
    std::uint64_t m_eventOffset = 0;
    bool m_eventsPrimed = false;
    int m_ticks = 0;
    QList<ContainerInfo> m_last;
    std::map<std::string, metrics::UsageCalculator> m_cpu;
    QString m_logId;
    std::uint64_t m_logOffset = 0;
    QString m_lastError;
};

} // namespace berth::ui
