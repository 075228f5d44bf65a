package org.veilor.core.db;

import java.util.Objects;

/**
 * One versioned SQL script of a bundle ({@code V<n>__<description>.sql}): statements separated by
 * {@code ;} at the end of a line. The same SQL must run on H2 (in PostgreSQL mode) and PostgreSQL.
 */
public record Migration(int version, String description, String sql) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be >= 1: " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sql, "sql");
    }
}
