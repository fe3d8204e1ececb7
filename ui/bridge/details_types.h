#pragma once
// Plain Qt values about one container's insides (processes, writable layer, namespaces), copied
// on the details bridge's worker thread for the GUI (house rule 3: plain values cross boundaries).
#include <QList>
#include <QMetaType>
#include <QString>

namespace berth::ui {

// One line of `berth top`.
struct ProcessInfo {
    int pid = 0, ppid = 0;
    uint uid = 0;
    QString state, command;
};

// One path of a container's writable (upper) layer, classified against the image layers below:
// 'A' new, 'C' copy-up (also in a lower layer) or an opaque directory, 'D' whiteout (0/0 char device).
struct UpperChange {
    QChar kind = QLatin1Char('A');
    QString path;        // absolute inside the container, "/etc/passwd"
    bool isDir = false;
    bool isOpaque = false; // trusted.overlay.opaque=y: hides the lower directory's contents
    quint64 size = 0;
};

// One read-only image layer under a running container.
struct StackLayer {
    QString chainId; // "sha256:…"
    quint64 size = 0; // bytes of regular files in its snapshot
};

// The overlay stack of one container: image layers bottom first, then its writable layer.
struct RunningStack {
    QString id;
    QString upperDir;
    QList<StackLayer> layers;
    QList<UpperChange> changes;
    QString error; // why there is no stack (copy snapshotter, not found …)
};

// One namespace of a running container compared with the host's.
struct NamespaceRow {
    QString type;             // pid, net, mnt, uts, ipc, cgroup, user
    quint64 hostInode = 0;    // /proc/self/ns/<type>
    quint64 containerInode = 0; // /proc/<pid>/ns/<type>
    bool separate() const { return hostInode != containerInode; }
};

// What isolates and limits one running container.
struct IsolationInfo {
    QString id;
    int pid = 0;
    QList<NamespaceRow> namespaces;
    qint64 memoryLimit = 0; // bytes, 0 = none
    double cpus = 0;        // 0 = no quota
    qint64 pidsLimit = 0;   // 0 = none
    quint64 memoryUsage = 0, pidsCurrent = 0;
    QString error;
};

} // namespace berth::ui

Q_DECLARE_METATYPE(berth::ui::ProcessInfo)
Q_DECLARE_METATYPE(berth::ui::UpperChange)
Q_DECLARE_METATYPE(berth::ui::RunningStack)
Q_DECLARE_METATYPE(berth::ui::IsolationInfo)
