package org.veilor.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.veilor.testsupport.LocalPostgres;

/** The same migrations on H2 (PostgreSQL mode, as core configures it) and on a real PostgreSQL. */
class SchemaMigrationsTest {

    private static String pgUrl;
    private static int h2Count;

    @BeforeAll
    static void createPostgresDatabase() throws Exception {
        pgUrl = LocalPostgres.createDatabase();
    }

    @AfterAll
    static void dropPostgresDatabase() throws Exception {
        LocalPostgres.dropDatabase(pgUrl);
    }

    private static DataSource dataSource(String kind) throws Exception {
        if (kind.equals("h2")) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:migrations" + (h2Count++) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
            return ds;
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(pgUrl);
        ds.setUser(LocalPostgres.USER);
        ds.setPassword(LocalPostgres.password());
        return ds;
    }

    private static String owner(String base) {
        return base + "-" + System.nanoTime();
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void appliesInOrderOnceAndRecordsHistory(String kind) throws Exception {
        DataSource ds = dataSource(kind);
        String owner = owner("org.veilor.test");
        String t = "t_" + owner.replaceAll("[^a-z0-9]", "_");
        List<Migration> ms = List.of(
                new Migration(2, "add column", "ALTER TABLE " + t + " ADD COLUMN note VARCHAR(40);"),
                new Migration(1, "init", "-- the first table\nCREATE TABLE " + t + " (\n id INTEGER PRIMARY KEY,\n name VARCHAR(40)\n);\n"
                        + "INSERT INTO " + t + " (id, name) VALUES (1, 'a;b');"));
        assertEquals(List.of(1, 2), SchemaMigrations.apply(ds, owner, ms));
        assertEquals(List.of(), SchemaMigrations.apply(ds, owner, ms));
        assertEquals(Set.of(1, 2), SchemaMigrations.appliedVersions(ds, owner));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, note FROM " + t)) {
            assertTrue(rs.next());
            assertEquals("a;b", rs.getString(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void aFailingMigrationLeavesNothingHalfApplied(String kind) throws Exception {
        DataSource ds = dataSource(kind);
        String owner = owner("org.veilor.fail");
        String t = "f_" + owner.replaceAll("[^a-z0-9]", "_");
        List<Migration> ms = List.of(new Migration(1, "broken",
                "CREATE TABLE " + t + " (id INTEGER);\nINSERT INTO no_such_table VALUES (1);"));
        SQLException e = assertThrows(SQLException.class, () -> SchemaMigrations.apply(ds, owner, ms));
        assertTrue(e.getMessage().startsWith(owner + " migration V1 (broken) failed"), e.getMessage());
        assertEquals(Set.of(), SchemaMigrations.appliedVersions(ds, owner));
        if (kind.equals("postgresql")) {
            // PostgreSQL DDL is transactional: the table of the failed script is gone too.
            try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, t, null)) {
                assertTrue(!rs.next(), "no half-applied table");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void racingInstancesApplyAMigrationOnce(String kind) throws Exception {
        DataSource ds = dataSource(kind);
        String owner = owner("org.veilor.race");
        String t = "r_" + owner.replaceAll("[^a-z0-9]", "_");
        SchemaMigrations.appliedVersions(ds, owner); // history table exists before the race
        List<Migration> ms = List.of(new Migration(1, "init", "CREATE TABLE " + t + " (id INTEGER);"
                + "\nINSERT INTO " + t + " VALUES (1);"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<List<Integer>>> tasks = new ArrayList<>(Collections.nCopies(4, () -> SchemaMigrations.apply(ds, owner, ms)));
        int applied = 0;
        for (Future<List<Integer>> f : pool.invokeAll(tasks)) {
            applied += f.get().size();
        }
        pool.shutdown();
        assertEquals(1, applied);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the script ran once");
        }
    }

    @org.junit.jupiter.api.Test
    void statementsSplitOnSemicolonsAtLineEnds() {
        assertEquals(List.of("CREATE TABLE a (x VARCHAR(3))", "INSERT INTO a VALUES ('1;2')"),
                SchemaMigrations.statements("-- c\nCREATE TABLE a (x VARCHAR(3));\n\nINSERT INTO a VALUES ('1;2');\n"));
    }

    @org.junit.jupiter.api.Test
    void loadsNamedScriptsFromTheClassPath() throws Exception {
        List<Migration> ms = SchemaMigrations.load(SchemaMigrationsTest.class, "db/test", "V1__create_things.sql");
        assertEquals(1, ms.get(0).version());
        assertEquals("create things", ms.get(0).description());
        assertThrows(IllegalArgumentException.class, () -> SchemaMigrations.load(SchemaMigrationsTest.class, "db/test", "init.sql"));
        assertThrows(java.io.IOException.class, () -> SchemaMigrations.load(SchemaMigrationsTest.class, "db/test", "V9__missing.sql"));
    }
}
