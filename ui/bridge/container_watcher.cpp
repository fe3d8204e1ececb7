#include "bridge/container_watcher.h"

#include "bridge/run_options.h"

#include <QFileSystemWatcher>
#include <QTimer>

#include <cerrno>
#include <csignal>

namespace berth::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// A burst of notifications (a state file written atomically: create, then rename; a script creating
// many containers) is one read, still well inside the second the issue allows.
constexpr int kSettleMs = 100;

ContainerInfo toInfo(const runtime::Container& c) {
    ContainerInfo i;
    i.id = qs(c.config.id);
    i.name = qs(c.config.name);
    i.image = qs(c.config.image);
    i.imageId = qs(c.config.imageId);
    QStringList args;
    for (const auto& a : c.config.process.args) args << qs(a);
    i.command = args.join(QLatin1Char(' '));
    i.state = QString::fromLatin1(runtime::statusName(c.state.status));
    i.exitCode = c.state.exitCode;
    i.oomKilled = c.state.oomKilled;
    i.created = qs(c.config.created);
    i.startedAt = qs(c.state.startedAt);
    i.finishedAt = qs(c.state.finishedAt);
    i.ports = toPortMappings(c.config.ports);
    return i;
}

ContainerEvent toEvent(const runtime::Event& e) {
    ContainerEvent out;
    out.action = qs(e.action);
    out.id = qs(e.id);
    if (auto n = e.attributes.find("name"); n != e.attributes.end()) out.name = qs(n->second);
    if (auto x = e.attributes.find("exitCode"); x != e.attributes.end()) out.exitCode = qs(x->second).toInt();
    if (auto i = e.attributes.find("image"); i != e.attributes.end()) out.image = qs(i->second);
    if (auto g = e.attributes.find("signal"); g != e.attributes.end()) out.signal = qs(g->second);
    if (auto c = e.attributes.find("container"); c != e.attributes.end()) out.container = qs(c->second);
    out.type = qs(e.type);
    out.timeNano = e.timeNano;
    return out;
}

} // namespace

void ContainerWatcher::startWatching(int sampleMs) {
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &ContainerWatcher::tick);
        m_settle = new QTimer(this);
        m_settle->setSingleShot(true);
        m_settle->setInterval(kSettleMs);
        connect(m_settle, &QTimer::timeout, this, &ContainerWatcher::settle);
        m_files = new QFileSystemWatcher(this);
        connect(m_files, &QFileSystemWatcher::fileChanged, this, [this](const QString& path) {
            schedule(path.endsWith(QLatin1String("-json.log")) ? LogPending : EventsPending);
        });
        connect(m_files, &QFileSystemWatcher::directoryChanged, this, [this] { schedule(ListPending); });
    }
    m_timer->start(sampleMs);
    poll();
}

void ContainerWatcher::stopWatching() {
    delete m_timer;
    m_timer = nullptr;
    delete m_settle;
    m_settle = nullptr;
    delete m_files;
    m_files = nullptr;
}

engine::Engine* ContainerWatcher::engineOrReport() {
    auto engine = m_worker.engine();
    if (!engine) {
        const QString message = qs(engine.error().message);
        if (message != m_lastError) emit failed(message); // once, not every second
        m_lastError = message;
        return nullptr;
    }
    m_lastError.clear();
    return *engine;
}

void ContainerWatcher::poll() {
    engine::Engine* e = engineOrReport();
    if (!e) return;
    readEvents(*e);
    list(*e);
    readLog(*e);
}

void ContainerWatcher::schedule(int pending) {
    m_pending |= pending;
    if (m_settle && !m_settle->isActive()) m_settle->start();
}

void ContainerWatcher::settle() {
    const int pending = std::exchange(m_pending, 0);
    engine::Engine* e = engineOrReport();
    if (!e) return;
    bool relist = (pending & ListPending) != 0;
    if (pending & EventsPending) relist |= readEvents(*e);
    if (relist) list(*e);
    if (pending & (LogPending | ListPending))
        readLog(*e); // a new log file appears in the container's directory
}

void ContainerWatcher::tick() {
    engine::Engine* e = engineOrReport();
    if (!e) return;
    // Fallbacks for what inotify cannot tell: a shim killed outright (listing reconciles its
    // state), and a notification lost (a watch limit reached): two stat() calls.
    std::error_code ec;
    const auto eventsSize = std::filesystem::file_size(e->events().file(), ec);
    if (!ec && eventsSize < m_eventOffset) { // a new log: its history is not news
        m_eventOffset = 0;
        m_eventsPrimed = false;
    }
    if ((!ec && eventsSize != m_eventOffset && readEvents(*e)) || !shimsAlive()) list(*e);
    if (!m_logId.isEmpty()) {
        const auto logSize = std::filesystem::file_size(e->containers().logPath(m_logId.toStdString()), ec);
        if (!ec && logSize != m_logOffset) readLog(*e);
    }
    sample();
}

bool ContainerWatcher::readEvents(engine::Engine& e) {
    std::uint64_t next = m_eventOffset;
    auto events = e.events().read(m_eventOffset, &next);
    if (!events) return false;
    m_eventOffset = next;
    bool containers = false;
    QList<ContainerEvent> out;
    for (const auto& ev : *events) {
        containers |= ev.type == "container";
        out << toEvent(ev); // consumers pick by type
    }
    // The first read skips history: the lifecycle view animates what happens from now on.
    if (m_eventsPrimed && !out.isEmpty()) emit eventsRead(out);
    m_eventsPrimed = true;
    return containers;
}

