#!/usr/bin/env bash
# Networking benchmark (issue: networking), side by side:
#   1. HTTP requests/s with wrk through a port published on 127.0.0.1 to busybox httpd
#      (berth-demo/web), berth's default bridge vs podman's default network;
#   2. container start time with the bridge vs --network none, berth and podman.
# Each engine runs in a network namespace of its own that this script creates and deletes, so no
# bridge, veth or firewall rule ever touches the host's namespace (and podman's 10.88.0.0/16 does
# not meet berth's). crun refuses this machine's hybrid cgroups, so podman uses runc.
# Prints ratios; never fails on a missed target.
# usage: tests/bench/net_bench.sh [BUILD_DIR] ; BENCH_RUNS (default 20), WRK_SECONDS (default 10),
#        BENCH_PODMAN=0 for berth's figures alone (no podman runs)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
berth="$build/bin/berth"
runs=${BENCH_RUNS:-20}
secs=${WRK_SECONDS:-10}
with_podman=${BENCH_PODMAN:-1}
work=$(mktemp -d /tmp/berth-netbench-XXXXXX)
tag=$$
ns_berth=berth-bench-b$tag
ns_podman=berth-bench-p$tag
podman_args=(--root "$work/podman/root" --runroot "$work/podman/run" --runtime runc)
ul=(--ulimit nofile=20000:20000 --ulimit nproc=32768:32768)
inb() { nsenter --net="/run/netns/$ns_berth" "$@"; }
inp() { nsenter --net="/run/netns/$ns_podman" "$@"; }
cleanup() {
  inb "$berth" --root "$work/berth" ps -aq 2>/dev/null | xargs -r nsenter --net="/run/netns/$ns_berth" \
    "$berth" --root "$work/berth" rm -f >/dev/null 2>&1 || true
  inp podman "${podman_args[@]}" rm -af -t 0 >/dev/null 2>&1 || true
  inp podman "${podman_args[@]}" system reset -f >/dev/null 2>&1 || true
  ip netns delete "$ns_berth" 2>/dev/null || true
  ip netns delete "$ns_podman" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for ns in "$ns_berth" "$ns_podman"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
done

web="$build/demo-images/berth-demo-web.tar"
hello="$build/demo-images/berth-demo-hello.tar"
for t in "$web" "$hello"; do
  "$berth" --root "$work/berth" load -i "$t" >/dev/null
  [ "$with_podman" = 0 ] || podman "${podman_args[@]}" load -q -i "$t" >/dev/null
done

# 1. Throughput through a published port.
inb "$berth" --root "$work/berth" run -d --name web --network bridge -p 127.0.0.1:18080:80 berth-demo/web >/dev/null
[ "$with_podman" = 0 ] || inp podman "${podman_args[@]}" run -d --name web "${ul[@]}" -p 127.0.0.1:18080:80 berth-demo/web >/dev/null
for i in $(seq 50); do
  inb curl -fs -o /dev/null http://127.0.0.1:18080/ &&
    { [ "$with_podman" = 0 ] || inp curl -fs -o /dev/null http://127.0.0.1:18080/; } && break
  sleep 0.1
done
rps() { awk '/^Requests\/sec:/ {print $2}'; }
inb wrk -t2 -c32 -d2s http://127.0.0.1:18080/ >/dev/null # warm-up
b_rps=$(inb wrk -t2 -c32 -d"${secs}s" http://127.0.0.1:18080/ | rps)
p_rps=0
[ "$with_podman" = 0 ] || p_rps=$(inp wrk -t2 -c32 -d"${secs}s" http://127.0.0.1:18080/ | rps)
inb "$berth" --root "$work/berth" rm -f web >/dev/null
[ "$with_podman" = 0 ] || inp podman "${podman_args[@]}" rm -f -t 0 web >/dev/null

# 2. Start cost of the bridge.
podman_runs=()
[ "$with_podman" = 0 ] || podman_runs=(
  -n podman-none "nsenter --net=/run/netns/$ns_podman podman ${podman_args[*]} run --rm --network=none ${ul[*]} berth-demo/hello true"
  -n podman-bridge "nsenter --net=/run/netns/$ns_podman podman ${podman_args[*]} run --rm ${ul[*]} berth-demo/hello true")
hyperfine -N --runs "$runs" --warmup 3 --export-json "$work/start.json" \
  -n berth-none "nsenter --net=/run/netns/$ns_berth $berth --root $work/berth run --rm --network none berth-demo/hello true" \
  -n berth-bridge "nsenter --net=/run/netns/$ns_berth $berth --root $work/berth run --rm --network bridge berth-demo/hello true" \
  "${podman_runs[@]}"

python3 - "$work/start.json" "$b_rps" "$p_rps" <<'PY'
import json, sys
s = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
b, p = float(sys.argv[2]), float(sys.argv[3])
podman = "podman-none" in s
if podman:
    print(f"\nHTTP through 127.0.0.1 published port: berth {b:.0f} req/s, podman {p:.0f} req/s, "
          f"ratio {b/p:.2f}   (target >= 1.0)")
    print(f"start, none / bridge: berth {s['berth-none']*1000:.0f} / {s['berth-bridge']*1000:.0f} ms, "
          f"podman {s['podman-none']*1000:.0f} / {s['podman-bridge']*1000:.0f} ms")
    print(f"bridge cost: berth {s['berth-bridge']/s['berth-none']:.2f}x, podman {s['podman-bridge']/s['podman-none']:.2f}x   "
          f"(target: berth <= 1.3x)")
else:
    print(f"\nHTTP through 127.0.0.1 published port: berth {b:.0f} req/s (podman skipped)")
    print(f"start, none / bridge: berth {s['berth-none']*1000:.0f} / {s['berth-bridge']*1000:.0f} ms")
    print(f"bridge cost: berth {s['berth-bridge']/s['berth-none']:.2f}x   (target: berth <= 1.3x)")
PY
