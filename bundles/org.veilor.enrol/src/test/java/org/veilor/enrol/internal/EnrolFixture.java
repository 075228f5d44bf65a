package org.veilor.enrol.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.internal.RestHeadscaleClient;
import org.veilor.testsupport.LocalPostgres;
import org.veilor.testsupport.ManualClock;
import org.veilor.testsupport.headscale.FakeHeadscale;
import org.veilor.testsupport.misskey.FakeMisskey;
import org.veilor.testsupport.misskey.MisskeyWebhooks;

/**
 * Everything an enrolment test runs against: the real database (H2 in PostgreSQL mode, or the local
 * PostgreSQL), the fake Headscale and fake Misskey (the real servers cannot run here), the secret
 * files (0600) and an engine with quick retries.
 */
final class EnrolFixture implements AutoCloseable {

    static final String API_KEY = "hskey-api-EnrolTest001-" + "a".repeat(64);
    static final String TOKEN = "misskeyTokenEnrolTest0123456789";
    static final String SECRET = "webhook-secret-" + "s".repeat(24);
    private static final AtomicInteger H2 = new AtomicInteger();

    final String database;
    final HikariDataSource dataSource;
    final String pgUrl;
    final FakeHeadscale headscale;
    final FakeMisskey misskey;
    final RestHeadscaleClient client;
    final Path dir;
    final ManualClock clock = ManualClock.runningFromNow();
    EnrolSettings settings;
    EnrolmentEngine engine;

    EnrolFixture(String database, Path dir) throws Exception {
        this(database, dir, "0.29.2");
    }

    EnrolFixture(String database, Path dir, String headscaleVersion) throws Exception {
        this.database = database;
        this.dir = dir;
        HikariConfig c = new HikariConfig();
        if (database.equals("postgresql")) {
            pgUrl = LocalPostgres.createDatabase();
            c.setJdbcUrl(pgUrl);
            c.setUsername(LocalPostgres.USER);
            c.setPassword(LocalPostgres.password());
        } else {
            pgUrl = null;
            c.setJdbcUrl("jdbc:h2:mem:enrol" + H2.incrementAndGet() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        c.setMaximumPoolSize(12);
        dataSource = new HikariDataSource(c);
        EnrolmentEngine.migrate(dataSource);
        headscale = new FakeHeadscale(headscaleVersion, API_KEY);
        misskey = new FakeMisskey(TOKEN, "veilor");
        Path apiKey = secret("headscale-api.key", API_KEY);
        client = RestHeadscaleClient.create(headscale.url().toString(), apiKey, HeadscaleVersion.parse(headscaleVersion), Duration.ofSeconds(5));
        secret("misskey.token", TOKEN);
        secret("webhook.secret", SECRET);
        settings = settings(4, 30);
    }

    EnrolSettings settings(int workers, int maxAttempts) {
        return new EnrolSettings(misskey.serverUrl(), dir.resolve("misskey.token"), dir.resolve("webhook.secret"), dir.resolve("at-rest.key"),
                "https://enrol.example.org", Duration.ofHours(24), true, List.of("tag:guest"), null, 65536, workers, maxAttempts,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)), Duration.ofSeconds(5),
                "Welcome @{username}: {link} ({hours} hours)", "Ask an administrator for a new link.");
    }

    Path secret(String name, String value) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, value + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    /** Starts an engine on the current settings (the same instance ID each time, as after a restart). */
    EnrolmentEngine start() throws Exception {
        engine = new EnrolmentEngine(dataSource, client, settings, "test-instance", clock);
        engine.start();
        return engine;
    }

    void stop() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /** Delivers a webhook body straight to the handler, as the servlet does. */
    WebhookHandler.Reply post(String secret, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return engine.webhook().handle(secret, bytes.length, new ByteArrayInputStream(bytes));
    }

    /** A signup: a new Misskey user and its userCreated event, through the handler. */
    WebhookHandler.Reply signup(String username) throws Exception {
        FakeMisskey.User u = misskey.addUser(username);
        return post(SECRET, webhooks().event("userCreated", UUID.randomUUID().toString(), FakeMisskey.user(u)).toString());
    }

    MisskeyWebhooks webhooks() {
        return new MisskeyWebhooks(misskey, misskey.url(), SECRET);
    }

    @Override
    public void close() throws Exception {
        stop();
        headscale.close();
        misskey.close();
        dataSource.close();
        if (pgUrl != null) {
            LocalPostgres.dropDatabase(pgUrl);
        }
    }
}
