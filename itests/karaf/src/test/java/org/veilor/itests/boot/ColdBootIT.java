package org.veilor.itests.boot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import org.junit.Test;

/**
 * Starts the real distribution the way a user does — fresh base, {@code bin/veilor init},
 * {@code start}, {@code wait} — several times in a row for the operator and node profiles, and
 * fails on a start that does not answer, on a boot deployment that stops, updates or refreshes a
 * bundle (the first-start deadlock of issue 16 began with the boot features refreshing
 * pax-logging-api and the configuration bundles), on the boot features being deployed more than
 * once (features.core itself was refreshed), and on any ERROR in karaf.log.
 *
 * <p>{@code -Dveilor.coldboot.runs=N} sets the starts per profile (default 3 in the suite;
 * {@code bench/startup.sh} makes 10 per profile, 20 in all, with the same checks).
 */
public class ColdBootIT {

    private static final int RUNS = Integer.getInteger("veilor.coldboot.runs", 3);
    /** Generous: a loaded 2-core CI machine; a hang is told apart by the log, not by this. */
    private static final Duration READY = Duration.ofMinutes(4);

    @Test
    public void theOperatorProfileStartsColdWithoutTouchingStartupBundles() throws Exception {
        coldStarts("operator");
    }

    @Test
    public void theNodeProfileStartsColdWithoutTouchingStartupBundles() throws Exception {
        coldStarts("node");
    }

    private static void coldStarts(String profile) throws Exception {
        Distribution dist = Distribution.get();
        for (int run = 1; run <= RUNS; run++) {
            try (Instance instance = Instance.init(dist, profile, "cold-" + profile)) {
                instance.start();
                Processes.Result ready = instance.await(READY, null);
                if (ready.exitCode() != 0) {
                    fail(profile + " cold start " + run + " of " + RUNS + " did not get ready:\n" + ready.err()
                            + "\nkaraf.log: " + instance.karafLogFile());
                }
                Processes.Result status = instance.client("veilor:status");
                assertEquals(profile + " run " + run + ": veilor:status failed:\n" + status.err(), 0, status.exitCode());
                assertTrue("veilor:status names the profile: " + status.out(), status.out().contains(profile));
                // bin/veilor client prints nothing of its own: no "Connection … closed by remote host."
                assertEquals(profile + " run " + run + ": bin/veilor client wrote to stderr", "", status.err());

                KarafLog log = instance.karafLog();
                List<KarafLog.Entry> disturbed = log.disturbances();
                assertTrue(profile + " run " + run + ": the deployer stopped, updated or refreshed bundles on a cold start"
                        + " (" + log.file() + "):\n" + disturbed + "\nits whole plan:\n" + log.deployerPlan(),
                        disturbed.isEmpty());
                assertEquals(profile + " run " + run + ": the boot features were deployed more than once (features.core"
                        + " restarted by a refresh): " + log.bootDeployments(), 1, log.bootDeployments().size());
                assertTrue(profile + " run " + run + ": ERROR in " + log.file() + ":\n" + log.errors(), log.errors().isEmpty());
                System.out.printf("cold start %d/%d (%s): ready in %d ms%n", run, RUNS, profile, ready.took().toMillis());
            }
        }
    }
}
