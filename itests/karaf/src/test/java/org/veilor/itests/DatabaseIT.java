package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.jdbc.DataSourceFactory;
import org.veilor.core.db.Migration;
import org.veilor.core.db.SchemaMigrations;
import org.veilor.testsupport.LocalPostgres;
import org.veilor.testsupport.Poll;

/**
 * The instance DataSource built by core from its own OCD: H2 by default, PostgreSQL by
 * configuration (the local server scripts/test-setup.sh starts), migrations applied through it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabaseIT extends VeilorTestSupport {

    private static final String PID = "org.veilor.core.database";

    @Test
    public void embeddedH2ByDefaultThenPostgresqlByConfiguration() throws Exception {
        DataSource h2 = awaitService(DataSource.class, "(veilor.db=default)");
        assertEquals("H2", product(h2));
        migrateAndCount(h2);

        String db = "veilor_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        DataSourceFactory pg = awaitService(DataSourceFactory.class, "(osgi.jdbc.driver.class=org.postgresql.Driver)");
        Properties admin = new Properties();
        admin.setProperty(DataSourceFactory.JDBC_URL, LocalPostgres.url("postgres"));
        admin.setProperty(DataSourceFactory.JDBC_USER, LocalPostgres.USER);
        admin.setProperty(DataSourceFactory.JDBC_PASSWORD, LocalPostgres.password());
        try (Connection c = pg.createDataSource(admin).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        try {
            setConfig(PID, Map.of("url", LocalPostgres.url(db), "user", LocalPostgres.USER,
                    "passwordFile", LocalPostgres.PASSWORD_FILE.toString()));
            DataSource postgres = Poll.until(TIMEOUT, "the PostgreSQL DataSource",
                    () -> "PostgreSQL".equals(product(awaitService(DataSource.class, "(veilor.db=default)")))
                            ? awaitService(DataSource.class, "(veilor.db=default)") : null);
            migrateAndCount(postgres);
            String status = executeJson("veilor:status --json").get("database").asText();
            assertEquals("jdbc:postgresql://127.0.0.1:" + LocalPostgres.PORT + "/" + db + ": available", status);
        } finally {
            configAdmin.getConfiguration(PID, "?").delete();
            Poll.assertEventually(TIMEOUT,
                    () -> assertEquals("H2", product(awaitService(DataSource.class, "(veilor.db=default)"))));
            try (Connection c = pg.createDataSource(admin).getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    @Test
    public void aWrongDatabaseUrlIsRefusedWhileRunning() throws Exception {
        awaitService(DataSource.class, "(veilor.db=default)");
        setConfig(PID, Map.of("url", "jdbc:mysql://db/veilor"));
        try {
            Poll.assertEventually(TIMEOUT, () -> {
                String detail = CoreIT.component(executeJson("veilor:status --json"), PID).get("detail").asText();
                assertTrue(detail, detail.contains("running on previous configuration: org.veilor.core.database: url = 'jdbc:mysql://db/veilor' is invalid"));
            });
            assertEquals("H2", product(awaitService(DataSource.class, "(veilor.db=default)")));
        } finally {
            configAdmin.getConfiguration(PID, "?").delete();
        }
    }

    private static String product(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        }
    }

    private static void migrateAndCount(DataSource ds) throws Exception {
        String owner = "org.veilor.itest." + UUID.randomUUID().toString().substring(0, 8);
        String table = "it_" + owner.replaceAll("[^a-z0-9]", "_");
        SchemaMigrations.apply(ds, owner, List.of(new Migration(1, "init",
                "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(20));\nINSERT INTO " + table + " VALUES (1, 'x');")));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
