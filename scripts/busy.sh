#!/bin/bash
#
# Runs a command while the machine is busy: N CPU burners (default: one per core) spin at normal
# priority for as long as the command runs, so timing-dependent tests meet the load a shared CI
# machine gives them. The command's exit status is this script's; the burners always go.
#
#   scripts/busy.sh [-n N] -- COMMAND [ARG...]
#   scripts/busy.sh -- ./test.sh
#   scripts/busy.sh -n 4 -- mvn -B -ntp -pl bundles/org.veilor.rnode test
#
set -euo pipefail
burners=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    -n) burners="$2"; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: scripts/busy.sh [-n N] -- COMMAND [ARG...]" >&2; exit 2; }
case "$burners" in ''|*[!0-9]*) echo "busy.sh: -n needs a whole number, got '$burners'" >&2; exit 2 ;; esac

pids=()
# shellcheck disable=SC2317  # called by the trap
stop_burners() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop_burners EXIT INT TERM
for _ in $(seq 1 "$burners"); do
  # A shell loop keeps one core at 100 % without allocating memory or touching the disk.
  bash -c 'while :; do :; done' &
  pids+=("$!")
done
echo "busy.sh: $burners CPU burner(s) running while: $*" >&2
set +e
"$@"
rc=$?
set -e
exit "$rc"
