#include "models/container_status.h"

#include <QRegularExpression>

#include <cmath>

namespace berth::ui {

QString humanDuration(qint64 s) {
    const auto plural = [](qint64 n, const char* unit) {
        return QStringLiteral("%1 %2%3").arg(n).arg(QLatin1String(unit)).arg(n == 1 ? QString() : QStringLiteral("s"));
    };
    if (s < 1) return QStringLiteral("Less than a second");
    if (s == 1) return QStringLiteral("1 second");
    if (s < 60) return QStringLiteral("%1 seconds").arg(s);
    const qint64 m = s / 60;
    if (m == 1) return QStringLiteral("About a minute");
    if (m < 60) return QStringLiteral("%1 minutes").arg(m);
    const auto h = static_cast<qint64>(std::llround(static_cast<double>(s) / 3600.0));
    if (h == 1) return QStringLiteral("About an hour");
    if (h < 48) return QStringLiteral("%1 hours").arg(h);
    if (h < 24 * 7 * 2) return plural(h / 24, "day");
    if (h < 24 * 30 * 2) return plural(h / 24 / 7, "week");
    if (h < 24 * 365 * 2) return plural(h / 24 / 30, "month");
    return plural(h / 24 / 365, "year");
}

QDateTime parseRfc3339(const QString& text) {
    // Qt reads milliseconds only: cut the fraction to three digits, keep the zone.
    static const QRegularExpression fraction(QStringLiteral("\\.(\\d{1,3})\\d*"));
    QString t = text;
    t.replace(fraction, QStringLiteral(".\\1"));
    return QDateTime::fromString(t, Qt::ISODateWithMs);
}

QString containerStatusText(const ContainerInfo& c, const QDateTime& now) {
    const auto since = [&now](const QString& when) {
        const QDateTime t = parseRfc3339(when);
        return t.isValid() ? humanDuration(t.secsTo(now)) : QStringLiteral("Less than a second");
    };
    const QString& s = c.state;
    if (s == QLatin1String("created")) return QStringLiteral("Created");
    if (s == QLatin1String("running")) return QStringLiteral("Up ") + since(c.startedAt);
    if (s == QLatin1String("paused")) return QStringLiteral("Up ") + since(c.startedAt) + QStringLiteral(" (Paused)");
    if (s == QLatin1String("restarting"))
        return QStringLiteral("Restarting (%1) %2 ago").arg(c.exitCode).arg(since(c.finishedAt));
    if (s == QLatin1String("exited"))
        return QStringLiteral("Exited (%1) %2 ago").arg(c.exitCode).arg(since(c.finishedAt));
    if (s == QLatin1String("removing")) return QStringLiteral("Removal In Progress");
    if (s == QLatin1String("dead")) return QStringLiteral("Dead");
    return s;
}

} // namespace berth::ui
