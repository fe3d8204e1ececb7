#pragma once
// NetworkBridge: the Networks page's door to the engine. One worker thread with its own Engine on
// the store root; every call returns at once and its answer arrives as a queued signal on the GUI
// thread. While watching, it looks once a second at what the network and container records on
// disk look like (names, sizes, modification times: no parsing) and lists the networks again only
// when that changed, so a `berth network create` typed in a terminal shows up within a second.
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

    // Lists now, then again whenever the records change (checked every intervalMs).
    void startWatching(int intervalMs = 1000);
    // Lists now, whatever the records look like.
    void refresh();
    void create(const NetworkRequest& request);
    void remove(const QString& nameOrId);
    void connectContainer(const QString& network, const QString& container, const QStringList& aliases);
    void disconnectContainer(const QString& network, const QString& container);

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
    std::string m_root;
    std::string m_signature;                          // worker thread only
    std::shared_ptr<std::atomic<bool>> m_pollPending; // a poll is queued or running: skip the tick
};

} // namespace berth::ui
