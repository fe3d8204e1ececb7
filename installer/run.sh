#!/usr/bin/env bash
# The README's first command: installs what is needed, builds, loads the built-in demo images
# (no network needed) and starts Berth on them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/installer/install-deps.sh" build
"$here/installer/build.sh"
build=${BERTH_BUILD_DIR:-$here/build}
berth="$build/bin/berth"
for archive in "$build"/demo-images/*.tar; do
  "$berth" load -i "$archive"
done
echo
"$berth" images
echo
echo "The demo images share their busybox layer; see it with:  $berth history berth-demo/web"
if [[ -x "$build/bin/berth-desktop" ]] && { [[ -n "${DISPLAY:-}" ]] || [[ -n "${WAYLAND_DISPLAY:-}" ]]; }; then
  exec "$build/bin/berth-desktop"
fi
