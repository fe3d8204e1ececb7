#pragma once
// Settings: today the UI language. The choice is stored with QSettings and takes effect on the
// next start; "Restart now" starts a new Berth with the same arguments and closes this one.
#include <QDialog>

class QComboBox;

namespace berth::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    QString selectedLanguage() const; // "" follows the system

signals:
    void restartRequested();

private:
    void apply(bool restart);

    QComboBox* m_language = nullptr;
};

} // namespace berth::ui
