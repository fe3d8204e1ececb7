#include "bridge/details_bridge.h"

#include "bridge/details_readers.h"
#include "bridge/engine_worker.h"

#include <QThread>

namespace berth::ui {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
} // namespace

DetailsBridge::DetailsBridge(const QString& root, QObject* parent) : QObject(parent), m_thread(new QThread(this)) {
    qRegisterMetaType<QList<ProcessInfo>>();
    qRegisterMetaType<QList<UpperChange>>();
    qRegisterMetaType<RunningStack>();
    qRegisterMetaType<IsolationInfo>();
    m_worker = new EngineWorker(root.isEmpty() ? engine::Engine::defaultRoot() : std::filesystem::path(root.toStdString()));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

DetailsBridge::~DetailsBridge() {
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

template <class Fn> void DetailsBridge::post(const QString& id, Fn fn) {
    QMetaObject::invokeMethod(
        m_worker,
        [this, id, fn = std::move(fn)]() mutable {
            auto engine = m_worker->engine();
            if (!engine) return emit failed(id, qs(engine.error().message));
            fn(**engine);
        },
        Qt::QueuedConnection);
}

void DetailsBridge::requestInspect(const QString& id) {
    post(id, [this, id](engine::Engine& e) {
        auto c = e.inspectContainer(id.toStdString());
        if (!c) return emit failed(id, qs(c.error().message));
        auto endpoints = e.containerEndpoints(id.toStdString()); // none (an error) reads as no networks
        emit inspected(id,
                       inspectObject(*c, endpoints ? *endpoints : std::vector<engine::ContainerEndpoint>{}));
    });
}

void DetailsBridge::requestProcesses(const QString& id) {
    post(id, [this, id](engine::Engine& e) {
        auto rows = e.containerProcesses(id.toStdString());
        if (!rows) return emit failed(id, qs(rows.error().message));
        QList<ProcessInfo> out;
        for (const auto& r : *rows) out << ProcessInfo{r.pid, r.ppid, r.uid, qs(r.state), qs(r.command)};
        emit processesRead(id, out);
    });
}

void DetailsBridge::requestChanges(const QString& id) {
    post(id, [this, id](engine::Engine& e) {
        auto rows = e.containerChanges(id.toStdString());
        if (!rows) return emit failed(id, qs(rows.error().message));
        QList<UpperChange> out;
        for (const auto& r : *rows) {
            UpperChange c;
            c.kind = QLatin1Char(r.kind);
            c.path = qs(r.path);
            out << c;
        }
        emit changesRead(id, out);
    });
}

void DetailsBridge::requestStack(const QString& id) {
    post(id, [this, id](engine::Engine& e) { emit stackRead(readRunningStack(e, id, m_sizeCache)); });
}

void DetailsBridge::requestIsolation(const QString& id) {
    post(id, [this, id](engine::Engine& e) { emit isolationRead(readIsolation(e, id)); });
}

} // namespace berth::ui
