#pragma once
// NetworkBridge: the Networks page's door to the engine. One worker thread with its own Engine on
// the store root; every call returns at once and its answer arrives as a queued signal on the GUI
// thread. It lists the networks again when the engine's events say something changed (a network
// event, or a container starting, dying or going), and, while watching, looks once a second at
// what the network and container records on disk look like (names, sizes, modification times: no
// parsing), so a `berth network create` typed in a terminal shows up within a second either way.
#include "bridge/container_types.h"
#include "bridge/network_types.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;
class QTimer;

namespace berth::ui {

class EngineWorker;

class NetworkBridge : public QObject {
    Q_OBJECT
public:
    // root: the store directory; empty means the engine's default.
    explicit NetworkBridge(const QString& root, QObject* parent = nullptr);
    // Waits for the worker to finish its current call.
    ~NetworkBridge() override;

    // Lists now, then again on every event that changes networks (followEvents) and, while
    // polling is on, whenever the records change (checked every intervalMs).
    void startWatching(int intervalMs = 1000);
    // The check every intervalMs is a safety net for changes that wrote no event: the main window
    // runs it only while the Networks page shows. Turning it on lists at once.
    void setPolling(bool on);
    // Lists now, whatever the records look like.
    void refresh();
    void create(const NetworkRequest& request);
    void remove(const QString& nameOrId);
    void connectContainer(const QString& network, const QString& container, const QStringList& aliases);
    void disconnectContainer(const QString& network, const QString& container);
    // Lists again when one of the events changes what the page shows (ContainerBridge::eventsArrived).
    void followEvents(const QList<berth::ui::ContainerEvent>& events);
    // Whether an event changes a network or who is on it, with which address.
    static bool changesNetworks(const ContainerEvent& event);

signals:
    void networksChanged(const QList<berth::ui::NetworkInfo>& networks);
    // What the CLI prints: the new network's id; the removed network's name.
    void created(const QString& name, const QString& id);
    void removed(const QString& name);
    void connected(const QString& network, const QString& container);
    void disconnected(const QString& network, const QString& container);
    // The engine's message, one line naming the object ("network web has active endpoints (db)").
    void failed(const QString& message);

private:
    template <class Fn> void post(Fn fn);
    void poll(bool force);

    QThread* m_thread = nullptr;
    EngineWorker* m_worker = nullptr;
    QTimer* m_timer = nullptr;
    int m_intervalMs = 1000;
    bool m_polling = true;
    std::string m_root;
    std::string m_signature;                          // worker thread only
    std::shared_ptr<std::atomic<bool>> m_pollPending; // a poll is queued or running: skip the tick
};

} // namespace berth::ui
