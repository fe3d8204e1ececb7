#pragma once
// ContainerBridge: the desktop app's door to containers. Two threads, each with its own Engine on
// the same root: the watch thread (ContainerWatcher) lists the containers when the store changes
// (inotify), samples the containers the views ask for every second and follows one log; the
// action thread runs the verbs, which may block (a stop waits up to the stop timeout) without
// holding up the list. Every call returns at once; answers arrive as queued signals on the GUI
// thread.
#include "bridge/container_types.h"

#include <QObject>

class QThread;

namespace berth::ui {

class ContainerWatcher;
class EngineWorker;

class ContainerBridge : public QObject {
    Q_OBJECT
public:
    enum class Verb { Start, Stop, Restart, Pause, Unpause, Kill, Remove };

    explicit ContainerBridge(const QString& root, QObject* parent = nullptr);
    // Waits for both threads to finish their current call (a stop may take its timeout).
    ~ContainerBridge() override;

    // Starts watching the store and sampling every sampleMs.
    void startWatching(int sampleMs = 1000);
    // Follows this container's log (empty id: none); logAppended(reset) clears first.
    void followLog(const QString& id);
    // The containers client (a view: "containers" for the table) wants live usage of; the union
    // over clients is sampled. Until the first call every running container is sampled.
    void setSampledIds(const QString& client, const QStringList& ids);
    // The union asked for, sorted (GUI thread; for tests and diagnostics).
    QStringList sampledIds() const;

    // Runs verb on each container in turn; Kill sends SIGKILL, Remove forces.
    void act(Verb verb, const QStringList& idsOrNames);
    // `berth run -d`: create, then start. With request.anyPortIfTaken a taken host port is
    // retried once with any free port (retrying() says so first).
    void run(const RunRequest& request);
    // Reads what the Run… dialog needs to edit a container: editRequestReady answers.
    void loadEditRequest(const QString& idOrName);
    // Edit and recreate (container_recreate.h): recreateStep for each CLI step as it runs, then
    // recreated, or failed (the old container kept as it was).
    void recreate(const QString& idOrName, const RunRequest& request);

    QString root() const { return m_root; } // as given: empty means the default root

    static QString verbWord(Verb verb); // the CLI's verb: "start", "stop", … "rm"

signals:
    void containersChanged(const QList<berth::ui::ContainerInfo>& containers);
    void usageSampled(const berth::ui::UsageById& usage);
    void eventsArrived(const QList<berth::ui::ContainerEvent>& events);
    void logAppended(const QString& id, const QString& text, bool reset);
    // One verb done on one container; output is what the CLI prints (the name or id).
    void acted(berth::ui::ContainerBridge::Verb verb, const QString& output);
    void ran(const QString& id);
    // After ran(), for a container with published ports: the host ports the engine chose.
    void published(const QString& id, const QString& name, const QList<berth::ui::PortMapping>& ports);
    void retrying(const berth::ui::RunRequest& request, const QString& reason);
    // networks: every network's name, for the dialog's network choice.
    void editRequestReady(const QString& id, const berth::ui::RunRequest& request, const QStringList& networks);
    void recreateStep(const QStringList& args);
    void recreated(const QString& id, const QString& name);
    void failed(const QString& message);

private:
    template <class Fn> void post(Fn fn);

    QString m_root;
    QHash<QString, QStringList> m_sampled; // by client
    QThread* m_watchThread = nullptr;
    QThread* m_actionThread = nullptr;
    ContainerWatcher* m_watcher = nullptr;
    EngineWorker* m_worker = nullptr;
};

} // namespace berth::ui

Q_DECLARE_METATYPE(berth::ui::ContainerBridge::Verb)
