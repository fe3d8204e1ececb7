#pragma once
// Plain Qt values about containers, copied on the container bridge's worker thread for the GUI
// (house rule 3: plain values cross boundaries). Mirrors runtime::Container and ContainerSample.
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace berth::ui {

// One published port: `-p hostIp:hostPort:containerPort/protocol`. hostPort 0 in a request means
// "any free port"; in a ContainerInfo it is the port the engine chose.
struct PortMapping {
    QString hostIp = QStringLiteral("127.0.0.1");
    int hostPort = 0;
    int containerPort = 0;
    QString protocol = QStringLiteral("tcp");
    bool operator==(const PortMapping&) const = default;
};

// One bind mount: `-v hostPath:containerPath[:ro]`.
struct VolumeRequest {
    QString hostPath;
    QString containerPath;
    bool readOnly = false;
    bool operator==(const VolumeRequest&) const = default;
};

// One container as `berth ps -a` sees it.
struct ContainerInfo {
    QString id;         // 64 hex
    QString name;       // without Docker's leading "/"
    QString image;      // as the user wrote it
    QString imageId;    // "sha256:…" of the image config it was made from
    QString command;    // entrypoint + cmd, joined with spaces
    QString state;      // Docker's word: created, running, paused, restarting, exited, removing, dead
    int exitCode = 0;
    bool oomKilled = false;
    QString created;    // RFC 3339
    QString startedAt;  // RFC 3339, empty until first start
    QString finishedAt; // RFC 3339, empty until first exit
    QList<PortMapping> ports; // published on the bridge network, host ports as chosen

    QString shortId() const { return id.left(12); }
    bool isRunning() const { return state == QLatin1String("running") || state == QLatin1String("paused"); }
    bool operator==(const ContainerInfo&) const = default;
};

// One live reading of a running container, from two cgroup samples a second apart.
struct ContainerUsage {
    double cpuPercent = 0;     // 0 … onlineCpus × 100, as `docker stats`
    quint64 memoryUsage = 0;   // bytes, Docker's usage (minus inactive file cache)
    quint64 memoryLimit = 0;   // bytes; the host's memory when the container has no limit
    double memoryPercent = 0;
    bool memoryLimited = false; // the container has its own limit (memoryLimit is not the host's)
};
using UsageById = QHash<QString, ContainerUsage>;

// One line of the engine's event log (create, start, die, stop, kill, pause, unpause, oom,
// restart, destroy, exec_start; image events too, with type "image").
struct ContainerEvent {
    QString action;
    QString id;
    QString name;
    int exitCode = -1; // die only
    QString type = QStringLiteral("container");
    QString image;
    QString signal;      // kill only
    QString container;   // type "network", connect and disconnect: the container's id (id is the network's)
    qint64 timeNano = 0; // when the engine wrote it, ns since the epoch
};

// What the Run… dialog asks for; CliCommand::run turns it into the equivalent command line.
struct RunRequest {
    QString image;
    QString name;        // empty: the engine picks one
    QStringList command; // empty: the image's
    QStringList env;     // "K=V"
    QString restart = QStringLiteral("no"); // no, on-failure, always, unless-stopped
    QString network;     // empty: the engine's default (bridge); none, bridge, host or a user network;
                         // ports move none/host to bridge
    QList<PortMapping> ports;
    QList<VolumeRequest> volumes;
    int memoryMiB = 0;  // 0: no limit
    double cpus = 0;    // 0: no limit
    bool anyPortIfTaken = false; // a taken host port is retried once as 0 (any free port)

    // The network the container gets: ports need a bridge network (the default one unless a user
    // network was chosen). Empty leaves the choice to the engine (Docker's default bridge).
    QString effectiveNetwork() const {
        const bool bridged = network != QLatin1String("none") && network != QLatin1String("host");
        return ports.isEmpty() || bridged ? network : QStringLiteral("bridge");
    }
};

} // namespace berth::ui

Q_DECLARE_METATYPE(berth::ui::ContainerInfo)
Q_DECLARE_METATYPE(berth::ui::ContainerUsage)
Q_DECLARE_METATYPE(berth::ui::ContainerEvent)
Q_DECLARE_METATYPE(berth::ui::RunRequest)
Q_DECLARE_METATYPE(berth::ui::PortMapping)
