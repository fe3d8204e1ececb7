#include "bridge/details_readers.h"

#include "models/upper_classifier.h"

#include <QJsonArray>

namespace berth::ui {

namespace fs = std::filesystem;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QJsonArray strings(const std::vector<std::string>& list) {
    QJsonArray out;
    for (const auto& s : list) out.append(qs(s));
    return out;
}

quint64 treeSize(const fs::path& dir) {
    quint64 total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec) && !it->is_symlink(ec)) total += it->file_size(ec);
    return total;
}

} // namespace

QJsonObject inspectObject(const runtime::Container& c,
                          const std::vector<engine::ContainerEndpoint>& endpoints) {
    const auto& s = c.state;
    const auto& cfg = c.config;
    QJsonArray args;
    for (std::size_t i = 1; i < cfg.process.args.size(); ++i) args.append(qs(cfg.process.args[i]));
    QJsonObject labels;
    for (const auto& [k, v] : cfg.labels) labels.insert(qs(k), qs(v));
    const QJsonObject state{{QStringLiteral("Status"), qs(runtime::statusName(s.status))},
                            {QStringLiteral("Running"), s.isRunning()},
                            {QStringLiteral("Paused"), s.status == runtime::ContainerStatus::Paused},
                            {QStringLiteral("Restarting"), s.status == runtime::ContainerStatus::Restarting},
                            {QStringLiteral("OOMKilled"), s.oomKilled},
                            {QStringLiteral("Dead"), s.status == runtime::ContainerStatus::Dead},
                            {QStringLiteral("Pid"), s.pid},
                            {QStringLiteral("ExitCode"), s.exitCode},
                            {QStringLiteral("Error"), qs(s.error)},
                            {QStringLiteral("StartedAt"), qs(s.startedAt)},
                            {QStringLiteral("FinishedAt"), qs(s.finishedAt)}};
    const auto& r = cfg.resources;
    const QJsonObject host{
        {QStringLiteral("AutoRemove"), cfg.autoRemove},
        {QStringLiteral("ReadonlyRootfs"), cfg.readOnlyRootfs},
        {QStringLiteral("RestartPolicy"), QJsonObject{{QStringLiteral("Name"), qs(cfg.restart.str())},
                                                      {QStringLiteral("MaximumRetryCount"), cfg.restart.maxRetries}}},
        {QStringLiteral("NetworkMode"), qs(cfg.networkMode)},
        {QStringLiteral("CapAdd"), strings(cfg.capAdd)},
        {QStringLiteral("CapDrop"), strings(cfg.capDrop)},
        {QStringLiteral("Memory"), static_cast<qint64>(r.memoryBytes.value_or(0))},
        {QStringLiteral("MemorySwap"), static_cast<qint64>(r.memorySwapBytes.value_or(0))},
        {QStringLiteral("NanoCpus"), static_cast<qint64>(r.cpus.value_or(0) * 1e9)},
        {QStringLiteral("CpuShares"), static_cast<qint64>(r.cpuShares.value_or(0))},
        {QStringLiteral("PidsLimit"), static_cast<qint64>(r.pidsLimit.value_or(0))}};
    const QJsonObject config{{QStringLiteral("Hostname"), qs(cfg.hostname)},
                             {QStringLiteral("User"), qs(cfg.process.user)},
                             {QStringLiteral("Env"), strings(cfg.process.env)},
                             {QStringLiteral("Cmd"), strings(cfg.process.args)},
                             {QStringLiteral("Image"), qs(cfg.image)},
                             {QStringLiteral("WorkingDir"), qs(cfg.process.cwd)},
                             {QStringLiteral("Labels"), labels},
                             {QStringLiteral("StopSignal"), qs(cfg.stopSignal)},
                             {QStringLiteral("StopTimeout"), cfg.stopTimeout},
                             {QStringLiteral("Tty"), cfg.tty}};
    QJsonArray mounts; // Docker's Mounts: bind mounts and tmpfs
    for (const auto& m : cfg.mounts)
        mounts.append(QJsonObject{{QStringLiteral("Type"), qs(m.type)},
                                  {QStringLiteral("Source"), qs(m.source)},
                                  {QStringLiteral("Destination"), qs(m.destination)},
                                  {QStringLiteral("RW"), !m.readOnly}});
    QJsonObject networks; // every network it is on, with the address it has there while running
    for (const auto& e : endpoints)
        networks.insert(qs(e.network), QJsonObject{{QStringLiteral("IPAddress"), qs(e.ipAddress)},
                                                   {QStringLiteral("Gateway"), qs(e.gateway)},
                                                   {QStringLiteral("MacAddress"), qs(e.macAddress)}});
    const QJsonObject networkSettings{{QStringLiteral("IPAddress"), qs(s.ipAddress)},
                                      {QStringLiteral("Networks"), networks}};
    return {{QStringLiteral("Id"), qs(cfg.id)},
            {QStringLiteral("Created"), qs(cfg.created)},
            {QStringLiteral("Path"), cfg.process.args.empty() ? QString() : qs(cfg.process.args[0])},
            {QStringLiteral("Args"), args},
            {QStringLiteral("State"), state},
            {QStringLiteral("Image"), qs(cfg.imageId)},
            {QStringLiteral("Name"), QLatin1Char('/') + qs(cfg.name)},
            {QStringLiteral("RestartCount"), s.restartCount},
            {QStringLiteral("HostConfig"), host},
            {QStringLiteral("Mounts"), mounts},
            {QStringLiteral("NetworkSettings"), networkSettings},
            {QStringLiteral("Config"), config}};
}

