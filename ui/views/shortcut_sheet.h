#pragma once
// The keyboard shortcut sheet (F1 or Ctrl+/): every action with a shortcut, as the window
// currently binds it, so the sheet can never drift from the real bindings.
#include <QDialog>

class QAction;

namespace berth::ui {

class ShortcutSheet : public QDialog {
    Q_OBJECT
public:
    ShortcutSheet(const QList<QAction*>& actions, QWidget* parent = nullptr);
    int rowCount() const { return m_rows; }

private:
    int m_rows = 0;
};

} // namespace berth::ui
