package org.veilor.seed.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Small JDBC helpers over the instance DataSource: one connection per call, arguments bound in order. */
final class Jdbc {

    /** SQLSTATE of a unique constraint violation, on PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Maps the current row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    int update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    <T> List<T> query(String sql, Row<T> row, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... args) throws SQLException {
        List<T> all = query(sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    long number(String sql, Object... args) throws SQLException {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /**
     * Updates a row, or inserts it when the update touched none. Portable where {@code ON CONFLICT
     * DO UPDATE} is not (H2) and {@code MERGE} is not (PostgreSQL before 15); a racing insert of the
     * same key is answered by updating again.
     */
    void upsert(String updateSql, Object[] updateArgs, String insertSql, Object[] insertArgs) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            if (update(updateSql, updateArgs) > 0) {
                return;
            }
            try {
                update(insertSql, insertArgs);
                return;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt > 2) {
                    throw e;
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR); // only text columns are nullable here
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}
