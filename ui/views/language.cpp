#include "views/language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace berth::ui {

namespace {
const QString LanguageKey = QStringLiteral("ui/language");
QTranslator* g_translator = nullptr; // owned by the application
} // namespace

QStringList availableLanguages() { return {QStringLiteral("en"), QStringLiteral("ko")}; }

QString languageSetting() { return QSettings().value(LanguageKey).toString(); }

void setLanguageSetting(const QString& code) {
    QSettings settings;
    if (code.isEmpty()) settings.remove(LanguageKey);
    else settings.setValue(LanguageKey, code);
}

QString effectiveLanguage() {
    const QString chosen = languageSetting();
    if (availableLanguages().contains(chosen)) return chosen;
    for (const QString& ui : QLocale::system().uiLanguages()) {
        const QString code = ui.left(2).toLower();
        if (availableLanguages().contains(code)) return code;
    }
    return QStringLiteral("en");
}

bool installTranslation(const QString& code) {
    if (g_translator) {
        QCoreApplication::removeTranslator(g_translator);
        delete g_translator;
    }
    g_translator = new QTranslator(QCoreApplication::instance());
    const bool ok = g_translator->load(QStringLiteral(":/i18n/berth_%1.qm").arg(code));
    QCoreApplication::installTranslator(g_translator);
    if (ok) QLocale::setDefault(QLocale(code));
    return ok;
}

} // namespace berth::ui
