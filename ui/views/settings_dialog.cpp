#include "views/settings_dialog.h"

#include "views/language.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    m_language = new QComboBox(this);
    m_language->addItem(tr("Follow the system"), QString());
    // Each language named in itself, so it can be found whatever the current UI language is.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(languageSetting())));

    auto* note = new QLabel(tr("The new language is used at once."), this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* form = new QFormLayout;
    form->addRow(tr("Language:"), m_language);

    auto* buttons = new QDialogButtonBox(this);
    auto* save = buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    save->setDefault(true);
    connect(save, &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

QString SettingsDialog::selectedLanguage() const { return m_language->currentData().toString(); }

void SettingsDialog::apply() {
    setLanguageSetting(selectedLanguage());
    // Every window hears QEvent::LanguageChange and sets its texts again: no restart needed.
    installTranslation(effectiveLanguage());
    accept();
}

} // namespace berth::ui
