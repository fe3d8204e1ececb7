#!/usr/bin/env bash
# Builds the Debian package: a Release build in ./build-deb (or $BERTH_BUILD_DIR) without tests,
# then CPack's DEB generator. Prints the .deb's path and its file list.
#   installer/package.sh            # berth_<version>_<arch>.deb in the build directory
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BERTH_BUILD_DIR:-$here/build-deb}
jobs=${BERTH_JOBS:-$(nproc)}
command -v dpkg-shlibdeps >/dev/null || { echo "package.sh: dpkg-dev is missing (installer/install-deps.sh build)" >&2; exit 1; }
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBERTH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target berth berth-desktop berth-shim demo-images
(cd "$build" && cpack -G DEB)
deb=$(ls -t "$build"/berth_*.deb | head -1)
echo "$deb"
dpkg-deb -I "$deb" | sed -n '/Depends/p'
dpkg-deb -c "$deb"
