#include "bridge/network_reader.h"

#include "bridge/run_options.h"

#include <QHash>

#include <algorithm>
#include <system_error>

namespace berth::ui {

namespace fs = std::filesystem;

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QStringList toQt(const std::vector<std::string>& list) {
    QStringList out;
    for (const auto& s : list)
        out << qs(s);
    return out;
}

NetworkInfo toInfo(const network::NetworkDef& d) {
    NetworkInfo n;
    n.name = qs(d.name);
    n.id = qs(d.id);
    n.driver = qs(d.driver);
    n.subnet = qs(d.subnet);
    n.gateway = qs(d.gateway);
    n.bridge = qs(d.bridge);
    n.created = qs(d.created);
    n.builtin = d.builtin;
    for (const auto& [k, v] : d.labels)
        n.labels.insert(qs(k), qs(v));
    return n;
}

NetworkMember memberOf(const runtime::Container& c) {
    NetworkMember m;
    m.containerId = qs(c.config.id);
    m.name = qs(c.config.name);
    m.state = QString::fromLatin1(runtime::statusName(c.state.status));
    m.ports = toPortMappings(c.config.ports);
    return m;
}

// One stat of every record file a listing reads, appended to sig.
void addFiles(std::string& sig, const fs::path& dir, bool onlyJson) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        // Logs grow all the time and say nothing about networks.
        if (onlyJson && (!name.ends_with(".json") || name.find("-json.log") != std::string::npos)) continue;
        std::error_code statError;
        const auto size = it->is_regular_file(statError) ? it->file_size(statError) : 0;
        const auto time = fs::last_write_time(it->path(), statError).time_since_epoch().count();
        sig += name + ':' + std::to_string(size) + ':' + std::to_string(time) + ';';
    }
}

} // namespace

Result<QList<NetworkInfo>> readNetworks(engine::Engine& engine) {
    auto defs = BERTH_TRY(engine.listNetworks());
    auto containers = BERTH_TRY(engine.listContainers());
    QHash<QString, const runtime::Container*> byId;
    for (const auto& c : containers)
        byId.insert(qs(c.config.id), &c);
    QList<NetworkInfo> out;
    for (const auto& d : defs) {
        NetworkInfo n = toInfo(d);
        if (d.isBridge()) {
            // A network removed by someone else between the two reads is simply listed without members.
            auto details = engine.inspectNetwork(d.id);
            if (details)
                for (const auto& e : details->containers) {
                    const auto* c = byId.value(qs(e.containerId));
                    NetworkMember m = c ? memberOf(*c) : NetworkMember{qs(e.containerId), qs(e.name)};
                    m.ipv4Address = qs(e.ipv4Address);
                    m.aliases = toQt(e.aliases);
                    n.members << m;
                }
        }
        out << n;
    }
    // Containers that are on a network but not running: the engine keeps no endpoint for them.
    for (const auto& c : containers) {
        const auto names = engine.containerNetworks(c.config.id).value_or(std::vector<std::string>{});
        for (auto& n : out) {
            // host and none are network modes, not bridges: their containers are listed too (as Docker's).
            const bool on = std::find(names.begin(), names.end(), n.name.toStdString()) != names.end() ||
                            c.config.networkMode == n.name.toStdString();
            const bool listed = std::any_of(n.members.begin(), n.members.end(), [&](const NetworkMember& m) {
                return m.containerId == qs(c.config.id);
            });
            if (on && !listed) n.members << memberOf(c);
        }
    }
    return out;
}

std::string networkRecordsSignature(const fs::path& root) {
    std::string sig;
    addFiles(sig, root / "networks", false);
    std::error_code ec;
    for (fs::directory_iterator it(root / "containers", ec), end; !ec && it != end; it.increment(ec)) {
        sig += it->path().filename().string() + '{';
        addFiles(sig, it->path(), true);
        sig += '}';
    }
    return sig;
}

} // namespace berth::ui
