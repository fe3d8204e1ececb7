#!/usr/bin/env bash
# The README's test command: installs every dependency, builds, runs a short round of each fuzz
# target (built separately with clang), then the whole CTest suite (unit, integration,
# privileged — privileged tests skip with a reason when not root — and ui). CTest goes last so
# its summary closes the output.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/installer/install-deps.sh" test
"$here/installer/build.sh"
build=${BERTH_BUILD_DIR:-$here/build}
if [[ -x "$here/tests/fuzz/run.sh" && -z "${BERTH_SKIP_FUZZ:-}" ]]; then
  "$here/tests/fuzz/run.sh" "$build"
fi
ctest --test-dir "$build" --output-on-failure --timeout 900 -j "${BERTH_TEST_JOBS:-2}" "$@"
