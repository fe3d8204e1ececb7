#!/usr/bin/env bash
# Checks that USER can run Berth without root, and prints the exact command that fixes each
# problem: subordinate uid/gid ranges, the setuid helpers newuidmap/newgidmap, user namespaces
# allowed by the kernel, XDG_RUNTIME_DIR, /dev/net/tun usable by the user, and a user-mode network
# stack. `berth info` run as the user reports the same checks (core/runtime/rootless/rootless_checks.cpp).
# Exit status: 0 when rootless Berth has everything, 1 when something is missing.
set -uo pipefail

user=${1:-$(id -un)}
if ! entry=$(getent passwd "$user"); then
  echo "check-rootless: no such user: $user" >&2
  exit 2
fi
uid=$(cut -d: -f3 <<<"$entry")
if [[ $uid -eq 0 ]]; then
  echo "root runs Berth rootful (store /var/lib/berth); rootless checks are for ordinary users."
  exit 0
fi
failed=0

ok() { printf '  ok       %s\n' "$1"; }
bad() { printf '  MISSING  %s\n           fix: %s\n' "$1" "$2"; failed=1; }
warn() { printf '  warning  %s\n           fix: %s\n' "$1" "$2"; }

# A free range after every existing one, 100000 + a multiple of 65536 (as useradd lays them out).
free_range() {
  local end
  end=$(cat /etc/subuid /etc/subgid 2>/dev/null |
    awk -F: '!/^#/ && NF == 3 && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ { e = $2 + $3; if (e > m) m = e }
             END { s = 100000; if (m > s) s = 100000 + int((m - 100000 + 65535) / 65536) * 65536; print s }')
  echo "$end-$((end + 65535))"
}

has_range() { # file
  awk -F: -v u="$user" -v id="$uid" '($1 == u || $1 == id) && $3 > 0 { found = 1 } END { exit !found }' "$1" 2>/dev/null
}

echo "Rootless Berth for $user (uid $uid):"
range=$(free_range)
for kind in uid gid; do
  if has_range "/etc/sub$kind"; then
    ok "subordinate ${kind}s in /etc/sub$kind"
  else
    bad "no subordinate $kind range for $user in /etc/sub$kind (Berth falls back to single-id mode)" \
      "sudo usermod --add-subuids $range --add-subgids $range $user"
  fi
done

for tool in newuidmap newgidmap; do
  path=$(command -v "$tool" || true)
  [[ -z "$path" && -x /usr/bin/$tool ]] && path=/usr/bin/$tool
  if [[ -z "$path" ]]; then
    bad "$tool not found" "sudo apt-get install uidmap"
  elif [[ -u "$path" && $(stat -c %u "$path") -eq 0 ]] || { command -v getcap >/dev/null && getcap "$path" | grep -q cap_setuid; }; then
    ok "$tool ($path)"
  else
    bad "$path is not setuid root" "sudo chown root:root $path && sudo chmod u+s $path"
  fi
done

sysctl_check() { # file name wanted(nonzero|zero) fix-value
  [[ -r "$1" ]] || return 0
  local v
  v=$(<"$1")
  if { [[ $3 == nonzero && $v -ne 0 ]] || [[ $3 == zero && $v -eq 0 ]]; }; then
    ok "$2 = $v"
  else
    bad "$2 = $v: unprivileged user namespaces are blocked" \
      "sudo sysctl -w $2=$4 (and put it in /etc/sysctl.d/ to keep it)"
  fi
}
sysctl_check /proc/sys/user/max_user_namespaces user.max_user_namespaces nonzero 15000
sysctl_check /proc/sys/kernel/unprivileged_userns_clone kernel.unprivileged_userns_clone nonzero 1
sysctl_check /proc/sys/kernel/apparmor_restrict_unprivileged_userns kernel.apparmor_restrict_unprivileged_userns zero 0

# XDG_RUNTIME_DIR is the user's session's; checked from outside, its usual place stands in for it.
# Without it Berth uses logind's /run/user/UID when that is there, else /tmp/berth-run-UID.
if [[ $(id -u) -eq "$uid" ]]; then run_dir=${XDG_RUNTIME_DIR:-}; else run_dir=; fi
[[ -z "$run_dir" && -d /run/user/$uid && $(stat -c %u /run/user/$uid) -eq $uid ]] && run_dir=/run/user/$uid
if [[ -n "$run_dir" ]]; then
  ok "XDG_RUNTIME_DIR ($run_dir)"
else
  warn "XDG_RUNTIME_DIR is not set (Berth keeps its runtime state in /tmp/berth-run-$uid)" \
    "log in through a session that sets it (pam_systemd), or \`sudo install -d -m 0700 -o $user /run/user/$uid\` and \`export XDG_RUNTIME_DIR=/run/user/$uid\`"
fi

# slirp4netns opens the tun device as the user inside the container's network namespace; host
# root owns the node, so the user needs the "other" read and write bits (udev's 0666).
if [[ ! -c /dev/net/tun ]]; then
  warn "/dev/net/tun is missing: containers get only --network none" "sudo modprobe tun (and add tun to /etc/modules to keep it)"
elif [[ $(( 0$(stat -c %a /dev/net/tun) & 06 )) -eq 6 ]]; then
  ok "/dev/net/tun (mode $(stat -c %a /dev/net/tun))"
else
  warn "/dev/net/tun has mode $(stat -c %a /dev/net/tun): $user cannot open it, so containers get only --network none" \
    "sudo chmod 0666 /dev/net/tun (udev sets that at boot; without udev add KERNEL==\"tun\", MODE=\"0666\" to /etc/udev/rules.d/50-tun.rules)"
fi

if command -v slirp4netns >/dev/null || command -v pasta >/dev/null; then
  ok "user-mode networking ($(command -v slirp4netns pasta | xargs -n1 basename | paste -sd' ' -))"
else
  warn "neither slirp4netns nor pasta found: containers get only --network none" "sudo apt-get install slirp4netns passt"
fi

if ((failed)); then
  echo "Rootless Berth is not fully available for $user: run the commands above."
  exit 1
fi
echo "Rootless Berth is ready for $user."
