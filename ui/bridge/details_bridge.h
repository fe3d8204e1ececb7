#pragma once
// DetailsBridge: reads one container's insides for the detail tabs and the Learn views (inspect,
// processes, changes, overlay stack, namespaces) on its own worker thread with its own Engine, so
// a slow read never holds up the list or the verbs. Every call returns at once; answers arrive as
// queued signals on the GUI thread, tagged with the id asked about so views drop stale ones.
#include "bridge/details_types.h"

#include <QJsonObject>
#include <QObject>

class QThread;

namespace berth::ui {

class EngineWorker;

class DetailsBridge : public QObject {
    Q_OBJECT
public:
    explicit DetailsBridge(const QString& root, QObject* parent = nullptr);
    ~DetailsBridge() override; // waits for the current read

    void requestInspect(const QString& id);
    void requestProcesses(const QString& id);
    void requestChanges(const QString& id);
    void requestStack(const QString& id);
    void requestIsolation(const QString& id);

signals:
    void inspected(const QString& id, const QJsonObject& object);
    void processesRead(const QString& id, const QList<berth::ui::ProcessInfo>& processes);
    // 'A'/'C'/'D' rows as `berth diff` prints them.
    void changesRead(const QString& id, const QList<berth::ui::UpperChange>& changes);
    void stackRead(const berth::ui::RunningStack& stack);
    void isolationRead(const berth::ui::IsolationInfo& info);
    void failed(const QString& id, const QString& message);

private:
    template <class Fn> void post(const QString& id, Fn fn);

    QThread* m_thread = nullptr;
    EngineWorker* m_worker = nullptr;
    QHash<QString, quint64> m_sizeCache; // touched on the worker thread only
};

} // namespace berth::ui
