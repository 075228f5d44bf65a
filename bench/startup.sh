#!/bin/bash
#
# Benchmark (not a test): cold start of the veilor distribution until veilor:status answers over
# SSH, and its RSS after start, against plain Apache Karaf 4.4.10 with the same JVM options and the
# same key-only SSH setup. Runs alternate (veilor, karaf, veilor, …) on fresh unpacks; prints each
# run, the medians and the ratios. Target (issue 2): ratio <= 1.3 on both.
#
#   bench/startup.sh [RUNS]      (default 5; builds the distribution if needed)
#
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
work=$(mktemp -d /tmp/veilor-bench.XXXXXX)
cleanup() {
  find "$work" -name karaf.pid 2>/dev/null | while read -r f; do kill -9 "$(cat "$f")" 2>/dev/null || true; done
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT
for port in 8101 1099 44444; do
  if ss -ltn "sport = :$port" | grep -q LISTEN; then
    echo "port $port is in use: stop the Karaf instance holding it first (both instances measured here use it)" >&2
    exit 1
  fi
done

tarball=$(ls karaf-assembly/target/veilor-*.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$tarball" ]; then
  mvn -B -ntp -q package -DskipTests
  tarball=$(ls karaf-assembly/target/veilor-*.tar.gz | head -n 1)
fi
karaf_tgz="$work/apache-karaf-4.4.10.tar.gz"
mvn -B -ntp -q dependency:copy -Dartifact=org.apache.karaf:apache-karaf:4.4.10:tar.gz -DoutputDirectory="$work" >/dev/null
ssh-keygen -q -t rsa -b 3072 -N '' -f "$work/key"
pub=$(awk '{print $2}' "$work/key.pub")
jvm_opts="--add-modules jdk.incubator.vector -Djava.awt.headless=true -Xms64m -Xmx384m"

now_ms() { date +%s%3N; }

# Polls a command over OpenSSH every 100 ms until it succeeds; prints the elapsed ms.
wait_answer() {
  local start=$1 cmd=$2
  until ssh -q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=2 \
      -i "$work/key" -p 8101 bench@127.0.0.1 "$cmd" >/dev/null 2>&1; do
    sleep 0.1
    [ $(( $(now_ms) - start )) -lt 180000 ] || { echo "no answer within 180 s" >&2; return 1; }
  done
  echo $(( $(now_ms) - start ))
}

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }

stop_instance() {
  local dir=$1 pid
  pid=$(cat "$dir/karaf.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

run_veilor() {
  local n=$1 dir="$work/veilor-$1"
  mkdir -p "$dir" && tar xzf "$tarball" -C "$dir" --strip-components=1
  "$dir/bin/veilor" --profile operator --base "$dir/base" init >/dev/null
  printf 'bench=%s,_g_:admingroup\n' "$pub" >> "$dir/base/etc/keys.properties"
  local start; start=$(now_ms)
  "$dir/bin/veilor" --base "$dir/base" start >/dev/null 2>&1
  local ms; ms=$(wait_answer "$start" "veilor:status")
  sleep 10
  local rss; rss=$(rss_kb "$(cat "$dir/base/karaf.pid")")
  stop_instance "$dir/base"
  echo "$ms $rss"
}

run_karaf() {
  local n=$1 dir="$work/karaf-$1"
  mkdir -p "$dir" && tar xzf "$karaf_tgz" -C "$dir" --strip-components=1
  # The same SSH setup as veilor ships: key only, loopback.
  printf 'bench=%s,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n' "$pub" > "$dir/etc/keys.properties"
  sed -i -e 's/^sshHost.*/sshHost = 127.0.0.1/' "$dir/etc/org.apache.karaf.shell.cfg"
  echo "authMethods = publickey" >> "$dir/etc/org.apache.karaf.shell.cfg"
  local start; start=$(now_ms)
  EXTRA_JAVA_OPTS="$jvm_opts" "$dir/bin/start" >/dev/null 2>&1
  local ms; ms=$(wait_answer "$start" "system:name")
  sleep 10
  local rss; rss=$(rss_kb "$(cat "$dir/karaf.pid")")
  stop_instance "$dir"
  echo "$ms $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "startup benchmark: $runs alternating runs each; JVM options: $jvm_opts"
echo "java: $(java -version 2>&1 | head -n 1)"
printf '%-8s %-4s %12s %10s\n' instance run "answer (ms)" "RSS (MB)"
vs=() vr=() ks=() kr=()
for i in $(seq 1 "$runs"); do
  read -r ms rss < <(run_veilor "$i"); vs+=("$ms"); vr+=("$rss")
  printf '%-8s %-4s %12s %10s\n' veilor "$i" "$ms" "$((rss / 1024))"
  read -r ms rss < <(run_karaf "$i"); ks+=("$ms"); kr+=("$rss")
  printf '%-8s %-4s %12s %10s\n' karaf "$i" "$ms" "$((rss / 1024))"
done
vms=$(printf '%s\n' "${vs[@]}" | median); kms=$(printf '%s\n' "${ks[@]}" | median)
vrs=$(printf '%s\n' "${vr[@]}" | median); krs=$(printf '%s\n' "${kr[@]}" | median)
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf 'median start to answer: veilor %d ms, karaf %d ms, ratio %s (target <= 1.30)\n' "$vms" "$kms" "$(ratio "$vms" "$kms")"
printf 'median RSS after start: veilor %d MB, karaf %d MB, ratio %s (target <= 1.30)\n' "$((vrs / 1024))" "$((krs / 1024))" "$(ratio "$vrs" "$krs")"