RunningStack readRunningStack(engine::Engine& engine, const QString& id, QHash<QString, quint64>& sizeCache) {
    RunningStack stack;
    stack.id = id;
    auto c = engine.inspectContainer(id.toStdString());
    if (!c) {
        stack.error = qs(c.error().message);
        return stack;
    }
    const fs::path upper = engine.info().root / "active" / c->config.id / "upper";
    stack.upperDir = QString::fromStdString(upper.string());
    std::vector<fs::path> lowers;
    for (const auto& chain : c->config.layers) {
        auto chainId = oci::ChainId::parse(chain);
        if (!chainId) continue;
        const fs::path dir = engine.store().snapshots().fsDir(*chainId);
        lowers.push_back(dir);
        const QString key = qs(chain);
        if (!sizeCache.contains(key)) sizeCache.insert(key, treeSize(dir));
        stack.layers << StackLayer{key, sizeCache.value(key)};
    }
    std::error_code ec;
    if (!fs::is_directory(upper, ec)) {
        stack.error = QStringLiteral("no overlay upper directory (copy snapshotter or not started)");
        return stack;
    }
    stack.changes = classifyUpper(upper, lowers);
    return stack;
}

quint64 namespaceInode(const QString& link) {
    std::error_code ec;
    const std::string target = fs::read_symlink(link.toStdString(), ec).string();
    const auto open = target.find('['), close = target.find(']');
    if (ec || open == std::string::npos || close == std::string::npos) return 0;
    return QString::fromStdString(target.substr(open + 1, close - open - 1)).toULongLong();
}

IsolationInfo readIsolation(engine::Engine& engine, const QString& id) {
    IsolationInfo info;
    info.id = id;
    auto c = engine.inspectContainer(id.toStdString());
    if (!c) {
        info.error = qs(c.error().message);
        return info;
    }
    info.pid = c->state.isRunning() ? c->state.pid : 0;
    const auto& r = c->config.resources;
    info.memoryLimit = std::max<qint64>(0, r.memoryBytes.value_or(0));
    info.cpus = r.cpus.value_or(0);
    info.pidsLimit = std::max<qint64>(0, r.pidsLimit.value_or(0));
    if (info.pid <= 0) {
        info.error = QStringLiteral("not running");
        return info;
    }
    for (const char* type : {"pid", "net", "mnt", "uts", "ipc", "cgroup", "user"}) {
        const QString t = QString::fromLatin1(type);
        info.namespaces << NamespaceRow{t, namespaceInode(QStringLiteral("/proc/self/ns/") + t),
                                        namespaceInode(QStringLiteral("/proc/%1/ns/%2").arg(info.pid).arg(t))};
    }
    if (auto sample = engine.sampleContainer(id.toStdString())) {
        info.memoryUsage = sample->cgroup.memoryUsage;
        info.pidsCurrent = sample->cgroup.pidsCurrent;
    }
    return info;
}

} // namespace berth::ui
