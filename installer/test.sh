#!/usr/bin/env bash
# The README's test command: installs every dependency, builds, and runs the whole suite
# (unit, integration, privileged — the privileged tests skip with a reason when not root),
# then a short run of each fuzz target.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/installer/install-deps.sh" test
"$here/installer/build.sh"
build=${BERTH_BUILD_DIR:-$here/build}
ctest --test-dir "$build" --output-on-failure --timeout 900 -j "${BERTH_TEST_JOBS:-2}" "$@"
if [[ -x "$here/tests/fuzz/run.sh" && -z "${BERTH_SKIP_FUZZ:-}" ]]; then
  "$here/tests/fuzz/run.sh" "$build"
fi
