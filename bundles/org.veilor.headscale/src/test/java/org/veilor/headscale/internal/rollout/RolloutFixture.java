package org.veilor.headscale.internal.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.veilor.headscale.internal.Fixtures;
import org.veilor.headscale.internal.PolicySettings;
import org.veilor.headscale.internal.RestHeadscaleClient;
import org.veilor.testsupport.LocalPostgres;
import org.veilor.testsupport.headscale.FakeHeadscale;

/**
 * What a policy rollout test runs against: the real database (H2 in PostgreSQL mode as the instance
 * default, or the local PostgreSQL), the fake Headscale (the real one cannot run here) with the tier
 * machines joined and online, and a rollout with a short watch window.
 */
public final class RolloutFixture implements AutoCloseable {

    private static final AtomicInteger H2 = new AtomicInteger();

    public final DataSource dataSource;
    public final String pgUrl;
    public final FakeHeadscale fake;
    public final RestHeadscaleClient client;
    public final PolicyStore store;
    public final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    public final PolicyRollout rollout;
    public final PolicySettings settings;
    public final FakeHeadscale.StoredNode onyx;
    public final FakeHeadscale.StoredNode failsafe;
    public final FakeHeadscale.StoredNode nullstone;

    /**
     * @param database {@code h2} or {@code postgresql}
     * @param watch the watch window (the poll interval is a tenth of it)
     */
    public RolloutFixture(String database, Path dir, String headscaleVersion, Duration watch) throws Exception {
        if (database.equals("postgresql")) {
            pgUrl = LocalPostgres.createDatabase();
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(pgUrl);
            pg.setUser(LocalPostgres.USER);
            pg.setPassword(LocalPostgres.password());
            dataSource = pg;
        } else {
            pgUrl = null;
            JdbcDataSource h2 = new JdbcDataSource();
            // the instance default's settings (org.veilor.core.database), in memory
            h2.setURL("jdbc:h2:mem:policy" + H2.incrementAndGet() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            dataSource = h2;
        }
        PolicyStore.migrate(dataSource);
        store = new PolicyStore(dataSource);
        fake = new FakeHeadscale(headscaleVersion, Fixtures.API_KEY);
        fake.addUser("operators");
        onyx = fake.join("onyx", List.of("tag:admin"));
        failsafe = fake.join("failsafe", List.of("tag:admin"));
        nullstone = fake.join("nullstone", List.of("tag:infra"));
        fake.join("guest-laptop", List.of("tag:guest"));
        client = Fixtures.client(fake.url().toString(), Fixtures.keyFile(dir, Fixtures.API_KEY));
        settings = Fixtures.settings(watch, watch.dividedBy(10));
        rollout = new PolicyRollout(client, store, () -> settings, executor);
    }

    @Override
    public void close() throws Exception {
        executor.shutdownNow();
        fake.close();
        if (pgUrl != null) {
            LocalPostgres.dropDatabase(pgUrl);
        }
    }
}
