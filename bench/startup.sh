#!/bin/bash
#
# Benchmark (not a test): cold start of the veilor distribution until veilor:status answers over
# SSH, and its RSS after start, against plain Apache Karaf 4.4.10 with the same JVM options and the
# same key-only SSH setup. Every run is a fresh unpack and a fresh base, started as a user does
# (bin/veilor init, start). Runs alternate veilor (operator profile), stock Karaf, veilor (node
# profile); prints each run, the medians and the ratios. Target (issues 2 and 16): <= 1.3 on both.
#
# Every veilor start is also checked as the cold-boot test does (issue 16): it must answer, the
# profile must get in sync, and its karaf.log must show one boot deployment that stops, updates or
# refreshes nothing, and no ERROR. Any failure is reported with bin/veilor wait's diagnosis and
# makes the script exit 1. The default 10 rounds make 20 veilor cold starts.
#
#   bench/startup.sh [ROUNDS]      (default 10; builds the distribution if needed)
#
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
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
mvn -B -ntp -q dependency:copy -Dartifact=org.apache.karaf:apache-karaf:4.4.10:tar.gz -DoutputDirectory="$work" >/dev/null
karaf_tgz="$work/apache-karaf-4.4.10.tar.gz"
ssh-keygen -q -t rsa -b 3072 -N '' -f "$work/key"
pub=$(awk '{print $2}' "$work/key.pub")
jvm_opts="--add-modules jdk.incubator.vector -Djava.awt.headless=true -Xms64m -Xmx384m"
failures=0

now_ms() { date +%s%3N; }

# Polls a command over OpenSSH every 100 ms until it succeeds; prints the elapsed ms.
wait_answer() {
  local start=$1 cmd=$2
  until ssh -q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=2 \
      -i "$work/key" -p 8101 bench@127.0.0.1 "$cmd" >/dev/null 2>&1; do
    sleep 0.1
    [ $(( $(now_ms) - start )) -lt 180000 ] || return 1
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

# What ColdBootIT asserts, on one base's karaf.log; prints the problems found.
boot_problems() {
  local log=$1 boots
  grep -E '\| FeaturesServiceImpl +\|.*\| (Stopping|Refreshing|Updating|Uninstalling) bundles:' "$log" \
    | sed 's/^/  deployer disturbed bundles: /' || true
  boots=$(grep -E '\| FeaturesServiceImpl +\|.*\| Adding features:' "$log" | grep -vc '| veilor-profile-installer |' || true)
  [ "$boots" = 1 ] || echo "  boot features deployed $boots times (features.core restarted by a refresh?)"
  grep -E '^[^|]*\| ERROR +\|' "$log" | head -n 5 | sed 's/^/  ERROR: /' || true
}

# One veilor cold start with a profile: prints "ms rss" or "FAIL".
run_veilor() {
  local n=$1 profile=$2 dir="$work/veilor-$1-$2" base problems start ms rss
  base="$dir/base"
  mkdir -p "$dir/home" && tar xzf "$tarball" -C "$dir/home" --strip-components=1
  "$dir/home/bin/veilor" --profile "$profile" --base "$base" init >/dev/null
  printf 'bench=%s,_g_:admingroup\n' "$pub" >> "$base/etc/keys.properties"
  # The node profile acts on the real machine (hostRoot = /) and listens on every address:
  # here it gets a sandbox root and loopback, as the tests give it.
  if grep -q '^hostRoot *= */ *$' "$base/etc/org.veilor.core.cfg" 2>/dev/null; then
    mkdir -p "$dir/host"
    sed -i "s#^hostRoot *=.*#hostRoot = $dir/host#" "$base/etc/org.veilor.core.cfg"
  fi
  sed -i 's/^sshHost *=.*/sshHost = 127.0.0.1/' "$base/etc/org.apache.karaf.shell.cfg"
  start=$(now_ms)
  "$dir/home/bin/veilor" --base "$base" start >/dev/null 2>&1
  if ! ms=$(wait_answer "$start" "veilor:status"); then
    echo "veilor $profile run $n: no answer within 180 s" >&2
    VEILOR_WAIT_SECONDS=1 "$dir/home/bin/veilor" --base "$base" wait 2>&1 | sed 's/^/  /' >&2 || true
    stop_instance "$base"; echo FAIL; return 0
  fi
  if ! "$dir/home/bin/veilor" --base "$base" wait 2>"$dir/wait.err"; then
    echo "veilor $profile run $n: profile not in sync" >&2; sed 's/^/  /' "$dir/wait.err" >&2
    stop_instance "$base"; echo FAIL; return 0
  fi
  problems=$(boot_problems "$base/data/log/karaf.log")
  sleep 10
  rss=$(rss_kb "$(cat "$base/karaf.pid")")
  stop_instance "$base"
  if [ -n "$problems" ]; then
    echo "veilor $profile run $n: $base/data/log/karaf.log" >&2; echo "$problems" >&2
    echo FAIL; return 0
  fi
  rm -rf "$dir"
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
  local ms; ms=$(wait_answer "$start" "system:name") || { echo "stock karaf run $n: no answer" >&2; exit 1; }
  sleep 10
  local rss; rss=$(rss_kb "$(cat "$dir/karaf.pid")")
  stop_instance "$dir"
  rm -rf "$dir"
  echo "$ms $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "startup benchmark: $rounds rounds (veilor operator, stock karaf, veilor node); JVM options: $jvm_opts"
echo "java: $(java -version 2>&1 | head -n 1)"
printf '%-16s %-4s %12s %10s\n' instance run "answer (ms)" "RSS (MB)"
vs=() vr=() ns=() nr=() ks=() kr=()
row() { printf '%-16s %-4s %12s %10s\n' "$1" "$2" "$3" "$4"; }
for i in $(seq 1 "$rounds"); do
  for profile in operator node; do
    read -r ms rss < <(run_veilor "$i" "$profile")
    if [ "$ms" = FAIL ]; then failures=$((failures + 1)); row "veilor $profile" "$i" FAIL -; continue; fi
    row "veilor $profile" "$i" "$ms" "$((rss / 1024))"
    if [ "$profile" = operator ]; then vs+=("$ms"); vr+=("$rss"); else ns+=("$ms"); nr+=("$rss"); fi
    if [ "$profile" = operator ]; then
      read -r ms rss < <(run_karaf "$i"); ks+=("$ms"); kr+=("$rss")
      row "stock karaf" "$i" "$ms" "$((rss / 1024))"
    fi
  done
done
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
kms=$(printf '%s\n' "${ks[@]}" | median); krs=$(printf '%s\n' "${kr[@]}" | median)
for pair in "operator vs vr" "node ns nr"; do
  read -r name s r <<<"$pair"
  declare -n times="$s" sizes="$r"
  [ ${#times[@]} -gt 0 ] || continue
  ms=$(printf '%s\n' "${times[@]}" | median); rs=$(printf '%s\n' "${sizes[@]}" | median)
  printf 'veilor %-8s median start to answer %d ms vs stock %d ms: %s; median RSS %d MB vs %d MB: %s (target <= 1.30)\n' \
    "$name" "$ms" "$kms" "$(ratio "$ms" "$kms")" "$((rs / 1024))" "$((krs / 1024))" "$(ratio "$rs" "$krs")"
  unset -n times sizes
done
echo "cold starts checked: $((rounds * 2)), failed: $failures"
[ "$failures" -eq 0 ]
