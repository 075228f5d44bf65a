package org.veilor.enrol.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.veilor.core.db.Parameters;

/** Transactions and small statement helpers over the instance {@link DataSource}. */
final class Jdbc {

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs work in a transaction: committed when it returns, rolled back when it throws. */
    <T> T tx(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** One statement in its own transaction; returns the update count. */
    int update(String sql, Object... args) throws SQLException {
        return tx(c -> update(c, sql, args));
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Parameters.bind(ps, args);
            return ps.executeUpdate();
        }
    }


    /** A nullable BIGINT column. */
    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Whether an exception is a unique-constraint violation (SQLState 23505 on H2 and PostgreSQL). */
    static boolean duplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
