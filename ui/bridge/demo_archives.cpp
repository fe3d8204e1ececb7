#include "bridge/demo_archives.h"

#include <QDir>

namespace berth::ui {

QStringList findDemoArchives(const QStringList& directories) {
    for (const QString& path : directories) {
        QDir dir(path);
        const QStringList names = dir.entryList({QStringLiteral("berth-demo-*.tar")}, QDir::Files, QDir::Name);
        if (names.isEmpty()) continue;
        QStringList archives;
        for (const QString& name : names) archives << dir.absoluteFilePath(name);
        return archives;
    }
    return {};
}

} // namespace berth::ui
