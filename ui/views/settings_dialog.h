#pragma once
// Settings: today the UI language. The choice is stored with QSettings and takes effect at once:
// the new catalogue is installed and every open window retranslates itself (LanguageChange).
#include <QDialog>

class QComboBox;

namespace berth::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    QString selectedLanguage() const; // "" follows the system

    // Stores the choice and switches the UI language now.
    void apply();
    QComboBox* languageBox() const { return m_language; }

private:
    QComboBox* m_language = nullptr;
};

} // namespace berth::ui
