#pragma once
// Which language the UI speaks: the user's choice from Settings ("en", "ko"), else the system
// locale. Catalogues are compiled in as :/i18n/berth_<lang>.qm (resources/translations/).
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace berth::ui {

QStringList availableLanguages();        // {"en", "ko"}
QString languageSetting();               // "" = follow the system
void setLanguageSetting(const QString& code);
// The setting, else the system's UI language when we have it, else "en".
QString effectiveLanguage();
// Installs the catalogue for `code` on the application (replacing an earlier one).
bool installTranslation(const QString& code);

} // namespace berth::ui
