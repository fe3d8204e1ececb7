#include "bridge/container_bridge.h"

#include "bridge/container_recreate.h"
#include "bridge/container_watcher.h"
#include "bridge/engine_worker.h"
#include "bridge/run_options.h"

#include <QSet>
#include <QThread>

#include <csignal>

namespace berth::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// A start that ran the shim but not the program (exit 125/126/127) is a failure too.
Status started(const Result<runtime::StartReport>& report) {
    if (!report) return std::unexpected(report.error());
    if (!report->ok) return std::unexpected(Error{ErrorCode::Internal, report->message.empty() ? std::string("start failed") : report->message, 0});
    return {};
}

Status apply(engine::Engine& e, ContainerBridge::Verb verb, const std::string& id) {
    using V = ContainerBridge::Verb;
    switch (verb) {
    case V::Start: return started(e.startContainer(id));
    case V::Stop: return e.stopContainer(id);
    case V::Restart: {
        auto state = e.inspectContainer(id);
        if (state && state->state.canStop())
            if (auto s = e.stopContainer(id); !s) return s;
        return started(e.startContainer(id));
    }
    case V::Pause: return e.pauseContainer(id);
    case V::Unpause: return e.unpauseContainer(id);
    case V::Kill: return e.killContainer(id, SIGKILL);
    case V::Remove: return e.removeContainer(id, true);
    }
    return {};
}

} // namespace

ContainerBridge::ContainerBridge(const QString& root, QObject* parent)
    : QObject(parent), m_root(root), m_watchThread(new QThread(this)), m_actionThread(new QThread(this)) {
    qRegisterMetaType<ContainerInfo>();
    qRegisterMetaType<QList<ContainerInfo>>();
    qRegisterMetaType<UsageById>();
    qRegisterMetaType<QList<ContainerEvent>>();
    qRegisterMetaType<Verb>();
    qRegisterMetaType<RunRequest>();
    qRegisterMetaType<QList<PortMapping>>();
    std::filesystem::path p = root.isEmpty() ? engine::Engine::defaultRoot() : std::filesystem::path(root.toStdString());
    m_watcher = new ContainerWatcher(p);
    m_worker = new EngineWorker(p);
    m_watcher->moveToThread(m_watchThread);
    m_worker->moveToThread(m_actionThread);
    connect(m_watcher, &ContainerWatcher::containersRead, this, &ContainerBridge::containersChanged);
    connect(m_watcher, &ContainerWatcher::usageRead, this, &ContainerBridge::usageSampled);
    connect(m_watcher, &ContainerWatcher::eventsRead, this, &ContainerBridge::eventsArrived);
    connect(m_watcher, &ContainerWatcher::logRead, this, &ContainerBridge::logAppended);
    connect(m_watcher, &ContainerWatcher::failed, this, &ContainerBridge::failed);
    connect(m_watchThread, &QThread::finished, m_watcher, [w = m_watcher] { w->stopWatching(); }, Qt::DirectConnection);
    // Named for top -H and tests/bench/app_bench.sh's per-thread CPU.
    m_watchThread->setObjectName(QStringLiteral("berth-watch"));
    m_actionThread->setObjectName(QStringLiteral("berth-actions"));
    m_watchThread->start();
    m_actionThread->start();
}

ContainerBridge::~ContainerBridge() {
    for (QThread* t : {m_watchThread, m_actionThread}) {
        t->quit();
        t->wait();
    }
    delete m_watcher; // its timer is its child: deleted with it, after the thread stopped
    delete m_worker;
}

void ContainerBridge::startWatching(int sampleMs) {
    QMetaObject::invokeMethod(
        m_watcher, [w = m_watcher, sampleMs] { w->startWatching(sampleMs); }, Qt::QueuedConnection);
}

