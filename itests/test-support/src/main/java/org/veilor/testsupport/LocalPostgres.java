package org.veilor.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The local PostgreSQL that {@code scripts/test-setup.sh} installs (Debian {@code postgresql}) and
 * starts, with a role {@code veilor_test} allowed to create databases; its password is in
 * {@code /var/lib/veilor-test/pg-password}. Each test gets a fresh database and drops it after.
 * There is no silent skip: without the server, the test fails and says how to get one.
 */
public final class LocalPostgres {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = Integer.parseInt(System.getProperty("veilor.test.pg.port", "5432"));
    public static final String USER = "veilor_test";
    public static final Path PASSWORD_FILE = Path.of(
            System.getProperty("veilor.test.pg.passwordFile", "/var/lib/veilor-test/pg-password"));

    private LocalPostgres() {
    }

    public static String password() throws IOException {
        if (!Files.exists(PASSWORD_FILE)) {
            throw new IOException("no local PostgreSQL for tests (" + PASSWORD_FILE
                    + " missing): run scripts/test-setup.sh, which installs and starts it");
        }
        return Files.readString(PASSWORD_FILE, StandardCharsets.UTF_8).strip();
    }

    /** Creates a fresh database and returns its JDBC URL. */
    public static String createDatabase() throws IOException, SQLException {
        String name = "veilor_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /**
     * Drops a database made by {@link #createDatabase()}. FORCE ends the test's own leftover
     * sessions but refuses when an autovacuum worker is in the database (not ours to signal: "must
     * be a member of the role whose process is being terminated"); a plain DROP then does it,
     * since PostgreSQL stops autovacuum workers itself before dropping.
     */
    public static void dropDatabase(String jdbcUrl) throws IOException, SQLException {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, password());
                Statement s = c.createStatement()) {
            try {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState())) {
                    throw e;
                }
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }
}
