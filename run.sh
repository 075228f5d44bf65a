#!/bin/bash
#
# Builds the veilor distribution, starts it with the operator profile on the embedded defaults,
# and runs the main job, veilor:release. Leaves the instance running and says how to reach it.
#
#   ./run.sh            build (no tests), start, release
#   ./run.sh --stop     stop the instance started by ./run.sh
#
set -euo pipefail
cd "$(dirname "$0")"
top=$(pwd)
run_dir="$top/target/run"
base="$run_dir/operator"

command -v ssh-keygen >/dev/null || { echo "run.sh: ssh-keygen is needed (Debian: apt-get install openssh-client)" >&2; exit 1; }

home() { ls -d "$run_dir"/veilor-*/ 2>/dev/null | head -n 1 | sed 's:/$::'; }

if [ "${1:-}" = "--stop" ]; then
  h=$(home)
  [ -n "$h" ] && "$h/bin/veilor" --base "$base" stop
  exit 0
fi

mvn -B -ntp -q package -DskipTests
tarball=$(ls karaf-assembly/target/veilor-*.tar.gz | head -n 1)

# A running instance from an earlier ./run.sh is stopped first; its base (etc/, data/) is kept.
if h=$(home) && [ -n "$h" ]; then "$h/bin/veilor" --base "$base" stop >/dev/null 2>&1 || true; fi
rm -rf "$run_dir"/veilor-*/
mkdir -p "$run_dir"
tar xzf "$tarball" -C "$run_dir"
h=$(home)

"$h/bin/veilor" --profile operator --base "$base" start
"$h/bin/veilor" --base "$base" wait
"$h/bin/veilor" --base "$base" client veilor:release

cat <<TXT

The operator instance is running (base: $base).
  release folder : $base/release/<stage>/ (see the line above; report: release-report.json)
  shell          : $h/bin/veilor --base $base client 'veilor:status'
  interactive    : ssh -p 8101 -i $base/etc/veilor-local_rsa veilor-local@127.0.0.1
  stop           : ./run.sh --stop
TXT