void ContainerBridge::setSampledIds(const QString& client, const QStringList& ids) {
    if (m_sampled.contains(client) && m_sampled.value(client) == ids) return;
    m_sampled.insert(client, ids);
    QMetaObject::invokeMethod(
        m_watcher, [w = m_watcher, client, ids] { w->setSampled(client, ids); }, Qt::QueuedConnection);
}

QStringList ContainerBridge::sampledIds() const {
    QSet<QString> all;
    for (const QStringList& ids : m_sampled)
        all.unite(QSet<QString>(ids.begin(), ids.end()));
    QStringList out = all.values();
    out.sort();
    return out;
}

void ContainerBridge::followLog(const QString& id) {
    QMetaObject::invokeMethod(m_watcher, [w = m_watcher, id] { w->follow(id); }, Qt::QueuedConnection);
}

template <class Fn> void ContainerBridge::post(Fn fn) {
    QMetaObject::invokeMethod(
        m_worker,
        [this, fn = std::move(fn)]() mutable {
            auto engine = m_worker->engine();
            if (!engine) return emit failed(qs(engine.error().message));
            fn(**engine);
            // Show the result now rather than on the next tick.
            QMetaObject::invokeMethod(m_watcher, [w = m_watcher] { w->poll(); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ContainerBridge::act(Verb verb, const QStringList& idsOrNames) {
    post([this, verb, idsOrNames](engine::Engine& e) {
        for (const auto& target : idsOrNames) {
            auto status = apply(e, verb, target.toStdString());
            if (!status) emit failed(qs(status.error().message));
            else emit acted(verb, target);
        }
    });
}

void ContainerBridge::run(const RunRequest& request) {
    post([this, request](engine::Engine& e) {
        // A run: a host port a running container holds is refused before anything is created.
        const auto runOptions = [](const RunRequest& r) {
            auto o = toCreateOptions(r);
            o.startsNow = true;
            return o;
        };
        auto config = e.createContainer(runOptions(request));
        if (!config && request.anyPortIfTaken && isPortTaken(qs(config.error().message))) {
            const RunRequest retry = withAnyHostPort(request);
            emit retrying(retry, qs(config.error().message));
            config = e.createContainer(runOptions(retry));
        }
        if (!config) return emit failed(qs(config.error().message));
        if (auto s = started(e.startContainer(config->id)); !s) return emit failed(qs(s.error().message));
        emit ran(qs(config->id));
        if (!config->ports.empty()) emit published(qs(config->id), qs(config->name), toPortMappings(config->ports));
    });
}

void ContainerBridge::loadEditRequest(const QString& idOrName) {
    post([this, idOrName](engine::Engine& e) {
        auto c = e.inspectContainer(idOrName.toStdString());
        if (!c) return emit failed(qs(c.error().message));
        auto image = e.inspectImage(c->config.imageId);
        QStringList networks;
        for (const auto& n : e.listNetworks().value_or(std::vector<network::NetworkDef>{})) networks << qs(n.name);
        emit editRequestReady(qs(c->config.id), requestFromConfig(c->config, image ? &image->config : nullptr), networks);
    });
}

void ContainerBridge::recreate(const QString& idOrName, const RunRequest& request) {
    post([this, idOrName, request](engine::Engine& e) {
        auto id = recreateContainer(e, idOrName.toStdString(), request, [this](const QStringList& args) { emit recreateStep(args); });
        if (!id) return emit failed(qs(id.error().message));
        emit recreated(qs(*id), request.name.isEmpty() ? idOrName : request.name);
    });
}

QString ContainerBridge::verbWord(Verb verb) {
    switch (verb) {
    case Verb::Start: return QStringLiteral("start");
    case Verb::Stop: return QStringLiteral("stop");
    case Verb::Restart: return QStringLiteral("restart");
    case Verb::Pause: return QStringLiteral("pause");
    case Verb::Unpause: return QStringLiteral("unpause");
    case Verb::Kill: return QStringLiteral("kill");
    case Verb::Remove: return QStringLiteral("rm");
    }
    return {};
}

} // namespace berth::ui