void ContainerWatcher::list(engine::Engine& e) {
    auto containers = e.listContainers();
    if (!containers) return emit failed(qs(containers.error().message));
    QList<ContainerInfo> out;
    std::map<QString, runtime::ContainerState> live;
    for (const auto& c : *containers) {
        out << toInfo(c);
        if (c.state.isRunning() || c.state.status == runtime::ContainerStatus::Restarting)
            live.emplace(out.back().id, c.state);
    }
    QSet<QString> started; // shows its memory at once, not on the next tick
    for (const auto& [id, state] : live)
        if (auto was = m_live.find(id); was == m_live.end() || was->second.pid != state.pid)
            started.insert(id);
    m_live = std::move(live);
    watchStore(e);
    if (m_listed && out == m_last) return; // a notification for nothing a view shows (a lock file)
    m_listed = true;
    m_last = out;
    emit containersRead(out);
    if (!started.isEmpty()) sample(started);
}

void ContainerWatcher::watchStore(engine::Engine& e) {
    if (!m_files) return;
    namespace fs = std::filesystem;
    const fs::path dir = e.containers().root() / "containers";
    // The root, for an events log or containers directory that does not exist yet.
    QStringList wanted{QString::fromStdString(e.containers().root().string()),
                       QString::fromStdString(dir.string())};
    if (fs::exists(e.events().file())) wanted << QString::fromStdString(e.events().file().string());
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_directory(ec)) wanted << QString::fromStdString(entry.path().string());
    if (!m_logId.isEmpty()) {
        const fs::path log = e.containers().logPath(m_logId.toStdString());
        if (fs::exists(log, ec)) wanted << QString::fromStdString(log.string());
    }
    const QStringList watched = m_files->files() + m_files->directories();
    const QSet<QString> want(wanted.begin(), wanted.end()), have(watched.begin(), watched.end());
    if (const QSet<QString> gone = have - want; !gone.isEmpty()) m_files->removePaths(gone.values());
    if (const QSet<QString> added = want - have; !added.isEmpty()) m_files->addPaths(added.values());
}

bool ContainerWatcher::shimsAlive() const {
    for (const auto& [id, state] : m_live)
        if (state.shimPid > 0 && ::kill(state.shimPid, 0) != 0 && errno == ESRCH) return false;
    return true;
}

void ContainerWatcher::setSampled(const QString& client, const QStringList& ids) {
    const QSet<QString> before = m_wanted;
    m_clients[client] = QSet<QString>(ids.begin(), ids.end());
    m_wanted.clear();
    for (const auto& [name, set] : m_clients)
        m_wanted.unite(set);
    if (std::exchange(m_sampleAll, false)) return sample(); // from every container to these
    // Rows scrolled into view show their memory now rather than on the next tick.
    if (const QSet<QString> added = m_wanted - before; !added.isEmpty()) sample(added);
}

void ContainerWatcher::sample(const std::optional<QSet<QString>>& only) {
    std::map<QString, runtime::ContainerState> read;
    for (const auto& [id, state] : m_live)
        if (m_sampleAll || m_wanted.contains(id)) read.emplace(id, state);
    UsageById usage;
    if (only) { // a few more: the others still wanted keep their last reading
        for (auto it = m_usage.cbegin(); it != m_usage.cend(); ++it)
            if (read.contains(it.key())) usage.insert(it.key(), it.value());
        std::erase_if(read, [&only](const auto& entry) { return !only->contains(entry.first); });
        if (read.empty()) return;
        usage.insert(m_sampler.sample(read));
    } else {
        m_sampler.keepOnly(read); // scrolled out of view: a fresh CPU reading when back
        usage = m_sampler.sample(read);
    }
    if (usage.isEmpty() && m_usage.isEmpty()) return;
    m_usage = usage;
    emit usageRead(usage);
}

void ContainerWatcher::follow(const QString& id) {
    m_logId = id;
    m_logOffset = 0;
    emit logRead(id, QString(), true);
    if (engine::Engine* e = engineOrReport(); e && !id.isEmpty()) {
        readLog(*e);
        watchStore(*e);
    }
}

void ContainerWatcher::readLog(engine::Engine& e) {
    if (m_logId.isEmpty()) return;
    const auto path = e.containers().logPath(m_logId.toStdString());
    std::error_code ec;
    if (const auto size = std::filesystem::file_size(path, ec); !ec && size < m_logOffset)
        m_logOffset = 0; // rotated (--log-opt max-size): the new file from its start
    // A long log goes out in batches of about a megabyte, so the GUI adds one batch per event and
    // stays responsive while a million-line log arrives.
    constexpr qsizetype kBatchChars = 1 << 20;
    QString text;
    auto next = runtime::readJsonLog(path, m_logOffset, [this, &text](const runtime::LogEntry& entry) {
        text += qs(entry.text);
        if (text.size() < kBatchChars || !text.endsWith(QLatin1Char('\n'))) return;
        emit logRead(m_logId, text, false);
        text.clear();
    });
    if (!next) return; // no log yet (created, never started)
    m_logOffset = *next;
    if (!text.isEmpty()) emit logRead(m_logId, text, false);
}

} // namespace berth::ui
