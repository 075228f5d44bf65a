#!/bin/bash
#
# Runs the unit tests N times in a row on the current tree, to find tests that fail only
# sometimes, before they fail someone else's fresh clone. Every module with unit tests (or one
# module) is tested in each run; a per-module tally follows ("org.veilor.seed 5/5"). The surefire
# reports and the Maven log of every failed run are kept under target/repeat-tests/ (or
# $REPEAT_TESTS_OUT). Exits non-zero if any run of any module failed.
#
#   scripts/repeat-tests.sh [--busy] N [MODULE]
#   scripts/repeat-tests.sh 5                         # every module, 5 runs
#   scripts/repeat-tests.sh --busy 10 org.veilor.seed  # one module (artifactId or folder), 10 runs,
#                                                      # every core kept busy (scripts/busy.sh)
#
# Unit tests only (surefire): nothing boots Karaf, so no lock is needed. Never installs anything.
#
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage() { echo "usage: scripts/repeat-tests.sh [--busy] N [MODULE]" >&2; exit 2; }
busy=()
if [ "${1:-}" = "--busy" ]; then busy=(scripts/busy.sh --); shift; fi
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
runs=$1
case "$runs" in ''|*[!0-9]*|0) echo "repeat-tests.sh: N must be a whole number above 0, got '$runs'" >&2; exit 2 ;; esac

# Modules with unit tests, from the reactor's module list: folder and artifactId.
folders=()
while read -r m; do
  if [ -d "$m/src/test/java" ] && find "$m/src/test/java" -name '*Test.java' | grep -q .; then
    folders+=("$m")
  fi
done < <(sed -n 's|.*<module>\(.*\)</module>.*|\1|p' pom.xml)
artifact() { sed -n '/<parent>/,/<\/parent>/d; s|.*<artifactId>\(.*\)</artifactId>.*|\1|p' "$1/pom.xml" | head -1; }

extra=()
if [ $# -eq 2 ]; then
  want=${2%/}
  chosen=""
  for m in "${folders[@]}"; do
    if [ "$m" = "$want" ] || [ "$(artifact "$m")" = "$want" ]; then chosen=$m; fi
  done
  if [ -z "$chosen" ]; then
    echo "repeat-tests.sh: no module with unit tests named '$want'; there are:" >&2
    for m in "${folders[@]}"; do echo "  $(artifact "$m")  ($m)" >&2; done
    exit 2
  fi
  folders=("$chosen")
  # -am builds the modules it needs too; only this module's tests run (by its root package,
  # which is its artifactId: the project's naming rule), surefire's default name patterns.
  pkg=$(artifact "$chosen" | tr . /)
  extra=("-Dtest=$pkg/**/*Test,$pkg/**/Test*,$pkg/**/*Tests,$pkg/**/*TestCase" -Dsurefire.failIfNoSpecifiedTests=false)
fi

out=${REPEAT_TESTS_OUT:-$root/target/repeat-tests}
mkdir -p "$out"
declare -A passed
for m in "${folders[@]}"; do passed[$m]=0; done
failed_any=0
list=$(IFS=,; echo "${folders[*]}")
echo "repeat-tests: $runs run(s) of ${#folders[@]} module(s)${busy:+ with every core busy}; failed runs kept in $out"

for run in $(seq 1 "$runs"); do
  for m in "${folders[@]}"; do rm -rf "$m/target/surefire-reports"; done
  log="$out/run-$run.log"
  start=$(date +%s)
  set +e
  "${busy[@]}" mvn -B -ntp test -Dmaven.test.failure.ignore=true -pl "$list" -am "${extra[@]}" >"$log" 2>&1
  rc=$?
  set -e
  line="run $run/$runs ($(( $(date +%s) - start )) s):"
  run_failed=0
  details=""
  for m in "${folders[@]}"; do
    a=$(artifact "$m")
    reports="$m/target/surefire-reports"
    why=""
    if ! compgen -G "$reports/TEST-*.xml" >/dev/null; then
      why="no test reports"
    else
      suites=$(grep -ho '<testsuite [^>]*>' "$reports"/TEST-*.xml)
      tests=$(grep -o ' tests="[0-9]*"' <<<"$suites" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}')
      bad=$(grep -oE ' (errors|failures)="[0-9]*"' <<<"$suites" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}')
      [ "$bad" -eq 0 ] || why="$bad of $tests failed"
    fi
    if [ -z "$why" ] && [ "$rc" -ne 0 ] && grep -q "on project $a:" "$log"; then
      why="maven failed on it (see $log)"
    fi
    if [ -z "$why" ]; then
      passed[$m]=$(( passed[$m] + 1 ))
    else
      failed_any=1
      run_failed=1
      line+=" $a FAILED ($why)"
      keep="$out/run-$run/$a"
      mkdir -p "$keep"
      [ -d "$reports" ] && cp -r "$reports/." "$keep/"
      details+=$(grep -h '<<< \(FAILURE\|ERROR\)!' "$reports"/*.txt 2>/dev/null | grep -v '^Tests run' | sed 's/^/    /' || true)$'\n'
    fi
  done
  if [ "$rc" -ne 0 ] && ! grep -q 'on project ' "$log"; then
    failed_any=1
    run_failed=1
    line+=" maven failed (rc $rc, see $log)"
  fi
  if [ "$run_failed" -eq 0 ]; then
    line+=" all passed"
    rm -f "$log"
  fi
  echo "$line"
  printf '%s' "$details" | grep . || true
done

echo "tally ($runs run(s)):"
for m in "${folders[@]}"; do
  printf '  %-28s %d/%d\n' "$(artifact "$m")" "${passed[$m]}" "$runs"
done
exit "$failed_any"
