#!/usr/bin/env bash
# Configures and builds Berth in ./build (or $BERTH_BUILD_DIR) with the system's Debian toolchain.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BERTH_BUILD_DIR:-$here/build}
jobs=${BERTH_JOBS:-$(nproc)}
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${BERTH_BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
cmake --build "$build" -j "$jobs"
