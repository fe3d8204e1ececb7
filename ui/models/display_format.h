#pragma once
// How sizes, ids and dates read in the UI: decimal units like `berth images` (1.98 MB), dates in
// the user's locale.
#include <QDateTime>
#include <QString>

namespace berth::ui {

QString formatSize(quint64 bytes);
QString formatDate(const QDateTime& when);
// "sha256:ab12…" → "ab12cd34ef56"
QString shortDigest(const QString& digest);

} // namespace berth::ui
