#!/bin/bash
#
# Runs the serial tests RUNS times in a row (default 10) while N CPU burners keep every core busy
# (scripts/busy.sh), stopping at the first failure: the unit tests of org.veilor.rnode and
# org.veilor.mesh.reticulum (PTY pairs, the RNode emulator, a fake rnsd holding the port), and with
# --its also RNodeIT and ReticulumIT on the distribution. Each run's Maven log is kept in
# target/serial-soak/. --its boots Karaf: run it under the lock that serialises Karaf runs, if the
# machine has one.
#
#   scripts/serial-soak.sh [-n RUNS] [--burners N] [--its]
#   scripts/serial-soak.sh -n 10 --its
#
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10
burners=$(nproc)
its=no
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    --burners) burners="$2"; shift 2 ;;
    --its) its=yes; shift ;;
    *) echo "usage: scripts/serial-soak.sh [-n RUNS] [--burners N] [--its]" >&2; exit 2 ;;
  esac
done
case "$runs$burners" in ''|*[!0-9]*) echo "serial-soak.sh: -n and --burners need whole numbers" >&2; exit 2 ;; esac

modules=bundles/org.veilor.rnode,bundles/org.veilor.mesh.reticulum
goal=test
# Only the serial modules' unit tests; the modules they build on are built, not tested again.
tests=(-Dtest='org.veilor.rnode.**.*Test,org.veilor.mesh.reticulum.**.*Test' -Dsurefire.failIfNoSpecifiedTests=false)
if [ "$its" = yes ]; then
  modules="$modules,itests/karaf"
  goal=verify
  tests+=(-Dit.test=RNodeIT,ReticulumIT)
fi
logs=target/serial-soak
mkdir -p "$logs"

for i in $(seq 1 "$runs"); do
  log="$logs/run-$i.log"
  start=$(date +%s)
  if scripts/busy.sh -n "$burners" -- mvn -B -ntp -pl "$modules" -am "$goal" "${tests[@]}" >"$log" 2>&1; then
    counts=$(grep -E '^\[INFO\] Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: [0-9]+$' "$log" \
      | sed -E 's/.*Tests run: ([0-9]+).*/\1/' | awk '{ n += $1 } END { print n + 0 }')
    echo "run $i/$runs passed in $(( $(date +%s) - start )) s: ${counts:-0} tests ($log)"
  else
    echo "run $i/$runs FAILED after $(( $(date +%s) - start )) s; see $log:" >&2
    grep -E 'Tests run:.*(Failures: [1-9]|Errors: [1-9])|FAIL|<<<' "$log" | head -20 >&2 || true
    exit 1
  fi
done
echo "serial-soak: $runs of $runs runs passed with $burners CPU burner(s)"
