package org.veilor.core.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Applies a bundle's versioned migrations at activation. Each bundle owns its tables and its
 * scripts; the applied versions are recorded per owner in {@code veilor_schema_history}. Each
 * migration runs in one transaction with its history row: on PostgreSQL a failed script leaves
 * nothing behind (H2 commits DDL implicitly, so there a failed script may leave tables, but it is
 * never recorded as applied); instances racing on one PostgreSQL database apply it once.
 */
public final class SchemaMigrations {

    /** Serialises migrations within this JVM; PostgreSQL additionally gets an advisory lock across instances. */
    private static final Object LOCK = new Object();
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    private SchemaMigrations() {
    }

    /**
     * Loads {@code V<n>__<description>.sql} resources listed by name, from the class loader of an
     * anchor class (works the same inside and outside OSGi).
     */
    public static List<Migration> load(Class<?> anchor, String folder, String... fileNames) throws IOException {
        List<Migration> result = new ArrayList<>();
        for (String name : fileNames) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalArgumentException("migration file must be named V<n>__<description>.sql: " + name);
            }
            String path = folder.endsWith("/") ? folder + name : folder + "/" + name;
            URL url = anchor.getClassLoader().getResource(path);
            if (url == null) {
                throw new IOException("migration not found: " + path);
            }
            try (InputStream in = url.openStream()) {
                result.add(new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return result;
    }

    /**
     * Applies the migrations of an owner that are not applied yet, in version order.
     *
     * @return the versions applied now
     */
    public static List<Integer> apply(DataSource dataSource, String owner, List<Migration> migrations)
            throws SQLException {
        synchronized (LOCK) {
            return applyLocked(dataSource, owner, migrations);
        }
    }

    private static List<Integer> applyLocked(DataSource dataSource, String owner, List<Migration> migrations)
            throws SQLException {
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version));
        checkUnique(owner, sorted);
        List<Integer> applied = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            ensureHistory(c);
            Set<Integer> done = appliedVersions(c, owner);
            for (Migration m : sorted) {
                if (done.contains(m.version())) {
                    continue;
                }
                if (applyOne(c, owner, m)) {
                    applied.add(m.version());
                }
            }
        }
        return applied;
    }

    /** Versions already applied for an owner. */
    public static Set<Integer> appliedVersions(DataSource dataSource, String owner) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ensureHistory(c);
            return appliedVersions(c, owner);
        }
    }

    private static void checkUnique(String owner, List<Migration> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() == sorted.get(i - 1).version()) {
                throw new IllegalArgumentException(owner + ": two migrations with version " + sorted.get(i).version());
            }
        }
    }

    private static void ensureHistory(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS veilor_schema_history ("
                    + "owner VARCHAR(120) NOT NULL, version INTEGER NOT NULL, description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP NOT NULL, PRIMARY KEY (owner, version))");
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static Set<Integer> appliedVersions(Connection c, String owner) throws SQLException {
        Set<Integer> done = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM veilor_schema_history WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getInt(1));
                }
            }
        }
        return done;
    }

    private static boolean applyOne(Connection c, String owner, Migration m) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (isPostgres(c)) {
                // Serialises instances sharing one PostgreSQL database until this transaction ends.
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(hashtext('veilor_schema_history'))");
                }
            }
            if (appliedVersions(c, owner).contains(m.version())) {
                c.commit();
                return false; // another instance applied it while we waited
            }
            try (Statement s = c.createStatement()) {
                for (String statement : statements(m.sql())) {
                    s.execute(statement);
                }
            }
            // The history row goes last: H2 commits DDL implicitly, so a row written first would
            // survive a failed script and mark it applied.
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO veilor_schema_history (owner, version, description, applied_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, owner);
                ps.setInt(2, m.version());
                ps.setString(3, m.description());
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException(owner + " migration V" + m.version() + " (" + m.description() + ") failed: "
                    + e.getMessage(), e.getSQLState(), e);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    /** Splits a script on {@code ;} at the end of a line, dropping {@code --} comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                String stmt = current.toString().strip();
                if (!stmt.isEmpty()) {
                    out.add(stmt);
                }
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
