#include "bridge/run_options.h"

namespace berth::ui {

namespace {

std::vector<std::string> toStd(const QStringList& list) {
    std::vector<std::string> out;
    for (const auto& s : list) out.push_back(s.toStdString());
    return out;
}

} // namespace

engine::CreateOptions toCreateOptions(const RunRequest& r) {
    engine::CreateOptions o;
    o.image = r.image.toStdString();
    o.name = r.name.trimmed().toStdString();
    o.overrides.cmd = toStd(r.command);
    o.overrides.env = toStd(r.env);
    o.restart = r.restart.isEmpty() ? std::string("no") : r.restart.toStdString();
    o.networkMode = r.effectiveNetwork().toStdString();
    for (const auto& p : r.ports)
        o.ports.push_back({p.hostIp.toStdString(), p.hostPort, p.containerPort, p.protocol.toStdString()});
    for (const auto& v : r.volumes) {
        runtime::VolumeMount m;
        m.source = v.hostPath.toStdString();
        m.destination = v.containerPath.toStdString();
        m.readOnly = v.readOnly;
        o.mounts.push_back(m);
    }
    if (r.memoryMiB > 0) o.resources.memoryBytes = std::int64_t(r.memoryMiB) << 20;
    if (r.cpus > 0) o.resources.cpus = r.cpus;
    return o;
}

RunRequest withAnyHostPort(RunRequest request) {
    for (auto& p : request.ports) p.hostPort = 0;
    request.anyPortIfTaken = false;
    return request;
}

bool isPortTaken(const QString& message) { return message.contains(QLatin1String("port is already allocated")); }

QList<PortMapping> toPortMappings(const std::vector<runtime::PublishedPort>& ports) {
    QList<PortMapping> out;
    for (const auto& p : ports)
        out.append({QString::fromStdString(p.hostIp), p.hostPort, p.containerPort, QString::fromStdString(p.protocol)});
    return out;
}

} // namespace berth::ui
