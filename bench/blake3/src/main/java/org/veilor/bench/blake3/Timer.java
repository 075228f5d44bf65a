package org.veilor.bench.blake3;

import java.util.Arrays;

/** Runs a case once to warm up, then n times, and keeps best and median wall times. */
final class Timer {

    /** A case that processes the whole file once. */
    @FunctionalInterface
    interface Case {
        void run() throws Exception;
    }

    record Result(String name, double bestMbps, double medianMbps) {
    }

    private final long bytes;
    private final int runs;

    Timer(long bytes, int runs) {
        this.bytes = bytes;
        this.runs = runs;
    }

    Result run(String name, Case c) throws Exception {
        System.out.printf("%-44s", name);
        c.run();
        double[] secs = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            c.run();
            secs[i] = (System.nanoTime() - t0) / 1e9;
            System.out.printf(" %.0f", bytes / secs[i] / 1e6);
        }
        System.out.println(" MB/s");
        Arrays.sort(secs);
        return new Result(name, bytes / secs[0] / 1e6, bytes / secs[runs / 2] / 1e6);
    }
}
