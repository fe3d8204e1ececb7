#include "models/display_format.h"

#include <QLocale>

namespace berth::ui {

QString formatSize(quint64 bytes) {
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 2, QLocale::DataSizeSIFormat);
}

QString formatDate(const QDateTime& when) {
    return when.isValid() ? QLocale().toString(when.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString shortDigest(const QString& digest) { return digest.mid(digest.indexOf(QLatin1Char(':')) + 1, 12); }

} // namespace berth::ui
