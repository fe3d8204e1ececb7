#pragma once
// Docker's STATUS column ("Up 5 minutes", "Exited (137) 2 minutes ago"), as app/cli prints it,
// from a ContainerInfo and the current time, in the UI's language (English without a translator).
// Pure functions, tested with named rows.
#include "bridge/container_types.h"

#include <QDateTime>

namespace berth::ui {

// "Less than a second", "About a minute", "3 hours"… (Docker's units.HumanDuration).
QString humanDuration(qint64 seconds);
// RFC 3339 with up to nanoseconds; invalid when empty or malformed.
QDateTime parseRfc3339(const QString& text);
QString containerStatusText(const ContainerInfo& c, const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace berth::ui
