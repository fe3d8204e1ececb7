#include "bridge/network_bridge.h"

#include "bridge/engine_worker.h"
#include "bridge/network_reader.h"

#include <QThread>
#include <QTimer>

#include <algorithm>

namespace berth::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

std::vector<std::string> toStd(const QStringList& list) {
    std::vector<std::string> out;
    for (const auto& s : list)
        out.push_back(s.toStdString());
    return out;
}

} // namespace

NetworkBridge::NetworkBridge(const QString& root, QObject* parent)
    : QObject(parent), m_thread(new QThread(this)), m_timer(new QTimer(this)),
      m_pollPending(std::make_shared<std::atomic<bool>>(false)) {
    qRegisterMetaType<NetworkInfo>();
    qRegisterMetaType<QList<NetworkInfo>>();
    qRegisterMetaType<NetworkRequest>();
    std::filesystem::path p =
        root.isEmpty() ? engine::Engine::defaultRoot() : std::filesystem::path(root.toStdString());
    m_root = p.string();
    m_worker = new EngineWorker(p);
    m_worker->moveToThread(m_thread);
    m_thread->start();
    connect(m_timer, &QTimer::timeout, this, [this] { poll(false); });
    // Anything this app changed is listed at once rather than on the next tick.
    connect(this, &NetworkBridge::removed, this, &NetworkBridge::refresh);
    connect(this, &NetworkBridge::created, this, &NetworkBridge::refresh);
    connect(this, &NetworkBridge::connected, this, &NetworkBridge::refresh);
    connect(this, &NetworkBridge::disconnected, this, &NetworkBridge::refresh);
}

NetworkBridge::~NetworkBridge() {
    m_timer->stop();
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

template <class Fn> void NetworkBridge::post(Fn fn) {
    QMetaObject::invokeMethod(
        m_worker,
        [this, fn = std::move(fn)]() mutable {
            auto engine = m_worker->engine();
            if (!engine) return emit failed(qs(engine.error().message));
            fn(**engine);
        },
        Qt::QueuedConnection);
}

void NetworkBridge::startWatching(int intervalMs) {
    m_intervalMs = intervalMs;
    if (m_polling) m_timer->start(intervalMs);
    refresh();
}

void NetworkBridge::setPolling(bool on) {
    if (on == m_polling) return;
    m_polling = on;
    if (!on) return m_timer->stop();
    m_timer->start(m_intervalMs);
    refresh();
}

void NetworkBridge::refresh() {
    poll(true);
}

void NetworkBridge::poll(bool force) {
    // A tick while a listing is still queued adds nothing; a forced refresh always goes.
    if (!force && m_pollPending->exchange(true)) return;
    post([this, force, pending = m_pollPending](engine::Engine& e) {
        pending->store(false);
        std::string signature = networkRecordsSignature(m_root);
        if (!force && signature == m_signature) return;
        m_signature = std::move(signature);
        auto networks = readNetworks(e);
        if (!networks) return emit failed(qs(networks.error().message));
        emit networksChanged(*networks);
    });
}

bool NetworkBridge::changesNetworks(const ContainerEvent& event) {
    if (event.type == QLatin1String("network")) return true;
    return event.type == QLatin1String("container") &&
           (event.action == QLatin1String("start") || event.action == QLatin1String("die") ||
            event.action == QLatin1String("destroy"));
}

void NetworkBridge::followEvents(const QList<ContainerEvent>& events) {
    if (std::any_of(events.begin(), events.end(), &NetworkBridge::changesNetworks)) refresh();
}

void NetworkBridge::create(const NetworkRequest& request) {
    post([this, request](engine::Engine& e) {
        network::NetworkCreateRequest r;
        r.name = request.name.trimmed().toStdString();
        r.subnet = request.subnet.trimmed().toStdString();
        r.gateway = request.gateway.trimmed().toStdString();
        for (auto it = request.labels.cbegin(); it != request.labels.cend(); ++it)
            r.labels[it.key().toStdString()] = it.value().toStdString();
        auto def = e.createNetwork(r);
        if (!def) return emit failed(qs(def.error().message));
        emit created(qs(def->name), qs(def->id));
    });
}

void NetworkBridge::remove(const QString& nameOrId) {
    post([this, nameOrId](engine::Engine& e) {
        auto status = e.removeNetwork(nameOrId.toStdString());
        if (!status) return emit failed(qs(status.error().message));
        emit removed(nameOrId);
    });
}

void NetworkBridge::connectContainer(const QString& network, const QString& container,
                                     const QStringList& aliases) {
    post([this, network, container, aliases](engine::Engine& e) {
        auto status = e.connectNetwork(network.toStdString(), container.toStdString(), toStd(aliases));
        if (!status) return emit failed(qs(status.error().message));
        emit connected(network, container);
    });
}

void NetworkBridge::disconnectContainer(const QString& network, const QString& container) {
    post([this, network, container](engine::Engine& e) {
        auto status = e.disconnectNetwork(network.toStdString(), container.toStdString(), false);
        if (!status) return emit failed(qs(status.error().message));
        emit disconnected(network, container);
    });
}

} // namespace berth::ui
