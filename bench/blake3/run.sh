#!/bin/bash
#
# BLAKE3 benchmark: org.veilor.seed's hashing (vector and scalar kernels, one thread and all cores),
# outboard build and range verification, against `b3sum --num-threads 1` (Debian b3sum, Rust with
# SIMD; it maps the file), `b3sum --no-mmap` (its read() path, one thread, often faster here),
# multi-threaded b3sum and commons-codec's Blake3, on a 1 GiB file (random bytes, made on first use). Prints MB/s (best and median of the runs) and the ratios. A benchmark, not a test:
# run it on a quiet machine, it asserts nothing.
#
#   bench/blake3/run.sh [--file F] [--size-mib N] [--runs N] [--threads N]
#
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v b3sum >/dev/null || { echo "bench: b3sum is missing (Debian package b3sum; scripts/test-setup.sh installs it)" >&2; exit 1; }
echo "bench: building org.veilor.seed and the benchmark (mvn package, no tests)"
mvn -B -q -pl bench/blake3 -am package -DskipTests
exec java --add-modules jdk.incubator.vector -Xmx1g \
  -cp "bench/blake3/target/classes:$(cat bench/blake3/target/classpath.txt)" \
  org.veilor.bench.blake3.Blake3Bench "$@"
