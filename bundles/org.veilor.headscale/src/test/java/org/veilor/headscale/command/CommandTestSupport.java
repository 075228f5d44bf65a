package org.veilor.headscale.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.veilor.headscale.internal.Fixtures;
import org.veilor.headscale.internal.RestHeadscaleClient;
import org.veilor.headscale.internal.TierPolicyService;
import org.veilor.headscale.internal.rollout.PolicyRollout;
import org.veilor.headscale.internal.rollout.PolicyRolloutService;
import org.veilor.headscale.internal.rollout.PolicyStore;
import org.veilor.testsupport.headscale.FakeHeadscale;

/** Runs a command the way the shell does (fields set, {@code System.out} captured) against a fake Headscale. */
abstract class CommandTestSupport {

    private static final AtomicInteger H2 = new AtomicInteger();

    @TempDir
    Path dir;
    FakeHeadscale fake;
    RestHeadscaleClient client;
    /** The operator's settings, with a watch window short enough for tests. */
    final TierPolicyService tier = TierPolicyService.fixed(Fixtures.settings(Duration.ofMillis(400), Duration.ofMillis(40)));
    final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    JdbcDataSource database;
    PolicyRolloutService rollouts;

    void start(String version) throws Exception {
        fake = new FakeHeadscale(version, Fixtures.API_KEY);
        fake.addUser("operators");
        client = Fixtures.client(fake.url().toString(), Fixtures.keyFile(dir, Fixtures.API_KEY));
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:cmd" + H2.incrementAndGet() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        PolicyStore.migrate(database);
        rollouts = PolicyRolloutService.fixed(new PolicyRollout(client, new PolicyStore(database), tier::settings, executor));
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        if (fake != null) {
            fake.close();
        }
    }

    /** What a command printed, also when it failed (the failure is rethrown with the output attached). */
    static String run(Action action) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.execute();
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new Failed(bytes.toString(StandardCharsets.UTF_8), e);
        } finally {
            System.setOut(saved);
        }
    }

    /** A failed command and what it printed before failing. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        final String output;

        Failed(String output, Exception cause) {
            super(cause.getMessage(), cause);
            this.output = output;
        }
    }
}
