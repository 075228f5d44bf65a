package org.veilor.testsupport.headscale;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** The random-fault mode of {@link FakeHeadscale}: which calls fail, and how; seeded and counted. */
final class FakeHeadscaleFaults {

    enum Fault {
        NONE, BEFORE, AFTER_500, AFTER_LOST
    }

    private Random random = new Random(0);
    private double probability;
    private double afterActing;
    private final Map<String, Integer> counts = new TreeMap<>();

    synchronized void configure(double probability, double afterActing, long seed) {
        if (probability < 0 || probability > 1 || afterActing < 0 || afterActing > 1) {
            throw new IllegalArgumentException("probabilities must be 0–1");
        }
        this.probability = probability;
        this.afterActing = afterActing;
        this.random = new Random(seed);
    }

    synchronized Fault roll() {
        if (probability == 0 || random.nextDouble() >= probability) {
            return Fault.NONE;
        }
        Fault f = random.nextDouble() >= afterActing ? Fault.BEFORE : random.nextBoolean() ? Fault.AFTER_500 : Fault.AFTER_LOST;
        counts.merge(switch (f) {
            case BEFORE -> "before";
            case AFTER_500 -> "after-500";
            default -> "after-lost";
        }, 1, Integer::sum);
        return f;
    }

    synchronized Map<String, Integer> counts() {
        return new TreeMap<>(counts);
    }
}
