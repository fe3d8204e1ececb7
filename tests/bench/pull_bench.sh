#!/usr/bin/env bash
# Pull benchmark (issue: engine foundation). A ~500 MB image of 5 layers (one of ~20k small
# files) on a loopback docker-registry, pulled to ready-to-run into a fresh store each run:
#   berth pull            vs  podman pull  vs  skopeo copy + umoci unpack
# and the floor: GNU tar extracting the same 5 gzip layers from local files, one after another.
# Prints hyperfine's table and the ratios; never fails on a missed target.
# usage: tests/bench/pull_bench.sh [BUILD_DIR] ; BENCH_SCALE=0.05 for a quick smoke run, BENCH_RUNS (default 5)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
berth="$build/bin/berth"
scale=${BENCH_SCALE:-1.0}
runs=${BENCH_RUNS:-5}
work=$(mktemp -d /tmp/berth-bench-XXXXXX)
cleanup() {
  [[ -n "${reg_pid:-}" ]] && kill "$reg_pid" 2>/dev/null || true
  for d in "$work"/podman-*; do [[ -d "$d" ]] && podman --root "$d/root" --runroot "$d/run" system reset -f >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the benchmark image (scale $scale)"
layers=$(python3 "$here/tests/bench/make_bench_image.py" "$work/layout" "$scale")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: 127.0.0.1:$port}
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
skopeo copy -q --dest-tls-verify=false "oci:$work/layout:bench" "docker://127.0.0.1:$port/bench/image:latest"
ref="127.0.0.1:$port/bench/image:latest"
du -sh "$work/layout/blobs" | awk '{print "== compressed size: " $1}'

tarfloor="d=\$(mktemp -d $work/tar-XXXXXX); for l in $layers; do tar -xzf $work/layout/blobs/sha256/\$l -C \$d; done"
berthcmd="$berth --root \$(mktemp -d $work/berth-XXXXXX) pull -q $ref"
podmancmd="d=\$(mktemp -d $work/podman-XXXXXX); podman --root \$d/root --runroot \$d/run pull -q --tls-verify=false $ref"
skopeocmd="d=\$(mktemp -d $work/skopeo-XXXXXX); skopeo copy -q --src-tls-verify=false docker://$ref oci:\$d/l:t && umoci unpack --image \$d/l:t \$d/b >/dev/null"

hyperfine --runs "$runs" --warmup 1 --export-json "$work/result.json" \
  -n berth "$berthcmd" -n podman "$podmancmd" -n "skopeo+umoci" "$skopeocmd" -n "tar -xzf (floor)" "$tarfloor"

python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
med = {k: v["median"] for k, v in r.items()}
b = med["berth"]
print(f"\nmedians: " + ", ".join(f"{k} {v:.2f}s" for k, v in med.items()))
print(f"berth / podman        = {b / med['podman']:.2f}   (target <= 0.5)")
print(f"berth / skopeo+umoci  = {b / med['skopeo+umoci']:.2f}")
print(f"berth / tar (floor)   = {b / med['tar -xzf (floor)']:.2f}   (target <= 1.2)")
PY
