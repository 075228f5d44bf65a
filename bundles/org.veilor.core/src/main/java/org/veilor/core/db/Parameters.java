package org.veilor.core.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Binds plain values to a statement's parameters the same way on H2 and PostgreSQL. */
public final class Parameters {

    private Parameters() {
    }

    /**
     * Binds {@code args} in order: {@code null} as an untyped NULL (PostgreSQL infers the column's
     * type; a typed one would have to match it), {@code Long} and {@code Integer} as numbers,
     * anything else as its {@code toString()}.
     */
    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, a.toString());
            }
        }
    }
}
