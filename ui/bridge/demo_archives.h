#pragma once
// Where the built-in demo images are: archives named berth-demo-*.tar in the first of the given
// directories that has any (the build tree's demo-images, then ../share/berth/demo-images next
// to an installed binary).
#include <QStringList>

namespace berth::ui {

QStringList findDemoArchives(const QStringList& directories);

} // namespace berth::ui
