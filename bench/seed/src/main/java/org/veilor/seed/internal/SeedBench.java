package org.veilor.seed.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The seeding benchmark (issue 12): ingest of 10 000 files against raw BLAKE3 hashing of the same
 * files, and pull throughput over loopback against a plain HTTP download of the same blob. Each
 * case runs once to warm up, then the two cases of a pair alternate round by round, so load that
 * comes and goes on a shared machine hits both alike. Prints every run, best and median, and the
 * ratios (seeding / baseline). A benchmark, not a test: it asserts nothing but that the work was done.
 *
 *   SeedBench [--files N] [--max-kib K] [--blob-mib M] [--runs R] [--dir D]
 */
public final class SeedBench {

    private SeedBench() {
    }

    interface Case {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int files = 10_000;
        int maxKib = 64;
        int blobMib = 256;
        int runs = 3;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--files" -> files = Integer.parseInt(v);
                case "--max-kib" -> maxKib = Integer.parseInt(v);
                case "--blob-mib" -> blobMib = Integer.parseInt(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--dir" -> dir = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --files N --max-kib K --blob-mib M --runs R --dir D)");
            }
            i++;
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("veilor-seed-bench");
        System.out.printf("seed bench: %d files of 1-%d KiB, a %d MiB blob, %d runs, in %s; %d cores%n", files, maxKib, blobMib,
                runs, work, Runtime.getRuntime().availableProcessors());
        try {
            IngestBench ingest = new IngestBench(work, files, maxKib);
            System.out.println("writing the files");
            ingest.prepare();
            int[] run = { 0 };
            double[][] t = pair(runs, "raw hashing", ingest::rawHash, "ingest", () -> ingest.ingest(run[0]++));
            report("ingest of " + files + " files (" + ingest.bytes() / 1_000_000 + " MB)", ingest.bytes(), files, t,
                    "raw hashing (read + BLAKE3 of each file, same JVM)", "ingest (outboard, index row, signed announcement)");
            IngestBench.deleteTree(work.resolve("origin"));

            try (PullBench pull = new PullBench(work, blobMib)) {
                double[][] p = pair(runs, "plain HTTP", pull::plainHttp, "verified pull", () -> {
                    pull.pull();
                    pull.evict();
                });
                report("pull of a " + blobMib + " MiB blob over loopback", pull.bytes(), 0, p,
                        "plain HTTP download from the same Jetty, unverified", "verified pull (transport, chunk groups, commit)");
            }
        } finally {
            IngestBench.deleteTree(work);
        }
    }

    /** Runs the two cases once each to warm up, then alternately {@code runs} times; seconds per run. */
    private static double[][] pair(int runs, String baseName, Case base, String name, Case c) throws Exception {
        System.out.println("warming up: " + baseName + ", " + name);
        base.run();
        c.run();
        double[][] t = new double[2][runs];
        for (int r = 0; r < runs; r++) {
            t[0][r] = time(base);
            t[1][r] = time(c);
            System.out.printf("  run %d: %s %.2f s, %s %.2f s%n", r + 1, baseName, t[0][r], name, t[1][r]);
        }
        return t;
    }

    private static double time(Case c) throws Exception {
        long t0 = System.nanoTime();
        c.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void report(String what, long bytes, int files, double[][] t, String baseName, String name) {
        double[] best = { min(t[0]), min(t[1]) };
        double[] median = { median(t[0]), median(t[1]) };
        System.out.println(what + ":");
        String[] names = { baseName, name };
        for (int i = 0; i < 2; i++) {
            System.out.printf("  %-60s best %7.2f s %8.1f MB/s%s, median %7.2f s%n", names[i], best[i], bytes / best[i] / 1e6,
                    files > 0 ? String.format(" %8.0f files/s", files / best[i]) : "", median[i]);
        }
        System.out.printf("  ratio (seeding / baseline throughput): best %.2f, median %.2f%n", best[0] / best[1],
                median[0] / median[1]);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
