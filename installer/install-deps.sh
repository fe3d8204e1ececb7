#!/usr/bin/env bash
# Installs every build, test and benchmark dependency of Berth from Debian 12's packages.
# Idempotent: packages already present are left alone; safe to run on every build.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6charts6-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libgl-dev fonts-noto-cjk
  libarchive-dev nlohmann-json3-dev libcurl4-openssl-dev libssl-dev libseccomp-dev libzstd-dev nftables
  # Rootless Berth at run time (run.sh installs this set): newuidmap/newgidmap for subordinate ids,
  # user-mode networking for containers of an ordinary user.
  uidmap slirp4netns passt
)
TEST_PKGS=(
  python3 iproute2 busybox-static docker-registry skopeo umoci zstd gzip tar xz-utils
  clang-16 libclang-rt-16-dev xvfb xauth
)
BENCH_PKGS=(hyperfine podman curl runc jq wrk)

want=("${BUILD_PKGS[@]}")
case "${1:-all}" in
  build) ;;
  test) want+=("${TEST_PKGS[@]}") ;;
  all) want+=("${TEST_PKGS[@]}" "${BENCH_PKGS[@]}") ;;
  *) echo "usage: $0 [build|test|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# docker-registry's package starts a system service on port 5000 where systemd exists;
# tests start their own instance on a free loopback port, so the packaged one is not needed.
echo "berth: dependencies present (${1:-all})"
# The user who will run Berth without root: say now what their account still lacks (never fatal here).
rootless_user=${SUDO_USER:-}
[[ $(id -u) -ne 0 ]] && rootless_user=$(id -un)
if [[ -n "$rootless_user" && "$rootless_user" != root ]]; then
  "$(dirname "$0")/check-rootless.sh" "$rootless_user" || true
fi
