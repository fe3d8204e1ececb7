#pragma once
// Plain Qt values about networks, copied on the network bridge's worker thread for the GUI
// (house rule 3). Mirrors network::NetworkDef and engine::NetworkEndpoint, plus the containers
// that are on a network but not running (the engine lists only running endpoints).
#include "bridge/container_types.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace berth::ui {

// One container on one network.
struct NetworkMember {
    QString containerId; // 64 hex
    QString name;
    QString state;       // Docker's word; members that are not running have no address
    QString ipv4Address; // "10.89.0.2/24", empty unless running
    QString macAddress;  // empty when the engine does not report it
    QStringList aliases;
    QList<PortMapping> ports; // published (default bridge and user networks alike)
    bool operator==(const NetworkMember&) const = default;
};

// One line of `berth network ls`, with what `network inspect` adds.
struct NetworkInfo {
    QString name;
    QString id;     // 64 hex
    QString driver; // bridge, host, null
    QString subnet; // empty for host and none
    QString gateway;
    QString bridge;       // the Linux bridge ("berth0", "br-<id12>")
    QString created;      // RFC 3339
    bool builtin = false; // bridge, host, none: cannot be removed
    QMap<QString, QString> labels;
    QList<NetworkMember> members;

    QString shortId() const { return id.left(12); }
    bool operator==(const NetworkInfo&) const = default;
};

// What the create dialog asks for (`berth network create`).
struct NetworkRequest {
    QString name;
    QString subnet;  // empty: the engine picks the next free 10.89.N.0/24
    QString gateway; // empty: the subnet's first host
    QMap<QString, QString> labels;
};

} // namespace berth::ui

Q_DECLARE_METATYPE(berth::ui::NetworkInfo)
Q_DECLARE_METATYPE(berth::ui::NetworkRequest)
