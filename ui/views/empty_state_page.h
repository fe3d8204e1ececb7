#pragma once
// A page for a feature the engine does not have yet, saying so plainly instead of showing an
// empty table that looks broken.
#include <QWidget>

namespace berth::ui {

class EmptyStatePage : public QWidget {
    Q_OBJECT
public:
    EmptyStatePage(const QString& title, const QString& message, QWidget* parent = nullptr);
};

} // namespace berth::ui
