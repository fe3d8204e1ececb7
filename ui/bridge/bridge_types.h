#pragma once
// Plain Qt values the bridge hands to the GUI thread. They are copies made on a worker thread,
// so views never touch engine objects (house rule 3: plain values cross boundaries).
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace berth::ui {

// One layer of one image, bottom layer first in ImageInfo::layers.
struct LayerInfo {
    QString chainId;    // "sha256:…": keys the snapshot, identical for a shared stack prefix
    QString diffId;     // uncompressed tar digest, from the image config
    QString blobDigest; // compressed blob digest, from the manifest (what a pull reports)
    quint64 size = 0;   // bytes of regular files in the snapshot
    QString createdBy;  // the build step, from the config history ("" when unknown)
    QString created;
};

// An image under one of its names (Docker lists an image once per name).
struct ImageInfo {
    QString repository; // familiar form, "<none>" when dangling
    QString tag;        // "<none>" when dangling
    QString digest;     // repo digest or "<none>"
    QString id;         // "sha256:…" image id (config digest)
    QDateTime created;
    quint64 size = 0;
    QList<LayerInfo> layers;

    bool isDangling() const { return repository == QStringLiteral("<none>"); }
    QString shortId() const { return id.mid(id.indexOf(QLatin1Char(':')) + 1, 12); }
    // What to type in the CLI for this row: repository:tag, or the short id when dangling.
    QString reference() const {
        return isDangling() ? shortId() : repository + QLatin1Char(':') + tag;
    }
};

// Every image in the store at one moment; generation orders refreshes so stale ones are dropped.
struct StoreSnapshot {
    quint64 generation = 0;
    QList<ImageInfo> images;
};

// What the engine answered about itself when opened.
struct EngineSummary {
    QString version;
    QString root;
    QString snapshotter;
    QString platform;
    bool rootless = false;
};

// A PullProgress event copied for the GUI thread; kind mirrors image::PullProgress::Kind.
struct PullEvent {
    enum class Kind { Resolving, Waiting, Downloading, Extracting, Retrying, DownloadComplete,
                      PullComplete, AlreadyExists, Failed };
    Kind kind = Kind::Resolving;
    QString id;     // 12-hex short id of the layer blob; empty for image-level events
    QString digest; // "sha256:…" of the layer blob
    quint64 current = 0;
    quint64 total = 0;
    QString message;
};

// How one path of a layer relates to the layers below it (what dive shows).
enum class FileChange { Unchanged, Added, Modified, Removed };

struct LayerFileEntry {
    QString path;       // relative, "etc/passwd"
    FileChange change = FileChange::Unchanged;
    bool isDir = false;
    bool isOpaque = false; // directory hides everything below it (trusted/user.overlay.opaque=y)
    quint64 size = 0;
};

} // namespace berth::ui

Q_DECLARE_METATYPE(berth::ui::StoreSnapshot)
Q_DECLARE_METATYPE(berth::ui::EngineSummary)
Q_DECLARE_METATYPE(berth::ui::PullEvent)
Q_DECLARE_METATYPE(berth::ui::LayerFileEntry)
