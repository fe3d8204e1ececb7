#!/usr/bin/env bash
# Desktop app benchmark (issue 4):
#   1. start of berth-desktop to its first painted window, 200 containers in the store (hyperfine;
#      the app prints its own main()-to-first-paint ms with BERTH_EXIT_AFTER_FIRST_PAINT=1);
#   2. CPU time of the app showing the Containers page with live stats for 50 running containers,
#      next to `podman stats` streaming the same 50, over BENCH_SECONDS (default 60), from
#      /proc/<pid>/stat utime+stime, with the app's share per thread (berth-watch lists and samples,
#      berth-desktop is the GUI thread); also next to `podman stats --interval 1` (the app samples
#      every second); the app's peak resident memory (VmHWM).
# podman uses runc (crun refuses this machine's hybrid cgroups) and every container --network none.
# Prints the figures and targets; never fails on a missed target.
# usage: tests/bench/app_bench.sh [BUILD_DIR] ; BENCH_SECONDS (default 60), BENCH_RUNS (default 10)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
berth="$build/bin/berth"
desktop="$build/bin/berth-desktop"
seconds=${BENCH_SECONDS:-60}
runs=${BENCH_RUNS:-10}
demo="$build/demo-images/berth-demo-hello.tar"
work=$(mktemp -d /tmp/berth-appbench-XXXXXX)
podman_args=(--root "$work/podman/root" --runroot "$work/podman/run" --runtime runc)
ul=(--ulimit nofile=20000:20000 --ulimit nproc=32768:32768)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  for s in "$work/created" "$work/running"; do
    "$berth" --root "$s" ps -aq 2>/dev/null | xargs -r "$berth" --root "$s" rm -f >/dev/null 2>&1 || true
  done
  podman "${podman_args[@]}" rm -af -t 0 >/dev/null 2>&1 || true
  podman "${podman_args[@]}" system reset -f >/dev/null 2>&1 || true
  # podman bind-mounts its overlay dir onto itself and does not always undo it: ours to remove.
  umount "$work/podman/root/overlay" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  export QT_QPA_PLATFORM=offscreen
  echo "no display: QT_QPA_PLATFORM=offscreen (painting into an offscreen buffer)"
fi
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# "tid name ticks" per thread (utime+stime, read after the ")" that ends a name with spaces).
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s %s %s\n' "${t##*/}" "$(tr ' ' _ <"$t/comm")" "$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"
  done
}

# 1. First window with 200 containers in the store.
"$berth" --root "$work/created" load -i "$demo" >/dev/null
for i in $(seq 200); do "$berth" --root "$work/created" create --network none --name "c$i" berth-demo/hello true >/dev/null; done
first=()
for i in $(seq 5); do
  first+=("$(BERTH_EXIT_AFTER_FIRST_PAINT=1 "$desktop" --root "$work/created" --page containers 2>/dev/null | awk '/^first-paint-ms/ {print $2}')")
done
BERTH_EXIT_AFTER_FIRST_PAINT=1 hyperfine -N --runs "$runs" --warmup 2 --export-json "$work/first.json" \
  -n first-window "$desktop --root $work/created --page containers"

# 2. 50 running containers with live stats: app vs podman stats.
"$berth" --root "$work/running" load -i "$demo" >/dev/null
podman "${podman_args[@]}" load -q -i "$demo" >/dev/null
for i in $(seq 50); do
  "$berth" --root "$work/running" run -d --network none --name "r$i" berth-demo/hello sleep 600 >/dev/null
  podman "${podman_args[@]}" run -d --network=none "${ul[@]}" --name "r$i" berth-demo/hello sleep 600 >/dev/null
done
"$desktop" --root "$work/running" --page containers >/dev/null 2>&1 &
app=$!; pids+=("$app")
podman "${podman_args[@]}" stats >/dev/null 2>&1 &
pst=$!; pids+=("$pst")
# podman stats refreshes every 5 s by default; the app samples every second (the issue asks for
# 1 s sampling), so the same-rate figure is shown too.
podman "${podman_args[@]}" stats --interval 1 >/dev/null 2>&1 &
ps1=$!; pids+=("$ps1")
sleep 5 # both settled: the app listed the containers, podman stats printed its first frame
a0=$(cpu_ticks "$app"); p0=$(cpu_ticks "$pst"); q0=$(cpu_ticks "$ps1")
thread_ticks "$app" >"$work/threads0"
sleep "$seconds"
a1=$(cpu_ticks "$app"); p1=$(cpu_ticks "$pst"); q1=$(cpu_ticks "$ps1")
thread_ticks "$app" >"$work/threads1"
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$app/status")
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$app/status")

python3 - "$work/first.json" "$(getconf CLK_TCK)" "$seconds" "$((a1 - a0))" "$((p1 - p0))" "$hwm" "$rss" "$((q1 - q0))" "$work/threads0" "$work/threads1" "${first[@]}" <<'PY'
import collections, json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
tck, secs, app, pst, hwm, rss, ps1 = map(int, sys.argv[2:9])
def threads(path):  # tid -> (name, ticks)
    return {tid: (name, int(ticks)) for tid, name, ticks in (line.split() for line in open(path) if line.strip())}
t0, t1 = threads(sys.argv[9]), threads(sys.argv[10])
first = [int(x) for x in sys.argv[11:] if x]
print(f"\nfirst window, 200 containers: main() to first paint median {statistics.median(first)} ms {first}; "
      f"whole process (start, paint, quit) median {r['median']*1000:.0f} ms   (target < 1000 ms)")
print(f"CPU over {secs} s, 50 running: app {app/tck:.2f} s ({100*app/tck/secs:.1f} %), "
      f"podman stats {pst/tck:.2f} s ({100*pst/tck/secs:.1f} %), ratio {app/pst if pst else float('nan'):.2f}   (target <= 0.5)")
print(f"  same 1 s rate: podman stats --interval 1 {ps1/tck:.2f} s ({100*ps1/tck/secs:.1f} %), "
      f"ratio {app/ps1 if ps1 else float('nan'):.2f}")
by_name = collections.Counter()
for tid, (name, b) in t1.items():
    by_name[name] += b - t0.get(tid, (name, 0))[1]
print("  app CPU by thread: " + ", ".join(f"{n} {v/tck:.2f} s" for n, v in by_name.most_common()))
print(f"app resident memory: peak {hwm/1024:.0f} MB, now {rss/1024:.0f} MB   (target < 150 MB)")
PY
