#!/usr/bin/env bash
# Container start benchmark (issue: containers). Side by side in one hyperfine run:
#   berth run --rm berth-demo/hello true           (image present, --network none)
#   runc run on a prepared bundle of the same image (the floor: no rootfs mount, no state)
#   podman run --rm --network=none …
# then 50 × run -d … sleep, removing all 50, berth vs podman; and the resident memory of one idle
# shim vs one conmon. crun refuses this machine's hybrid cgroups (machine-notes), so runc is the
# OCI runtime measured, and podman is told to use it too. Prints ratios; never fails on a missed target.
# usage: tests/bench/run_bench.sh [BUILD_DIR] ; BENCH_RUNS (default 20); BENCH_PARTS: which parts, of
# "start fifty memory" (default all three), e.g. BENCH_PARTS=memory for the idle supervisors alone.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
berth="$build/bin/berth"
runs=${BENCH_RUNS:-20}
parts=" ${BENCH_PARTS:-start fifty memory} "
want() { [[ $parts == *" $1 "* ]]; }
work=$(mktemp -d /tmp/berth-runbench-XXXXXX)
podman_args=(--root "$work/podman/root" --runroot "$work/podman/run" --runtime runc)
ul=(--ulimit nofile=20000:20000 --ulimit nproc=32768:32768)
cleanup() {
  "$berth" --root "$work/berth" ps -aq 2>/dev/null | xargs -r "$berth" --root "$work/berth" rm -f >/dev/null 2>&1 || true
  podman "${podman_args[@]}" rm -af >/dev/null 2>&1 || true
  podman "${podman_args[@]}" system reset -f >/dev/null 2>&1 || true
  runc delete -f berth-bench >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
demo="$build/demo-images/berth-demo-hello.tar"

"$berth" --root "$work/berth" load -i "$demo" >/dev/null
podman "${podman_args[@]}" load -q -i "$demo" >/dev/null
skopeo copy -q "oci-archive:$demo" "oci:$work/oci:hello"
umoci unpack --image "$work/oci:hello" "$work/bundle" >/dev/null
jq '.process.args = ["true"] | .process.terminal = false' "$work/bundle/config.json" >"$work/config.json"
mv "$work/config.json" "$work/bundle/config.json"

want start && hyperfine -N --runs "$runs" --warmup 3 --export-json "$work/start.json" \
  -n berth "$berth --root $work/berth run --rm --network none berth-demo/hello true" \
  -n runc "runc run --bundle $work/bundle berth-bench" \
  -n podman "podman ${podman_args[*]} run --rm --network=none ${ul[*]} berth-demo/hello true"

fifty() { # $1: berth|podman
  local ids=()
  for i in $(seq 50); do
    if [[ $1 == berth ]]; then "$berth" --root "$work/berth" run -d --network none berth-demo/hello sleep 300 >/dev/null
    else podman "${podman_args[@]}" run -d --network=none "${ul[@]}" berth-demo/hello sleep 300 >/dev/null; fi
  done
  if [[ $1 == berth ]]; then "$berth" --root "$work/berth" ps -aq | xargs "$berth" --root "$work/berth" rm -f >/dev/null
  else podman "${podman_args[@]}" rm -af -t 0 >/dev/null; fi
}
export -f fifty; export berth work
want fifty && hyperfine --runs 3 --export-json "$work/fifty.json" -n berth "bash -c 'podman_args=(--root $work/podman/root --runroot $work/podman/run --runtime runc); ul=(${ul[*]}); $(declare -f fifty); fifty berth'" \
  -n podman "bash -c 'podman_args=(--root $work/podman/root --runroot $work/podman/run --runtime runc); ul=(${ul[*]}); $(declare -f fifty); fifty podman'"

# Resident memory of one idle supervisor each.
shim_rss=0 shim_pss=0 con_rss=0 con_pss=0 shim_pd=0 con_pd=0
if want memory; then
"$berth" --root "$work/berth" run -d --network none --name idle berth-demo/hello sleep 300 >/dev/null
podman "${podman_args[@]}" run -d --name idle --network=none "${ul[@]}" berth-demo/hello sleep 300 >/dev/null
sleep 1
shim=$(pgrep -f "berth-shim --root $work/berth" | head -1)
conmon=$(pgrep -f "conmon.*idle" | head -1 || true)
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
pss() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup"; }
dirty() { awk '/^Private_Dirty:/ {print $2}' "/proc/$1/smaps_rollup"; }
shim_rss=$(rss "$shim") shim_pss=$(pss "$shim") con_rss=$(rss "$conmon") con_pss=$(pss "$conmon")
shim_pd=$(dirty "$shim") con_pd=$(dirty "$conmon")
fi

python3 - "$work/start.json" "$work/fifty.json" "$shim_rss" "$shim_pss" "$con_rss" "$con_pss" "$shim_pd" "$con_pd" <<'PY'
import json, os, sys
def medians(path):
    return {r["command"]: r["median"] for r in json.load(open(path))["results"]} if os.path.exists(path) else None
s, f = medians(sys.argv[1]), medians(sys.argv[2])
shim_rss, shim_pss, con_rss, con_pss, shim_pd, con_pd = map(int, sys.argv[3:9])
if s:
    print(f"\nrun --rm true: berth {s['berth']*1000:.0f} ms, runc {s['runc']*1000:.0f} ms, podman {s['podman']*1000:.0f} ms")
    print(f"berth / runc    = {s['berth']/s['runc']:.2f}   (target <= 1.5 of crun; runc measured)")
    print(f"berth / podman  = {s['berth']/s['podman']:.2f}   (target <= 0.1)")
if f:
    print(f"50 x run -d + rm: berth {f['berth']:.2f} s, podman {f['podman']:.2f} s, ratio {f['berth']/f['podman']:.2f}   (target <= 0.25)")
if con_rss:
    print(f"idle supervisor: shim RSS {shim_rss} kB / PSS {shim_pss} kB, conmon RSS {con_rss} kB / PSS {con_pss} kB, "
          f"ratio RSS {shim_rss/con_rss:.2f}, PSS {shim_pss/con_pss:.2f}   (target <= 0.5)")
    # PSS shares each library page among all its users: conmon's drops as other conmons (or
    # glib users) run, the shim's code is shared by shims only. What one more supervisor costs
    # once many run is its private dirty memory.
    print(f"  private dirty: shim {shim_pd} kB, conmon {con_pd} kB, ratio {shim_pd/con_pd:.2f}")
PY
