package org.veilor.bench.blake3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every case once to warm up (JIT, page cache), then round after round, each round timing
 * every case once: on a shared machine, load that comes and goes then hits all cases alike instead
 * of whichever ran at the time. Keeps best and median wall time per case.
 */
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
    private final List<String> names = new ArrayList<>();
    private final List<Case> cases = new ArrayList<>();

    Timer(long bytes, int runs) {
        this.bytes = bytes;
        this.runs = runs;
    }

    void add(String name, Case c) {
        names.add(name);
        cases.add(c);
    }

    List<Result> run() throws Exception {
        System.out.println("warming up every case once");
        for (Case c : cases) {
            c.run();
        }
        double[][] secs = new double[cases.size()][runs];
        for (int r = 0; r < runs; r++) {
            System.out.printf("round %d of %d:", r + 1, runs);
            for (int i = 0; i < cases.size(); i++) {
                long t0 = System.nanoTime();
                cases.get(i).run();
                secs[i][r] = (System.nanoTime() - t0) / 1e9;
                System.out.printf(" %.0f", bytes / secs[i][r] / 1e6);
            }
            System.out.println(" MB/s");
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Arrays.sort(secs[i]);
            results.add(new Result(names.get(i), bytes / secs[i][0] / 1e6, bytes / secs[i][runs / 2] / 1e6));
        }
        return results;
    }
}
