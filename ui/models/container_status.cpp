#include "models/container_status.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace berth::ui {

namespace {

// Docker's English words, translated through the "ContainerStatus" context (Korean: "5분째 실행 중").
QString translated(const char* text) {
    return QCoreApplication::translate("ContainerStatus", text);
}

} // namespace

QString humanDuration(qint64 s) {
    const auto unit = [](qint64 n, const char* one, const char* many) {
        return n == 1 ? translated(one) : translated(many).arg(n);
    };
    if (s < 1) return translated(QT_TRANSLATE_NOOP("ContainerStatus", "Less than a second"));
    if (s == 1) return translated(QT_TRANSLATE_NOOP("ContainerStatus", "1 second"));
    if (s < 60) return translated(QT_TRANSLATE_NOOP("ContainerStatus", "%1 seconds")).arg(s);
    const qint64 m = s / 60;
    if (m == 1) return translated(QT_TRANSLATE_NOOP("ContainerStatus", "About a minute"));
    if (m < 60) return translated(QT_TRANSLATE_NOOP("ContainerStatus", "%1 minutes")).arg(m);
    const auto h = static_cast<qint64>(std::llround(static_cast<double>(s) / 3600.0));
    if (h == 1) return translated(QT_TRANSLATE_NOOP("ContainerStatus", "About an hour"));
    if (h < 48) return translated(QT_TRANSLATE_NOOP("ContainerStatus", "%1 hours")).arg(h);
    if (h < 24 * 7 * 2)
        return unit(h / 24, QT_TRANSLATE_NOOP("ContainerStatus", "1 day"),
                    QT_TRANSLATE_NOOP("ContainerStatus", "%1 days"));
    if (h < 24 * 30 * 2)
        return unit(h / 24 / 7, QT_TRANSLATE_NOOP("ContainerStatus", "1 week"),
                    QT_TRANSLATE_NOOP("ContainerStatus", "%1 weeks"));
    if (h < 24 * 365 * 2)
        return unit(h / 24 / 30, QT_TRANSLATE_NOOP("ContainerStatus", "1 month"),
                    QT_TRANSLATE_NOOP("ContainerStatus", "%1 months"));
    return unit(h / 24 / 365, QT_TRANSLATE_NOOP("ContainerStatus", "1 year"),
                QT_TRANSLATE_NOOP("ContainerStatus", "%1 years"));
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
        return t.isValid() ? humanDuration(t.secsTo(now))
                           : translated(QT_TRANSLATE_NOOP("ContainerStatus", "Less than a second"));
    };
    const QString& s = c.state;
    if (s == QLatin1String("created")) return translated(QT_TRANSLATE_NOOP("ContainerStatus", "Created"));
    if (s == QLatin1String("running"))
        return translated(QT_TRANSLATE_NOOP("ContainerStatus", "Up %1")).arg(since(c.startedAt));
    if (s == QLatin1String("paused"))
        return translated(QT_TRANSLATE_NOOP("ContainerStatus", "Up %1 (Paused)")).arg(since(c.startedAt));
    if (s == QLatin1String("restarting"))
        return translated(QT_TRANSLATE_NOOP("ContainerStatus", "Restarting (%1) %2 ago"))
            .arg(c.exitCode)
            .arg(since(c.finishedAt));
    if (s == QLatin1String("exited"))
        return translated(QT_TRANSLATE_NOOP("ContainerStatus", "Exited (%1) %2 ago"))
            .arg(c.exitCode)
            .arg(since(c.finishedAt));
    if (s == QLatin1String("removing"))
        return translated(QT_TRANSLATE_NOOP("ContainerStatus", "Removal In Progress"));
    if (s == QLatin1String("dead")) return translated(QT_TRANSLATE_NOOP("ContainerStatus", "Dead"));
    return s;
}

} // namespace berth::ui
