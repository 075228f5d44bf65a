#!/bin/bash
#
# Benchmark (not a test) of enrolment, issue 13: 1 000 signups (after 100 for warm-up) pushed as
# Misskey userCreated webhooks at the veilor distribution running veilor-enrol, against the fake
# Headscale answering in 10 ms and failing 5 % of its calls (half of them after acting: HTTP 500 or
# the answer lost) and the fake Misskey. Prints end-to-end signups/s (first webhook sent -> last DM
# made; target >= 200/s), latencies, and proves exactly one valid key per user by opening every
# user's one-time page. Everything runs on loopback and stops by itself.
#
#   bench/enrol-throughput.sh [--signups=1000] [--warmup=100] [--senders=32] [--workers=16]
#                             [--db-pool=24] [--latency-ms=10] [--fault-rate=0.05] [--after-acting=0.5] [--seed=13]
#
set -euo pipefail
cd "$(dirname "$0")/.."
# builds the distribution and the benchmark, and writes the benchmark's class path
mvn -B -ntp -q package dependency:build-classpath -DskipTests -pl bench/enrol -am \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt >/dev/null
tarball=$(ls karaf-assembly/target/veilor-*.tar.gz | head -n 1)
jar=$(ls bench/enrol/target/veilor-bench-enrol-*.jar | head -n 1)
exec java -Xmx1g -cp "$jar:$(cat bench/enrol/target/classpath.txt)" org.veilor.bench.enrol.EnrolBench --tarball="$tarball" "$@"
