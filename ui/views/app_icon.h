#pragma once
// Berth's icon, painted at run time (resources/icons/berth.svg is the same drawing for desktop
// files): Qt's SVG plugin is not a dependency of the app.
#include <QIcon>

namespace berth::ui {

QIcon appIcon();

} // namespace berth::ui
