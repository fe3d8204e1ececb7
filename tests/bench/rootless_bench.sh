#!/usr/bin/env bash
# Rootless start benchmark (issue: rootless). Side by side in one hyperfine run, image present, --network none:
#   rootless berth run --rm berth-demo/hello true   (as a throwaway user with subordinate ids)
#   rootful  berth run --rm berth-demo/hello true   (as root, its own store)
#   rootless podman run --rm --network=none …       (as the same user)
# Every command runs under setpriv so the three pay the same wrapper. The user, its subordinate
# ranges and every process it leaves (by pid) are removed at the end. Prints ratios; never fails
# on a missed target (rootless berth ≤ 0.15× rootless podman).
# usage: tests/bench/rootless_bench.sh [BUILD_DIR] ; BENCH_RUNS (default 20)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
berth="$build/bin/berth"
runs=${BENCH_RUNS:-20}
[[ $(id -u) -eq 0 ]] || { echo "rootless_bench: run as root (it creates a throwaway user)" >&2; exit 2; }
for t in useradd userdel newuidmap hyperfine podman setpriv; do
  command -v "$t" >/dev/null || { echo "rootless_bench: $t missing (installer/install-deps.sh all)" >&2; exit 2; }
done
work=$(mktemp -d /tmp/berth-rlbench-XXXXXX)
chmod 0755 "$work"
user=berthb$$
# A subordinate range after every existing one.
start=$(cat /etc/subuid /etc/subgid 2>/dev/null | awk -F: 'NF==3 {e=$2+$3; if (e>m) m=e} END {print (m>200000?m:200000)}')
useradd -M -d "$work/home" -s /bin/sh "$user"
mkdir -p "$work/home" "$work/run"
uid=$(id -u "$user"); gid=$(id -g "$user")
chown "$uid:$gid" "$work/home" "$work/run"; chmod 0700 "$work/run"
usermod --add-subuids "$start-$((start + 65535))" --add-subgids "$start-$((start + 65535))" "$user"
cleanup() {
  for p in /proc/[0-9]*; do
    [[ -r $p/status ]] || continue
    if awk -v u="$uid" '/^Uid:/ {exit !($2==u)}' "$p/status" 2>/dev/null; then kill -9 "${p#/proc/}" 2>/dev/null || true; fi
  done
  sleep 0.2
  "$berth" --root "$work/rootful" ps -aq 2>/dev/null | xargs -r "$berth" --root "$work/rootful" rm -f >/dev/null 2>&1 || true
  userdel "$user" 2>/dev/null || true
  sed -i "/^$user:/d" /etc/subuid /etc/subgid
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT
as_user=(setpriv --reuid="$uid" --regid="$gid" --clear-groups env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$work/home"
  XDG_RUNTIME_DIR="$work/run" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config")
as_root=(setpriv --reuid=0 --regid=0 --keep-groups)
demo="$build/demo-images/berth-demo-hello.tar"
cp "$demo" "$work/hello.tar"; chmod 0644 "$work/hello.tar"
ul="--ulimit nofile=20000:20000 --ulimit nproc=32768:32768"
podman_args="--cgroup-manager cgroupfs --runtime runc --events-backend file"

"${as_user[@]}" "$berth" load -i "$work/hello.tar" >/dev/null
"${as_root[@]}" "$berth" --root "$work/rootful" load -i "$work/hello.tar" >/dev/null
"${as_user[@]}" podman $podman_args load -q -i "$work/hello.tar" >/dev/null

hyperfine -N --runs "$runs" --warmup 3 --export-json "$work/start.json" \
  -n berth-rootless "${as_user[*]} $berth run --rm --network none berth-demo/hello true" \
  -n berth-rootful "${as_root[*]} $berth --root $work/rootful run --rm --network none berth-demo/hello true" \
  -n podman-rootless "${as_user[*]} podman $podman_args run --rm --network=none $ul berth-demo/hello true"

python3 - "$work/start.json" <<'PY'
import json, sys
s = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
b, r, p = s["berth-rootless"], s["berth-rootful"], s["podman-rootless"]
print(f"\nrun --rm true: rootless berth {b*1000:.0f} ms, rootful berth {r*1000:.0f} ms, rootless podman {p*1000:.0f} ms")
print(f"rootless berth / rootful berth   = {b/r:.2f}")
print(f"rootless berth / rootless podman = {b/p:.2f}   (target <= 0.15)")
PY
