package org.veilor.enrol.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.veilor.core.db.Parameters;
import org.veilor.enrol.MintAttempt;

/**
 * The mint attempts: each recorded, with its unique expiration, before Headscale is asked, so what
 * a lost answer may have created can be found and expired later — after a crash too.
 */
final class AttemptStore {

    static final String PENDING = "pending";
    static final String CREATED = "created";
    static final String NONE = "none";
    static final String RECONCILED = "reconciled";
    static final String SUPERSEDED = "superseded";

    private final Jdbc jdbc;

    AttemptStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a new attempt.
     *
     * @return false when the expiration is taken (by another enrolment or instance): pick another
     */
    boolean begin(long expirationMs, long enrolmentId, long now) throws SQLException {
        try {
            jdbc.update("INSERT INTO enrol_mint_attempt (expiration_ms, enrolment_id, started_at, outcome, strays) VALUES (?, ?, ?, ?, 0)",
                    expirationMs, enrolmentId, now, PENDING);
            return true;
        } catch (SQLException e) {
            if (Jdbc.duplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Expirations of the enrolment's attempts whose result is unknown (answer lost, or a crash). */
    List<Long> unresolved(long enrolmentId) throws SQLException {
        return jdbc.tx(c -> longs(c, "SELECT expiration_ms FROM enrol_mint_attempt WHERE enrolment_id = ? AND outcome = ? ORDER BY expiration_ms",
                enrolmentId, PENDING));
    }

    /** The expiration of the attempt whose key is in use, if any. */
    List<Long> created(long enrolmentId) throws SQLException {
        return jdbc.tx(c -> longs(c, "SELECT expiration_ms FROM enrol_mint_attempt WHERE enrolment_id = ? AND outcome = ?", enrolmentId, CREATED));
    }

    void settle(long expirationMs, String outcome, int strays) throws SQLException {
        jdbc.update("UPDATE enrol_mint_attempt SET outcome = ?, strays = strays + ? WHERE expiration_ms = ?", outcome, strays, expirationMs);
    }

    static void settle(Connection c, long expirationMs, String outcome) throws SQLException {
        Jdbc.update(c, "UPDATE enrol_mint_attempt SET outcome = ? WHERE expiration_ms = ?", outcome, expirationMs);
    }

    /** Marks the attempts whose key was in use as superseded (revoke, reissue). */
    static void supersede(Connection c, long enrolmentId) throws SQLException {
        Jdbc.update(c, "UPDATE enrol_mint_attempt SET outcome = ? WHERE enrolment_id = ? AND outcome = ?", SUPERSEDED, enrolmentId, CREATED);
    }

    List<MintAttempt> all(long enrolmentId) throws SQLException {
        return jdbc.tx(c -> {
            List<MintAttempt> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT expiration_ms, started_at, outcome, strays FROM enrol_mint_attempt "
                    + "WHERE enrolment_id = ? ORDER BY started_at, expiration_ms")) {
                Parameters.bind(ps, enrolmentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MintAttempt(Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                rs.getInt(4)));
                    }
                }
            }
            return out;
        });
    }

    private static List<Long> longs(Connection c, String sql, Object... args) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Parameters.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
