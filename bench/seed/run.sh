#!/bin/bash
#
# Seeding benchmark (issue 12): ingest of 10 000 files (1-64 KiB) against the baseline "raw
# hashing" (read + BLAKE3 of the same files), and pull throughput of a 256 MiB blob over loopback
# between two seed nodes against the baseline "plain HTTP" (the same bytes from the same Jetty,
# unverified). Prints every run, best and median, and the ratios. A benchmark, not a test: run it
# on a quiet machine; it asserts nothing but that the work was done.
#
#   bench/seed/run.sh [--files N] [--max-kib K] [--blob-mib M] [--runs R] [--dir D]
#
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "bench: building org.veilor.seed and the benchmark (mvn package, no tests)"
mvn -B -q -pl bench/seed -am package -DskipTests
exec java --add-modules jdk.incubator.vector -Xmx1g \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.eclipse.jetty.LEVEL=WARN \
  -cp "bench/seed/target/classes:$(cat bench/seed/target/classpath.txt)" \
  org.veilor.seed.internal.SeedBench "$@"
