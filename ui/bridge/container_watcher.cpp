#include "bridge/container_watcher.h"

#include "bridge/run_options.h"

#include <QTimer>

namespace berth::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

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
    out.type = qs(e.type);
    out.timeNano = e.timeNano;
    return out;
}

} // namespace

void ContainerWatcher::startWatching(int intervalMs) {
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &ContainerWatcher::tick);
    }
    m_timer->start(intervalMs);
    poll();
}

void ContainerWatcher::stopWatching() {
    delete m_timer;
    m_timer = nullptr;
}

void ContainerWatcher::poll() {
    auto engine = m_worker.engine();
    if (!engine) return;
    list(**engine);
}

void ContainerWatcher::follow(const QString& id) {
    m_logId = id;
    m_logOffset = 0;
    emit logRead(id, QString(), true);
    if (auto engine = m_worker.engine(); engine && !id.isEmpty()) readLog(**engine);
}

void ContainerWatcher::tick() {
    auto engine = m_worker.engine();
    if (!engine) {
        const QString message = qs(engine.error().message);
        if (message != m_lastError) emit failed(message); // once, not twice a second
        m_lastError = message;
        return;
    }
    m_lastError.clear();
    engine::Engine& e = **engine;
    std::uint64_t next = m_eventOffset;
    auto events = e.events().read(m_eventOffset, &next);
    bool changed = false;
    if (events) {
        m_eventOffset = next;
        changed = !events->empty();
        // The first read skips history: the lifecycle view animates what happens from now on.
        if (m_eventsPrimed && changed) {
            QList<ContainerEvent> out;
            for (const auto& ev : *events) out << toEvent(ev); // consumers pick by type
            if (!out.isEmpty()) emit eventsRead(out);
        }
        m_eventsPrimed = true;
    }
    const bool everySecond = (++m_ticks % 2) == 0;
    if (changed || everySecond) list(e);
    if (everySecond) sample(e);
    readLog(e);
}

void ContainerWatcher::list(engine::Engine& e) {
    auto containers = e.listContainers();
    if (!containers) return emit failed(qs(containers.error().message));
    QList<ContainerInfo> out;
    for (const auto& c : *containers) out << toInfo(c);
    m_last = out;
    emit containersRead(out);
}

void ContainerWatcher::sample(engine::Engine& e) {
    UsageById usage;
    std::map<std::string, metrics::UsageCalculator> kept;
    for (const auto& c : m_last) {
        if (c.state != QLatin1String("running")) continue;
        const std::string id = c.id.toStdString();
        auto s = e.sampleContainer(id);
        if (!s) continue;
        auto& calc = kept[id] = m_cpu[id];
        ContainerUsage u;
        u.cpuPercent = calc.addCpu(s->cpu).value_or(0.0);
        u.memoryUsage = s->cgroup.memoryUsage;
        const bool limited = s->cgroup.memoryLimit != 0 && s->cgroup.memoryLimit < s->hostMemory;
        u.memoryLimit = limited ? s->cgroup.memoryLimit : s->hostMemory;
        u.memoryLimited = limited;
        u.memoryPercent = metrics::memoryPercent(s->cgroup.memoryUsage, s->cgroup.memoryLimit, s->hostMemory);
        usage.insert(c.id, u);
    }
    m_cpu = std::move(kept); // forget stopped containers: a restart starts a fresh cgroup
    emit usageRead(usage);
}

void ContainerWatcher::readLog(engine::Engine& e) {
    if (m_logId.isEmpty()) return;
    // A long log goes out in batches of about a megabyte, so the GUI adds one batch per event and
    // stays responsive while a million-line log arrives.
    constexpr qsizetype kBatchChars = 1 << 20;
    QString text;
    auto next = runtime::readJsonLog(e.containers().logPath(m_logId.toStdString()), m_logOffset,
                                     [this, &text](const runtime::LogEntry& entry) {
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
